/**
 * Each metric's median latency over a synthetic dataset (1M journeys by default) on DuckDB-WASM in Node
 * beside native DuckDB (@duckdb/node-api) running the same SQL. A benchmark, not a test.
 *
 *   npx tsx bench/metrics-bench.ts [--journeys 1000000] [--runs 5] [--seed 7] [--native-threads 1]
 *
 * The dataset is generated in this process with a seeded generator straight into columns (no CSV, no sync:
 * a million journeys through sync would take minutes and measure sync). DuckDB-WASM loads it as Arrow IPC,
 * as a browser does; native DuckDB reads the same rows from CSV files in a temporary folder.
 * DuckDB-WASM runs on one thread; native DuckDB gets --native-threads (default 1: the same core budget).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { DataType, Field, RecordBatch, Schema, Struct, Table, makeData, tableToIPC } from 'apache-arrow';
import { openDuckDB } from '../cli/duckdb.ts';
import {
  channelsSql,
  cohortSql,
  funnelSql,
  healthSql,
  journeyFactsSql,
  journeyStagesSql,
  planSql,
  velocitySql,
  winlossSql,
} from '../metrics/index.ts';
import { DEFAULT_STAGE_MODEL, TABLES, arrowSchema, type TableName } from '../model/index.ts';
import { column } from '../sync/arrow-columns.ts';
import { createRandom, weighted } from './random.ts';

const { values } = parseArgs({
  options: {
    journeys: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '7' },
    'native-threads': { type: 'string', default: '1' },
  },
});
const N = Number(values.journeys);
const RUNS = Number(values.runs);
const model = DEFAULT_STAGE_MODEL;
const DAY = 86_400_000;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

type Columns = Record<string, (string | number | null)[]>;

/** A funnel-shaped dataset: stage-to-stage conversion, skipped stages, unknown times, outcomes, amounts, spend. */
function generate(n: number, seed: number): Record<TableName, Columns> {
  const rng = createRandom(seed);
  const start = Date.UTC(2024, 0, 1);
  const end = Date.UTC(2026, 0, 1);
  const channel = weighted([['Web', 40], ['Ads', 25], ['Partner', 15], ['Events', 10], ['', 10]] as const);
  const source = weighted([['Marketing', 50], ['Sales', 30], ['Executive', 5], ['Partner', 15]] as const);
  const region = weighted([['华东', 30], ['华北', 25], ['华南', 20], ['EMEA', 15], ['Americas', 10]] as const);
  const industry = weighted([['Retail', 30], ['Manufacturing', 25], ['Software', 25], ['Finance', 20]] as const);
  const owners = Array.from({ length: 40 }, (_, i) => `Owner ${i + 1}`);
  const reasons = ['price', 'timing', 'competitor', 'no budget', 'no decision', '竞争对手'];
  // Probability of going on to the next stage, and median days it takes.
  const onward = [0.55, 0.5, 0.6, 0.45, 0.55];
  const gapDays = [4, 7, 10, 21, 30];
  const j: Columns = Object.fromEntries(TABLES.journeys.map((c) => [c.name, []]));
  const e: Columns = { journey_key: [], journey_id: [], stage: [], entered_at: [], crm_stage: [] };
  for (let i = 0; i < n; i++) {
    const id = `J${i}`;
    const created = start + Math.floor(rng.next() * (end - start - 60 * DAY));
    let t = created;
    let deepest = 0;
    const push = (stage: number, at: number) => {
      e.journey_key!.push(i);
      e.journey_id!.push(id);
      e.stage!.push(model.stages[stage]!.key);
      e.entered_at!.push(rng.chance(0.03) ? null : at);
      e.crm_stage!.push(null);
    };
    push(0, t);
    for (let k = 0; k < onward.length && rng.chance(onward[k]!); k++) {
      t += Math.round(rng.lognormal(gapDays[k]!, 0.8) * DAY);
      deepest = k + 1;
      // Some CRMs skip MQL/SQL dates; some deals skip the POC.
      if ((deepest === 1 || deepest === 4) && rng.chance(0.1)) continue;
      push(deepest, t);
    }
    const won = deepest === 5;
    const lost = !won && deepest >= 2 && rng.chance(0.6);
    const closed = won ? t : lost ? t + Math.round(rng.lognormal(14, 0.7) * DAY) : null;
    const row: Record<string, string | number | null> = {
      journey_key: i,
      journey_id: id,
      name: `Account ${i % 50_000}`,
      created_at: created,
      closed_at: closed !== null && closed < end ? closed : null,
      stage: model.stages[deepest]!.key,
      outcome: won ? 'won' : lost && closed! < end ? 'lost' : 'open',
      amount_base: deepest >= 3 ? Math.round(rng.lognormal(50_000, 0.9)) : null,
      currency: 'CNY',
      channel: channel(rng),
      source: source(rng),
      region: region(rng),
      industry: industry(rng),
      owner: rng.pick(owners),
      team: null,
      loss_reason: lost ? rng.pick(reasons) : null,
      poc_result: deepest >= 4 ? (won || rng.chance(0.4) ? 'pass' : 'fail') : null,
    };
    row.amount = row.amount_base ?? null;
    for (const c of TABLES.journeys) j[c.name]!.push(row[c.name] ?? null);
  }
  const s: Columns = { channel: [], month: [], amount: [], currency: [], amount_base: [] };
  for (const ch of ['Web', 'Ads', 'Partner', 'Events']) {
    for (let m = 0; m < 24; m++) {
      const amount = Math.round(rng.uniform(50_000, 200_000));
      s.channel!.push(ch);
      s.month!.push(Date.UTC(2024, m, 1));
      s.amount!.push(amount);
      s.currency!.push('CNY');
      s.amount_base!.push(amount);
    }
  }
  return { journeys: j, stage_events: e, spend: s };
}

function ipc(name: TableName, cols: Columns): Uint8Array {
  const length = Object.values(cols)[0]!.length;
  const fields = arrowSchema(name).fields.map((f) => (DataType.isDictionary(f.type) && length === 0 ? new Field(f.name, f.type.dictionary, f.nullable) : f));
  const children = fields.map((f) => column(f.type, cols[f.name] ?? new Array(length).fill(null)).data[0]!);
  const batch = new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length, nullCount: 0, children }));
  return tableToIPC(new Table([batch]), 'stream');
}

function csv(cols: Columns, names: string[]): string {
  const length = cols[names[0]!]!.length;
  const out: string[] = [names.join(',')];
  for (let i = 0; i < length; i++) {
    out.push(
      names
        .map((n) => {
          const v = cols[n]?.[i] ?? null;
          if (v === null) return '';
          if (typeof v === 'number') return String(v);
          return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
        })
        .join(','),
    );
  }
  return out.join('\n') + '\n';
}

const SQL_TYPE = { id: 'VARCHAR', key: 'INTEGER', text: 'VARCHAR', category: 'VARCHAR', time: 'BIGINT', money: 'DOUBLE' } as const;

console.log(`generating ${fmt(N)} journeys (seed ${values.seed}) ...`);
let t0 = performance.now();
const data = generate(N, Number(values.seed));
console.log(`  ${fmt(data.stage_events.journey_id!.length)} stage events, ${fmt(data.spend.channel!.length)} spend rows in ${fmt(performance.now() - t0)} ms`);

// DuckDB-WASM: Arrow IPC, as the browser loads a dataset.
t0 = performance.now();
const { conn } = await openDuckDB();
for (const name of Object.keys(TABLES) as TableName[]) conn.insertArrowFromIPCStream(ipc(name, data[name]), { name, create: true });
console.log(`  loaded into DuckDB-WASM in ${fmt(performance.now() - t0)} ms`);
// Every engine derives journey_stages once at load (metrics/journey-stages.ts); metrics read it.
t0 = performance.now();
conn.query(journeyStagesSql(model, N));
conn.query(journeyFactsSql(model));
console.log(`  journey_stages derived in DuckDB-WASM in ${fmt(performance.now() - t0)} ms`);

// Native DuckDB: the same rows from CSV (times as epoch ms, turned into timestamps as in the Arrow files).
t0 = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'revlens-metrics-bench-'));
const native = await (await DuckDBInstance.create(':memory:')).connect();
await native.run(`SET threads = ${Number(values['native-threads'])}`);
for (const name of Object.keys(TABLES) as TableName[]) {
  const names = TABLES[name].map((c) => c.name);
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, csv(data[name], names));
  const types = TABLES[name].map((c) => `'${c.name}': '${SQL_TYPE[c.kind]}'`).join(', ');
  const select = TABLES[name].map((c) => (c.kind === 'time' ? `epoch_ms(${c.name}) AS ${c.name}` : c.name)).join(', ');
  await native.run(`CREATE TABLE ${name} AS SELECT ${select} FROM read_csv('${file}', header = true, columns = {${types}})`);
}
rmSync(dir, { recursive: true, force: true });
await native.run(journeyStagesSql(model, N));
await native.run(journeyFactsSql(model));
console.log(`  loaded into native DuckDB (${values['native-threads']} thread(s)) from CSV in ${fmt(performance.now() - t0)} ms\n`);

const multi = (sqls: Record<string, string>) => Object.values(sqls);
const metrics: [string, string[]][] = [
  ['funnel', [funnelSql({}, model)]],
  ['funnel by channel', [funnelSql({ by: 'channel' }, model)]],
  ['funnel strict, 30-day window', [funnelSql({ mode: 'strict', window_days: 30 }, model)]],
  ['funnel, quarter vs quarter', [funnelSql({ from: '2025-04-01', to: '2025-06-30', compare: { from: '2025-01-01', to: '2025-03-31' } }, model)]],
  ['cohort (month)', [cohortSql({}, model)]],
  ['cohort by region (week)', [cohortSql({ period: 'week', by: 'region' }, model)]],
  ['winloss (6 sections)', multi(winlossSql({ by: 'owner' }, model))],
  ['health (3 sections)', multi(healthSql({}, model))],
  ['velocity by owner', [velocitySql({ by: 'owner' }, model)]],
  ['plan', [planSql({ target: 10_000_000 }, model)]],
  ['channels (3 sections)', multi(channelsSql({}, model))],
];

async function time(run: () => unknown | Promise<unknown>): Promise<number> {
  await run(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

console.log(`metric latency, ${fmt(N)} journeys, median of ${RUNS} runs after a warm-up`);
const header = ['metric', 'DuckDB-WASM ms', 'native ms', 'WASM ÷ native'];
const rows: string[][] = [];
for (const [name, sqls] of metrics) {
  const wasm = await time(() => sqls.forEach((sql) => conn.query(sql)));
  const nat = await time(async () => {
    for (const sql of sqls) await native.runAndReadAll(sql);
  });
  rows.push([name, fmt(wasm, 1), fmt(nat, 1), `${fmt(wasm / nat, 1)}×`]);
  console.log(`  ${name}: ${fmt(wasm, 1)} ms vs ${fmt(nat, 1)} ms`);
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`\n${line(header)}\n${rows.map(line).join('\n')}`);
