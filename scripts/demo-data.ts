// The demo dataset: the bundled sample Salesforce export (seeded, so the same files every time),
// synced by the real CLI into demo/public/data/demo/, where the demo page and Storybook find it.
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateSalesforce, type GeneratedCounts } from '../bench/generate-salesforce.ts';
import { main } from '../cli/main.ts';

const root = join(import.meta.dirname, '..');

export async function makeDemoData({
  opportunities = 2000,
  sampleDir = join(root, 'demo/.sample/salesforce'),
  datasetDir = join(root, 'demo/public/data/demo'),
} = {}): Promise<GeneratedCounts> {
  const generated = await generateSalesforce({ outDir: sampleDir, opportunities, seed: 42 });
  const files = Object.entries(generated.files).map(([f, { rows }]) => `${f} ${rows}`).join(', ');
  console.log(`sample Salesforce export: ${relative(root, sampleDir)} (${files})\n`);
  const code = await main(['sync', '--source', 'salesforce', '--in', sampleDir, '--out', datasetDir]);
  if (code !== 0) throw new Error(`revlens sync exited with ${code}`);
  return generated;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await makeDemoData();
