import { beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB, queryRows, type Connection } from '../../cli/duckdb.ts';
import { funnelSql, journeyFactsSql, journeyStagesSql, shapeFunnel, type FunnelSpec } from '../../metrics/index.ts';
import { DEFAULT_STAGE_MODEL, DIMENSIONS, stageKeys } from '../../model/index.ts';
import type { Row } from '../../sync/types.ts';
import { tableIPC } from '../../sync/write-dataset.ts';
import { referenceFunnel, type RefEvent, type RefJourney } from '../reference/funnel.ts';

const model = DEFAULT_STAGE_MODEL;
const STAGES = stageKeys(model);
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

let conn: Connection;
beforeAll(async () => {
  ({ conn } = await openDuckDB());
});

/** Loads rows as a sync writes them: journeys numbered by journey_key, events carrying their journey's. */
function load(journeys: Row[], events: Row[]) {
  const keys = new Map(journeys.map((j, i) => [j.journey_id, i]));
  const keyed = [
    ['journeys', journeys.map((j, i) => ({ ...j, journey_key: i }))],
    ['stage_events', events.map((e) => ({ ...e, journey_key: keys.get(e.journey_id) ?? null }))],
  ] as const;
  for (const [name, rows] of keyed) {
    conn.query(`DROP TABLE IF EXISTS ${name}`);
    conn.insertArrowFromIPCStream(tableIPC(name, rows), { name, create: true });
  }
  conn.query(journeyStagesSql(model, journeys.length));
  conn.query(journeyFactsSql(model));
}

const journey = (id: string, created: string | null, extra: Row = {}): Row => ({
  journey_id: id,
  created_at: created ? day(created) : null,
  stage: 'lead',
  outcome: 'open',
  ...extra,
});
const event = (id: string, stage: string, at: string | null): Row => ({ journey_id: id, stage, entered_at: at ? day(at) : null });

function run(spec: FunnelSpec) {
  return shapeFunnel(queryRows(conn, funnelSql(spec, model)), spec, model, 'en');
}

describe('funnel SQL on a hand-counted dataset', () => {
  // a: lead 01-01 → mql 01-03 → sql 01-07 → won 02-06 (opportunity and poc skipped)
  // b: lead 01-05 → mql 01-06; c: opportunity only 02-01 (time of lead unknown)
  // d: lead 03-01 with mql seen twice (03-04 and 03-02: the earlier counts)
  const journeys = [
    journey('a', '2024-01-01', { source: 'Web' }),
    journey('b', '2024-01-05', { source: 'Web' }),
    journey('c', '2024-02-01', { source: null }),
    journey('d', '2024-03-01', { source: 'Partner' }),
  ];
  const events = [
    event('a', 'lead', '2024-01-01'),
    event('a', 'mql', '2024-01-03'),
    event('a', 'sql', '2024-01-07'),
    event('a', 'won', '2024-02-06'),
    event('b', 'lead', '2024-01-05'),
    event('b', 'mql', '2024-01-06'),
    event('c', 'opportunity', '2024-02-01'),
    event('d', 'lead', '2024-03-01'),
    event('d', 'mql', '2024-03-04'),
    event('d', 'mql', '2024-03-02'),
  ];
  beforeAll(() => load(journeys, events));

  it('counts reach monotonically and converts from previous and first', () => {
    const rows = run({});
    expect(rows.map((r) => [r.stage, r.reached])).toEqual([
      ['lead', 4],
      ['mql', 4],
      ['sql', 2],
      ['opportunity', 2],
      ['poc', 1],
      ['won', 1],
    ]);
    expect(rows.map((r) => r.conversion_from_previous)).toEqual([null, 1, 0.5, 1, 0.5, 1]);
    expect(rows.map((r) => r.conversion_from_first)).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25]);
    // lead→mql: a 2 days, b 1 day, d 1 day (03-01 → 03-02) → median 1; mql→sql: a 4 days.
    expect(rows.map((r) => r.median_days_from_previous)).toEqual([null, 1, 4, null, null, null]);
  });

  it('counts alone when timings are off: the same hand counts, no days', () => {
    const rows = run({ timings: false });
    expect(rows.map((r) => r.reached)).toEqual([4, 4, 2, 2, 1, 1]);
    expect(rows.map((r) => r.conversion_from_first)).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25]);
    expect(rows.every((r) => r.median_days_from_previous === null && r.timed_from_previous === null)).toBe(true);
  });

  it('breaks down by a dimension, with "no value" as its own segment', () => {
    const rows = run({ by: 'source' });
    const reached = (segment: string | null) => rows.filter((r) => r.source === segment).map((r) => r.reached);
    expect(reached('Web')).toEqual([2, 2, 1, 1, 1, 1]);
    expect(reached('Partner')).toEqual([1, 1, 0, 0, 0, 0]);
    expect(reached(null)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(rows.filter((r) => r.source === 'Partner' && r.stage === 'poc')[0]!.conversion_from_previous).toBeNull();
  });

  it('keeps journeys created within an inclusive date range', () => {
    expect(run({ from: '2024-01-05', to: '2024-02-01' }).map((r) => r.reached)).toEqual([2, 2, 1, 1, 0, 0]);
    expect(run({ to: '2024-01-04' }).map((r) => r.reached)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('returns every stage with zero when no journey is in range', () => {
    const rows = run({ from: '2030-01-01' });
    expect(rows.map((r) => r.reached)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(rows.every((r) => r.conversion_from_first === null)).toBe(true);
  });

  it('rejects a spec it cannot build safely', () => {
    expect(() => funnelSql({ by: 'name; DROP TABLE journeys' as never }, model)).toThrow();
    expect(() => funnelSql({ from: '2024-02-30' }, model)).toThrow(/calendar/);
    expect(() => funnelSql({ from: '2024-03-01', to: '2024-02-01' }, model)).toThrow(/after/);
  });
});

/** A small seeded generator (mulberry32) for datasets the reference and the SQL must agree on. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDataset(rand: () => number): { journeys: RefJourney[]; events: RefEvent[] } {
  const journeys: RefJourney[] = [];
  const events: RefEvent[] = [];
  const n = Math.floor(rand() * 25);
  const base = day('2024-01-01');
  for (let i = 0; i < n; i++) {
    const id = `j${i}`;
    const created = rand() < 0.1 ? null : base + Math.floor(rand() * 90) * 86_400_000;
    const source = rand() < 0.2 ? null : ['Web', 'Partner', '线索'][Math.floor(rand() * 3)]!;
    journeys.push({ journey_id: id, created_at: created, source, stage: 'lead', outcome: 'open' });
    // Any subset of stages, in order, some without a time, some entered twice; some journeys none.
    let t = created ?? base;
    for (const stage of STAGES) {
      if (rand() < 0.45) continue;
      t += Math.floor(rand() * 20 * 86_400_000);
      events.push({ journey_id: id, stage, entered_at: rand() < 0.15 ? null : t });
      if (rand() < 0.1) events.push({ journey_id: id, stage, entered_at: t + Math.floor((rand() - 0.5) * 5 * 86_400_000) });
    }
  }
  return { journeys, events };
}

describe('funnel SQL agrees with the plain-TypeScript reference', () => {
  it('on 150 random datasets, whole, broken down and date-ranged', () => {
    const rand = random(20261126);
    for (let round = 0; round < 150; round++) {
      const { journeys, events } = randomDataset(rand);
      load(journeys, events as unknown as Row[]);
      const cases: [FunnelSpec, Parameters<typeof referenceFunnel>[3]][] = [
        [{}, {}],
        [{ by: 'source' }, { by: 'source' }],
        [{ from: '2024-01-20', to: '2024-02-28' }, { from: day('2024-01-20'), toExclusive: day('2024-02-29') }],
      ];
      for (const [spec, opts] of cases) {
        const got = run(spec).map((r) => ({ ...r, segment: spec.by ? r[spec.by] : null }));
        const want = referenceFunnel(STAGES, journeys, events, opts);
        const key = (r: { segment: unknown; stage: string }) => `${r.segment}|${r.stage}`;
        expect(got.map(key).sort(), `round ${round} ${JSON.stringify(spec)}`).toEqual(want.map(key).sort());
        for (const w of want) {
          const g = got.find((r) => key(r) === key(w))!;
          expect(g.reached, `round ${round} ${key(w)}`).toBe(w.reached);
          expect(g.conversion_from_previous).toBe(w.conversion_from_previous);
          expect(g.conversion_from_first).toBe(w.conversion_from_first);
          if (w.median_days_from_previous === null) expect(g.median_days_from_previous).toBeNull();
          else expect(g.median_days_from_previous).toBeCloseTo(w.median_days_from_previous, 9);
        }
      }
    }
  });
});

describe('funnel SQL breaks down by every dimension', () => {
  it.each(DIMENSIONS)('by %s: the value sits under the dimension\'s name, beside the stage', (by) => {
    const other = by === 'outcome' ? 'z' : null; // outcome is never empty; 'z' sorts after 'x' as null does
    load([journey('a', '2024-01-01', { [by]: 'x' }), journey('b', '2024-01-02', { [by]: other })], [event('a', 'lead', '2024-01-01'), event('b', 'mql', '2024-01-02')]);
    const rows = run({ by });
    expect(rows.map((r) => [r[by], r.stage, r.reached]).filter(([, stage]) => stage === 'lead' || stage === 'mql')).toEqual([
      ['x', 'lead', 1],
      ['x', 'mql', 0],
      [other, 'lead', 1],
      [other, 'mql', 1],
    ]);
  });
});
