// The demo dataset: the bundled sample Salesforce export (seeded, so the same files every time), synced by the
// real CLI into demo/public/data/demo/, where the demo page and Storybook find it; beside it, demo-truth.json,
// the generator's own count of what it generated (stories check the drawn numbers against it). When the real
// CRM exports of ../shared/fixtures/crm are there, they are synced too (Storybook's dataset control).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateSalesforce, type GeneratedCounts } from '../bench/generate-salesforce.ts';
import { main } from '../cli/main.ts';
import { FIXTURES } from './fixtures.ts';

const root = join(import.meta.dirname, '..');

/** Real exports nobody here wrote, and how each syncs (the CSV ones through the example mappings). */
const FIXTURE_DATASETS: Record<string, string[]> = {
  'salesforce-devorg': ['--source', 'salesforce'],
  'salesforce-sfdc-assets': ['--source', 'salesforce'],
  'maven-crm': ['--source', 'csv', '--config', join(root, 'examples/mappings/maven-crm.json')],
  'olist-funnel': ['--source', 'csv', '--config', join(root, 'examples/mappings/olist-funnel.json')],
};

async function sync(inDir: string, outDir: string, options: string[]): Promise<void> {
  const code = await main(['sync', ...options, '--in', inDir, '--out', outDir]);
  if (code !== 0) throw new Error(`revlens sync ${inDir} exited with ${code}`);
}

export async function makeDemoData({
  opportunities = 2000,
  sampleDir = join(root, 'demo/.sample/salesforce'),
  datasetDir = join(root, 'demo/public/data/demo'),
} = {}): Promise<GeneratedCounts> {
  const generated = await generateSalesforce({ outDir: sampleDir, opportunities, seed: 42 });
  const files = Object.entries(generated.files).map(([f, { rows }]) => `${f} ${rows}`).join(', ');
  console.log(`sample Salesforce export: ${relative(root, sampleDir)} (${files})\n`);
  await sync(sampleDir, datasetDir, ['--source', 'salesforce']);
  await writeFile(`${datasetDir}-truth.json`, JSON.stringify(generated.truth, null, 2));
  return generated;
}

/** Syncs each real export into dataRoot/<name>/; returns the names synced (none when the fixtures are absent). */
export async function makeFixtureData(dataRoot = join(root, 'demo/public/data')): Promise<string[]> {
  if (!existsSync(FIXTURES)) {
    console.log(`no real CRM exports at ${FIXTURES}: only the demo dataset`);
    return [];
  }
  for (const [name, options] of Object.entries(FIXTURE_DATASETS)) await sync(join(FIXTURES, name), join(dataRoot, name), options);
  return Object.keys(FIXTURE_DATASETS);
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  await makeDemoData();
  await makeFixtureData();
}
