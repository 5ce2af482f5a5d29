import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cohortSql, shapeCohort, type CohortSpec } from '../../metrics/index.ts';
import { dayMs, type RefData } from '../reference/common.ts';
import { referenceCohort } from '../reference/cohort.ts';
import { BATCH, BATCHES, RUNS, STAGES, batchArb, datasetArb, expectSameRows, metricsEngine, model, runner } from '../reference/datasets.ts';

let engine: Awaited<ReturnType<typeof metricsEngine>>;
let run: ReturnType<typeof runner>;
beforeAll(async () => {
  engine = await metricsEngine();
  run = runner(engine.conn);
});

type Opts = Parameters<typeof referenceCohort>[2];
const CASES: [CohortSpec, Opts][] = [
  [{}, {}],
  [{ period: 'week', stage: 'opportunity', by: 'source' }, { unit: 'week', stage: 'opportunity', by: 'source' }],
  [{ period: 'quarter', as_of: '2024-03-15', from: '2024-01-10' }, { unit: 'quarter', asOf: '2024-03-15', from: '2024-01-10' }],
];
const key = (r: Record<string, unknown>) => `${r.segment}|${r.cohort}|${r.period}`;

function check(data: RefData, cases: [CohortSpec, Opts][]) {
  engine.load(data);
  for (const [spec, opts] of cases) {
    const got = run(cohortSql(spec, model)).map(({ as_of: _, ...r }) => r);
    expectSameRows(got, referenceCohort(STAGES, data, opts) as never, key, JSON.stringify(spec));
  }
}

describe('cohort: SQL and the plain-TypeScript reference agree on generated datasets', () => {
  it(`${RUNS} datasets, one at a time × ${CASES.length} specs`, () => {
    fc.assert(fc.property(datasetArb, (d) => check(d, CASES)), { numRuns: RUNS });
  });
  it(`${BATCHES * BATCH} more datasets, ${BATCH} at a time (by team)`, () => {
    const byTeam = CASES.map(([s, o]) => [{ ...s, by: 'team' }, { ...o, by: 'team' }] as [CohortSpec, Opts]);
    fc.assert(fc.property(batchArb, (d) => check(d, byTeam)), { numRuns: BATCHES });
  });
});

describe('cohort: hand-counted', () => {
  // January cohort: a (01-05, won 02-10, 100), b (01-20, reached opportunity 01-25, lost), c (01-31, won 03-02, 50).
  // February cohort: d (02-01, open). Latest timestamp: 03-02 (c's win) → as of 2024-03-02, March incomplete.
  const data: RefData = {
    journeys: [
      { journey_id: 'a', created_at: dayMs('2024-01-05'), closed_at: dayMs('2024-02-10'), outcome: 'won', amount_base: 100, stage: 'won' },
      { journey_id: 'b', created_at: dayMs('2024-01-20'), closed_at: dayMs('2024-01-28'), outcome: 'lost', amount_base: 70, stage: 'opportunity' },
      { journey_id: 'c', created_at: dayMs('2024-01-31'), closed_at: dayMs('2024-03-02'), outcome: 'won', amount_base: 50, stage: 'won' },
      { journey_id: 'd', created_at: dayMs('2024-02-01'), closed_at: null, outcome: 'open', amount_base: null, stage: 'lead' },
    ],
    events: [
      { journey_id: 'a', stage: 'lead', entered_at: dayMs('2024-01-05') },
      { journey_id: 'a', stage: 'won', entered_at: dayMs('2024-02-10') },
      { journey_id: 'b', stage: 'opportunity', entered_at: dayMs('2024-01-25') },
      { journey_id: 'c', stage: 'won', entered_at: dayMs('2024-03-02') },
      { journey_id: 'd', stage: 'lead', entered_at: dayMs('2024-02-01') },
    ],
  };
  beforeAll(() => engine.load(data));
  const cohort = (spec: CohortSpec) => shapeCohort(run(cohortSql(spec, model)), spec, model, 'en');

  it('counts Won by the end of each month since creation, with revenue, and marks the running month incomplete', () => {
    const rows = cohort({});
    expect(rows.map((r) => [r.cohort, r.period, r.size, r.reached, r.revenue_won, r.complete])).toEqual([
      ['2024-01-01', 0, 3, 0, 0, true],
      ['2024-01-01', 1, 3, 1, 100, true],
      ['2024-01-01', 2, 3, 2, 150, false],
      ['2024-02-01', 0, 1, 0, 0, true],
      ['2024-02-01', 1, 1, 0, 0, false],
    ]);
    expect(rows[2]!.share).toBe(2 / 3);
    expect(rows[0]!.as_of).toBe('2024-03-02T00:00:00.000Z');
  });

  it('as of a moment: one millisecond before the last event leaves that win out', () => {
    const before = cohort({ as_of: '2024-03-01T23:59:59.999Z' });
    expect(before[0]!.as_of).toBe('2024-03-01T23:59:59.999Z');
    // c's win (03-02 00:00) is after it: January's cohort has 1 won by period 2, not 2 as above.
    expect(before.find((r) => r.cohort === '2024-01-01' && r.period === 2)?.reached).toBe(1);
    expect(() => cohortSql({ as_of: '2024-03-01 10:00' }, model)).toThrow(/YYYY-MM-DD/);
  });

  it('any stage, and as of an earlier day: later events do not count and later periods are not shown', () => {
    const rows = cohort({ stage: 'opportunity', as_of: '2024-02-29' });
    // Opportunity or later: b (01-25) in period 0, a (won 02-10) in period 1; c's win is after as_of.
    expect(rows.map((r) => [r.cohort, r.period, r.reached, r.complete])).toEqual([
      ['2024-01-01', 0, 1, true],
      ['2024-01-01', 1, 2, true],
      ['2024-02-01', 0, 0, true],
    ]);
  });

  it('an empty dataset has no cohorts', () => {
    engine.load({ journeys: [], events: [] });
    expect(cohort({})).toEqual([]);
    engine.load(data);
  });
});
