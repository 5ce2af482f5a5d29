/**
 * Before the stories run as tests: the datasets they show (scripts/demo-data.ts), in the folder Storybook serves
 * as /data/ when run by vitest (REVLENS_DEMO_DATA, set in vite.config.ts), not demo/public/data.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemoData, makeFixtureData } from '../../scripts/demo-data.ts';

export default async function setup(): Promise<void> {
  const data = process.env.REVLENS_DEMO_DATA;
  if (!data) throw new Error('REVLENS_DEMO_DATA is not set: run the stories through vitest (vite.config.ts sets it)');
  await makeDemoData({ sampleDir: join(tmpdir(), 'revlens-storybook-sample'), datasetDir: join(data, 'demo') });
  await makeFixtureData(data);
}
