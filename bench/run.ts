/**
 * npm run bench: sync throughput and funnel query latency on a generated 100k-opportunity Salesforce
 * export, then sync of a 1M-opportunity export beside DuckDB's native CSV reader. A benchmark, not a
 * test: it prints medians and ratios to baselines measured in the same run.
 *   npm run bench -- --opportunities 20000 --runs 5 --large 0      (--large 0 skips the 1M part)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDataset, openDuckDB, queryRows } from '../cli/duckdb.ts';
import { funnelSql, type FunnelSpec } from '../metrics/index.ts';
import { generateSalesforce } from './generate-salesforce.ts';

const { values } = parseArgs({
  options: {
    opportunities: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    large: { type: 'string', default: '1000000' },
  },
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

/** The export of that size, generated once per size and seed (the generator is deterministic). */
async function generated(size: number): Promise<{ dir: string; rows: number; mb: number; line: string }> {
  const dir = join(root, `salesforce-${size}`);
  const marker = join(dir, 'generated.json');
  if (!existsSync(marker)) {
    console.log(`generating a ${fmt(size)}-opportunity Salesforce export in ${dir} ...`);
    const g = await generateSalesforce({ outDir: dir, opportunities: size, seed: 42 });
    writeFileSync(marker, JSON.stringify(g.files));
  }
  const files = JSON.parse(readFileSync(marker, 'utf8')) as Record<string, { rows: number; bytes: number }>;
  const rows = Object.values(files).reduce((n, f) => n + f.rows, 0);
  const mb = Object.values(files).reduce((n, f) => n + f.bytes, 0) / 1e6;
  const line = `${fmt(rows)} CSV rows, ${fmt(mb, 1)} MB (${Object.entries(files).map(([f, { rows: r }]) => `${f} ${fmt(r)}`).join(', ')})`;
  return { dir, rows, mb, line };
}

const { rows: csvRows, line } = await generated(opportunities);
console.log(`export: ${line}\n`);

const syncs = Array.from({ length: runs }, () => child('measure-sync.ts', exportDir, datasetDir));
const natives = Array.from({ length: runs }, () => child('measure-native.ts', exportDir));
const parses = Array.from({ length: runs }, () => child('measure-parse.ts', exportDir));
const syncMs = median(syncs.map((s) => s.ms));
const parseMs = median(parses.map((s) => s.ms));
console.log(`sync (${runs} runs, median)`);
console.log(`  revlens sync             ${fmt(syncMs)} ms   ${fmt(csvRows / (syncMs / 1000))} rows/s   peak RSS ${fmt(Math.max(...syncs.map((s) => s.peakRssMB)))} MB`);
console.log(`  baseline: decode + parse ${fmt(parseMs)} ms   ${fmt(csvRows / (parseMs / 1000))} rows/s   peak RSS ${fmt(Math.max(...parses.map((s) => s.peakRssMB)))} MB`);
const nativeMs = median(natives.map((s) => s.ms));
console.log(`  baseline: DuckDB native  ${fmt(nativeMs)} ms   ${fmt(csvRows / (nativeMs / 1000))} rows/s   peak RSS ${fmt(Math.max(...natives.map((s) => s.peakRssMB)))} MB`);
console.log(`  sync ÷ parse: ${fmt(syncMs / parseMs, 2)}×   sync ÷ native: ${fmt(syncMs / nativeMs, 2)}×\n`);

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

// The large export: one run each (minutes), sync beside DuckDB's native reader on the same files.
const large = Number(values.large);
if (large > 0) {
  const big = await generated(large);
  console.log(`\nlarge export: ${big.line}`);
  const sync = child('measure-sync.ts', big.dir, join(root, `dataset-${large}`));
  const native = child('measure-native.ts', big.dir);
  console.log(`  revlens sync             ${fmt(sync.ms)} ms   ${fmt(big.rows / (sync.ms / 1000))} rows/s   peak RSS ${fmt(sync.peakRssMB)} MB`);
  console.log(`  baseline: DuckDB native  ${fmt(native.ms)} ms   ${fmt(big.rows / (native.ms / 1000))} rows/s   peak RSS ${fmt(native.peakRssMB)} MB`);
  console.log(`  sync ÷ native: ${fmt(sync.ms / native.ms, 2)}×  (target ≤ 1.5×; peak RSS target ≤ 1,536 MB)`);
}
