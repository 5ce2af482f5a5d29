// The baseline for sync: the same files only decoded and parsed as CSV, nothing else.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openCsv } from '../sync/csv.ts';

const [inDir] = process.argv.slice(2);
const began = performance.now();
let rows = 0;
for (const name of await readdir(inDir!)) {
  if (!name.endsWith('.csv')) continue;
  for await (const _ of (await openCsv(join(inDir!, name))).records()) rows++;
}
const ms = performance.now() - began;
console.log(JSON.stringify({ ms, rows, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
