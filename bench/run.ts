/**
 * npm run bench: sync throughput and funnel query latency on a generated 100k-opportunity Salesforce
 * export. A benchmark, not a test: it prints medians and ratios to baselines measured in the same run.
 *   npm run bench -- --opportunities 20000 --runs 5
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDataset, openDuckDB, queryRows } from '../cli/duckdb.ts';
import { funnelSql, type FunnelSpec } from '../metrics/index.ts';
import { generateSalesforce } from './generate-salesforce.ts';

const { values } = parseArgs({
  options: { opportunities: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' } },
});
const opportunities = Number(values.opportunities);
const runs = Number(values.runs);
const root = join(import.meta.dirname, '.out');
const exportDir = join(root, `salesforce-${opportunities}`);
const datasetDir = join(root, `dataset-${opportunities}`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs a bench script in a child process (its own peak RSS) and returns its JSON line. */
function child(script: string, ...args: string[]): { ms: number; rows: number; peakRssMB: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

// The export is generated once per size and seed (the generator is deterministic).
const marker = join(exportDir, 'generated.json');
if (!existsSync(marker)) {
  console.log(`generating a ${fmt(opportunities)}-opportunity Salesforce export in ${exportDir} ...`);
  const g = await generateSalesforce({ outDir: exportDir, opportunities, seed: 42 });
  writeFileSync(marker, JSON.stringify(g.files));
}
const files = JSON.parse(readFileSync(marker, 'utf8')) as Record<string, { rows: number; bytes: number }>;
const csvRows = Object.values(files).reduce((n, f) => n + f.rows, 0);
const csvMB = Object.values(files).reduce((n, f) => n + f.bytes, 0) / 1e6;
console.log(`export: ${fmt(csvRows)} CSV rows, ${fmt(csvMB, 1)} MB (${Object.entries(files).map(([f, { rows }]) => `${f} ${fmt(rows)}`).join(', ')})\n`);

const syncs = Array.from({ length: runs }, () => child('measure-sync.ts', exportDir, datasetDir));
const parses = Array.from({ length: runs }, () => child('measure-parse.ts', exportDir));
const syncMs = median(syncs.map((s) => s.ms));
const parseMs = median(parses.map((s) => s.ms));
console.log(`sync (${runs} runs, median)`);
console.log(`  revlens sync             ${fmt(syncMs)} ms   ${fmt(csvRows / (syncMs / 1000))} rows/s   peak RSS ${fmt(Math.max(...syncs.map((s) => s.peakRssMB)))} MB`);
console.log(`  baseline: decode + parse ${fmt(parseMs)} ms   ${fmt(csvRows / (parseMs / 1000))} rows/s   peak RSS ${fmt(Math.max(...parses.map((s) => s.peakRssMB)))} MB`);
console.log(`  sync ÷ parse: ${fmt(syncMs / parseMs, 2)}×\n`);

const { conn } = await openDuckDB();
const manifest = await loadDataset(conn, datasetDir);
const time = (sql: string) => {
  queryRows(conn, sql); // warm-up
  return median(
    Array.from({ length: 10 }, () => {
      const t = performance.now();
      queryRows(conn, sql);
      return performance.now() - t;
    }),
  );
};
const baseline = time('SELECT stage, count(*) AS n FROM stage_events GROUP BY stage');
console.log(`funnel on DuckDB-WASM in Node, ${fmt(manifest.tables.journeys.rows)} journeys, ${fmt(manifest.tables.stage_events.rows)} stage events (median of 10)`);
console.log(`  baseline: count stage events by stage  ${fmt(baseline, 1)} ms`);
const specs: [string, FunnelSpec][] = [
  ['funnel', {}],
  ['funnel by source', { by: 'source' }],
  ['funnel by owner', { by: 'owner' }],
  ['funnel, one quarter', { from: '2026-01-01', to: '2026-03-31' }],
];
for (const [name, spec] of specs) {
  const ms = time(funnelSql(spec, manifest.stage_model));
  console.log(`  ${name.padEnd(36)} ${fmt(ms, 1)} ms   ${fmt(ms / baseline, 1)}× baseline`);
}
