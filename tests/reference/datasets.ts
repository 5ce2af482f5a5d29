/**
 * Generated datasets for the metric property tests (fast-check), and a DuckDB-WASM connection that loads
 * them fast: the tables are emptied and refilled from Arrow IPC.
 */
import fc from 'fast-check';
import { beforeAll, expect } from 'vitest';
import { openDuckDB, type Connection } from '../../cli/duckdb.ts';
import { journeyFactsSql, journeyStagesSql } from '../../metrics/journey-stages.ts';
import { DataType, Field, RecordBatch, Schema, Struct, Table, makeData, tableToIPC } from 'apache-arrow';
import { DEFAULT_STAGE_MODEL, arrowSchema, stageKeys, type TableName } from '../../model/index.ts';
import { column } from '../../sync/arrow-columns.ts';
import { journeyFilterSchema, type JourneyFilter } from '../../metrics/filter.ts';
import { check } from '../../model/schema.ts';
import type { Row } from '../../sync/types.ts';
import type { RefData, RefEvent, RefJourney, RefSpend } from './common.ts';
import { stageFacts, type JourneyColumns } from '../../metrics/journey-columns.ts';
import { tableIPC } from '../../sync/write-dataset.ts';
import { eventColumns, readEvents } from '../../widgets/engine/event-columns.ts';
import { readJourneys } from '../../widgets/engine/journey-columns.ts';

export const model = DEFAULT_STAGE_MODEL;
export const STAGES = stageKeys(model);
const DAY = 86_400_000;
export const BASE = Date.parse('2024-01-01T00:00:00Z');

/** How many datasets each property runs; REVLENS_PROPERTY_RUNS overrides (e.g. 5000 for a long soak). */
export const RUNS = Number(process.env.REVLENS_PROPERTY_RUNS ?? 20);

const text = (values: string[]) => fc.option(fc.constantFrom(...values), { freq: 4 });

/** A time: whole days often (ties), sometimes hours; within ~5 months from BASE. */
const when = fc.tuple(fc.integer({ min: 0, max: 150 }), fc.constantFrom(0, 0, 0, 6 * 3_600_000, 13 * 3_600_000 + 1)).map(([d, h]) => BASE + d * DAY + h);

const journeyArb = fc.record({
  created: fc.option(when, { freq: 8 }),
  closedAfter: fc.option(fc.integer({ min: -3, max: 90 }), { freq: 3 }),
  outcome: fc.constantFrom('open', 'won', 'lost'),
  amount: fc.option(fc.constantFrom(0, 10, 25.5, 100, 1000, 3333.33), { freq: 4 }),
  source: text(['Web', 'Partner', '展会']),
  channel: fc.option(fc.constantFrom('Web', 'Ads', '', '展会'), { freq: 2 }),
  region: text(['North', 'South', '华东']),
  industry: text(['Retail', 'Tech']),
  owner: text(['Ann', 'Bo', '王伟']),
  loss_reason: text(['price', 'timing', '竞争对手', 'no budget']),
  poc_result: fc.option(fc.constantFrom('pass', 'fail'), { freq: 2 }),
  // Per stage: skipped, entered at a known time (days after the previous), entered with no time; some twice.
  steps: fc.array(
    fc.record({
      kind: fc.constantFrom('skip', 'skip', 'time', 'time', 'time', 'null'),
      gap: fc.integer({ min: -2, max: 25 }),
      again: fc.option(fc.integer({ min: -3, max: 3 }), { freq: 8 }),
    }),
    { minLength: STAGES.length, maxLength: STAGES.length },
  ),
});

const spendArb = fc.record({
  channel: fc.constantFrom('Web', 'Ads', '展会', 'Radio'),
  month: fc.integer({ min: 0, max: 5 }),
  amount: fc.option(fc.constantFrom(50, 120.5, 999), { freq: 6 }),
});

/** A dataset: up to 12 journeys (empty ones too), their events, up to 4 spend rows. */
export const datasetArb: fc.Arbitrary<RefData> = fc
  .tuple(fc.array(journeyArb, { maxLength: 12 }), fc.array(spendArb, { maxLength: 4 }))
  .map(([js, sp]) => {
    const journeys: RefJourney[] = [];
    const events: RefEvent[] = [];
    js.forEach((g, n) => {
      const id = `j${n}`;
      let t = g.created ?? BASE + 10 * DAY;
      const closedAt = g.outcome === 'open' || g.closedAfter === null ? null : t + g.closedAfter * DAY;
      journeys.push({
        journey_id: id,
        name: `Deal ${n}`,
        created_at: g.created,
        closed_at: closedAt,
        stage: 'lead',
        outcome: g.outcome,
        amount_base: g.amount,
        source: g.source,
        channel: g.channel,
        region: g.region,
        industry: g.industry,
        owner: g.owner,
        loss_reason: g.outcome === 'lost' ? g.loss_reason : null,
        poc_result: g.poc_result,
      });
      g.steps.forEach((s, i) => {
        if (s.kind === 'skip') return;
        t += s.gap * DAY;
        events.push({ journey_id: id, stage: STAGES[i]!, entered_at: s.kind === 'null' ? null : t });
        if (s.again !== null) events.push({ journey_id: id, stage: STAGES[i]!, entered_at: t + s.again * DAY });
      });
    });
    const spend: RefSpend[] = sp.map((s) => ({
      channel: s.channel,
      month: Date.UTC(2024, s.month, 1),
      amount_base: s.amount,
    }));
    return { journeys, events, spend };
  });

/** A board's filter over the generated datasets: any of a created range, stage reached and values of three dimensions (none too). */
const valuesOf = (xs: string[]) => fc.array(fc.option(fc.constantFrom(...xs), { freq: 3 }), { minLength: 1, maxLength: 3 });
export const filterArb: fc.Arbitrary<JourneyFilter> = fc
  .record(
    {
      from: fc.constantFrom('2024-01-20', '2024-02-01', '2024-03-10'),
      to: fc.constantFrom('2024-03-31', '2024-04-20', '2024-06-01'),
      reached: fc.constantFrom(...STAGES),
      where: fc.record(
        { source: valuesOf(['Web', 'Partner', '展会']), region: valuesOf(['North', '华东']), channel: valuesOf(['Web', 'Ads', '展会']) },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  )
  .filter((f) => check(journeyFilterSchema, f).success);

/** A board's filter, or none (the generated filters select few journeys: most of a widget's work is unfiltered). */
export const boardFilterArb = fc.oneof(fc.constant({}), filterArb);

/** The day (YYYY-MM-DD) d days after BASE: dates for specs, within the generated data's months. */
export const dayAfterBase = (d: number) => new Date(BASE + d * DAY).toISOString().slice(0, 10);

/**
 * A table as Arrow IPC with the model's columns, categories as plain text and every column nullable: the same
 * Arrow schema for every load, empty or not (tableIPC writes an empty category column as plain text), so rows
 * can be appended to the tables the first load created.
 */
function plainIPC(name: TableName, rows: Row[]): Uint8Array {
  const fields = arrowSchema(name).fields.map((f) => (DataType.isDictionary(f.type) ? new Field(f.name, f.type.dictionary, true) : new Field(f.name, f.type, true)));
  const children = fields.map((f) => column(f.type, rows.map((r) => r[f.name] ?? null)).data[0]!);
  const batch = new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children }));
  return tableToIPC(new Table([batch]), 'stream');
}

/** Each journey's journey_key: its row number, as a sync writes it (model/tables.ts). */
export const journeyKeys = (data: RefData) => new Map(data.journeys.map((j, i) => [j.journey_id, i]));

/** A row with its counts (BigInt, as DuckDB and the page's funnel count give them) as numbers. */
export function withNumbers(row: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(row)) if (typeof row[k] === 'bigint') row[k] = Number(row[k]);
  return row;
}

/** The stage_events rows a sync writes for the data (journey_key: the journey's row number; -1 for none). */
export function eventRows(data: RefData) {
  const keys = journeyKeys(data);
  return data.events.map((e) => ({ journey_key: keys.get(e.journey_id) ?? -1, journey_id: e.journey_id, stage: e.stage, entered_at: e.entered_at, crm_stage: e.stage }));
}

/** The journeys as a page reads them (widgets/engine): from the Arrow files a sync writes for the data. */
export function pageColumns(data: RefData): JourneyColumns {
  const facts = stageFacts(model, data.journeys.length, eventColumns(readEvents(tableIPC('stage_events', eventRows(data))), model));
  const read = readJourneys(tableIPC('journeys', data.journeys.map((j, i) => ({ ...j, journey_key: i, stage: 'lead', outcome: j.outcome ?? 'open' }))), facts);
  expect(read.misplaced).toBe(0);
  return read.columns;
}

/** One engine for a test file; `load` replaces the three tables' rows. */
export async function metricsEngine() {
  const { conn } = await openDuckDB();
  let created = false;
  const load = (data: RefData) => {
    const keys = journeyKeys(data);
    const tables: [TableName, Row[]][] = [
      ['journeys', data.journeys.map((j, i) => ({ ...j, journey_key: i })) as Row[]],
      ['stage_events', data.events.map((e) => ({ ...e, journey_key: keys.get(e.journey_id) ?? null })) as unknown as Row[]],
      ['spend', (data.spend ?? []).map((s) => ({ ...s, amount: s.amount_base ?? 0 })) as unknown as Row[]],
    ];
    for (const [name, rows] of tables) {
      if (created) conn.query(`DELETE FROM ${name}`);
      else conn.query(`DROP TABLE IF EXISTS ${name}`);
      if (rows.length || !created) conn.insertArrowFromIPCStream(plainIPC(name, rows), { name, create: !created });
    }
    conn.query(journeyStagesSql(model, data.journeys.length));
    conn.query(journeyFactsSql(model));
    created = true;
  };
  return { conn, load };
}

/**
 * The SQL side of a test file's comparisons: a DuckDB engine opened before its tests, `load` to put a dataset in,
 * `run` to query it.
 */
export function sqlEngine() {
  let engine: Awaited<ReturnType<typeof metricsEngine>>;
  let run: ReturnType<typeof runner>;
  beforeAll(async () => {
    engine = await metricsEngine();
    run = runner(engine.conn);
  });
  return { load: (data: RefData) => engine.load(data), run: (sql: string) => run(sql) };
}

/**
 * Runs SQL with counts as numbers. Not prepared statements: DuckDB plans with the statistics of the data at
 * the time (e.g. "this column has no NULLs"), so a statement prepared on one dataset can answer wrongly on the next.
 */
export function runner(conn: Connection) {
  return (sql: string): Record<string, unknown>[] =>
    conn.query(sql).toArray().map((r) => withNumbers(r.toJSON() as Record<string, unknown>));
}

/** Fields computed from sums, means or quantiles: equal within 1e-9 (relative); every other field exactly. */
const CLOSE = /median|p25|p75|mean|average|revenue|spend|cost_per|roi|velocity|needed|days/;

/** Asserts two row lists hold the same rows, matched by key, field by field. */
export function expectSameRows(got: Record<string, unknown>[], want: Record<string, unknown>[], key: (r: Record<string, unknown>) => string, where: string) {
  const g = new Map(got.map((r) => [key(r), r]));
  expect([...g.keys()].sort(), `${where}: rows`).toEqual(want.map(key).sort());
  for (const w of want) {
    const row = g.get(key(w))!;
    for (const [field, value] of Object.entries(w)) {
      const actual = row[field] === undefined ? null : row[field];
      const msg = `${where}: ${key(w)}.${field}`;
      if (typeof value === 'number' && typeof actual === 'number' && CLOSE.test(field)) {
        expect(Math.abs(actual - value), msg).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
      } else if (typeof value === 'boolean') expect(Boolean(actual), msg).toBe(value);
      else expect(actual, msg).toBe(value);
    }
  }
}

/**
 * Many generated datasets as one: journey ids prefixed, `team` set to the dataset's name. A metric broken down
 * by team then answers for every dataset in one query (planning a query costs more than running it here).
 */
export function combine(datasets: RefData[]): RefData {
  const out: Required<RefData> = { journeys: [], events: [], spend: [] };
  datasets.forEach((d, k) => {
    out.journeys.push(...d.journeys.map((j) => ({ ...j, journey_id: `d${k}-${j.journey_id}`, team: `d${k}` })));
    out.events.push(...d.events.map((e) => ({ ...e, journey_id: `d${k}-${e.journey_id}` })));
    out.spend.push(...(d.spend ?? []));
  });
  return out;
}
export const BATCH = 40;
export const BATCHES = Number(process.env.REVLENS_PROPERTY_BATCHES ?? 15);
export const batchArb = fc.array(datasetArb, { minLength: BATCH, maxLength: BATCH }).map(combine);

/** Checks a sectioned metric (winloss, health, channels): every section's rows, matched by key. */
export function expectSameSections(
  got: Record<string, Record<string, unknown>[]>,
  want: Record<string, Record<string, unknown>[]>,
  key: (section: string, r: Record<string, unknown>) => string,
  where: string,
) {
  for (const section of Object.keys(want)) expectSameRows(got[section]!, want[section]!, (r) => key(section, r), `${where} ${section}`);
}
