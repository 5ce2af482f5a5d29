// The demo dataset: the bundled sample Salesforce export (seeded, so the same files every time),
// synced by the real CLI into demo/public/data/demo/, where the demo page and Storybook find it.
import { join, relative } from 'node:path';
import { generateSalesforce } from '../bench/generate-salesforce.ts';
import { main } from '../cli/main.ts';

const root = join(import.meta.dirname, '..');
const sample = join(root, 'demo/.sample/salesforce');
const dataset = join(root, 'demo/public/data/demo');

const generated = await generateSalesforce({ outDir: sample, opportunities: 2000, seed: 42 });
const files = Object.entries(generated.files).map(([f, { rows }]) => `${f} ${rows}`).join(', ');
console.log(`sample Salesforce export: ${relative(root, sample)} (${files})\n`);

const code = await main(['sync', '--source', 'salesforce', '--in', sample, '--out', dataset]);
if (code !== 0) process.exit(code);
