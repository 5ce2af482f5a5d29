/**
 * Before the stories run as tests: the datasets they show (scripts/demo-data.ts), where Storybook serves them
 * (demo/public/data, as /data/).
 */
import { makeDemoData, makeFixtureData } from '../../scripts/demo-data.ts';

export default async function setup(): Promise<void> {
  await makeDemoData();
  await makeFixtureData();
}
