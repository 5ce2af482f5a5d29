import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { funnelSql, shapeFunnel, type FunnelSpec } from '../../metrics/index.ts';
import { referenceFunnel, type RefFunnelOptions } from '../reference/funnel.ts';
import { dayMs, DAY, type RefData } from '../reference/common.ts';
import { BATCH, BATCHES, RUNS, STAGES, batchArb, datasetArb, expectSameRows, metricsEngine, model, runner } from '../reference/datasets.ts';

let engine: Awaited<ReturnType<typeof metricsEngine>>;
let run: ReturnType<typeof runner>;
beforeAll(async () => {
  engine = await metricsEngine();
  run = runner(engine.conn);
});

const range = (from: string, to: string) => ({ from: dayMs(from), toExclusive: dayMs(to) + DAY });
/** Each spec beside the reference's options (a comparison is the reference run on each range). */
const CASES: [FunnelSpec, RefFunnelOptions, RefFunnelOptions?][] = [
  [{}, {}],
  [{ by: 'source' }, { by: 'source' }],
  [{ mode: 'strict' }, { mode: 'strict' }],
  [{ window_days: 10 }, { windowDays: 10 }],
  [{ mode: 'strict', window_days: 12.5, by: 'region' }, { mode: 'strict', windowDays: 12.5, by: 'region' }],
  [
    { from: '2024-02-01', to: '2024-03-31', compare: { from: '2024-01-01', to: '2024-02-15' }, by: 'owner' },
    { by: 'owner', ...range('2024-02-01', '2024-03-31') },
    { by: 'owner', ...range('2024-01-01', '2024-02-15') },
  ],
];

describe('funnel: SQL and the plain-TypeScript reference agree on generated datasets', () => {
  const check = (data: RefData) => {
    engine.load(data);
        for (const [spec, opts, compare] of CASES) {
          const got = run(funnelSql(spec, model));
          const want = [
            ...referenceFunnel(STAGES, data.journeys, data.events, opts).map((r) => ({ period: 'current', ...r })),
            ...(compare ? referenceFunnel(STAGES, data.journeys, data.events, compare).map((r) => ({ period: 'comparison', ...r })) : []),
          ];
          expectSameRows(got, want, (r) => `${r.period}|${r.segment}|${r.stage}`, JSON.stringify(spec));
        }
  };
  it(`${RUNS} datasets, one at a time × ${CASES.length} specs (modes, window, breakdown, comparison)`, () => {
    fc.assert(fc.property(datasetArb, check), { numRuns: RUNS });
  });
  it(`${BATCHES * BATCH} more datasets, ${BATCH} at a time as segments of one load (by team)`, () => {
    const byTeam = CASES.map(([spec, opts, compare]) => [{ ...spec, by: 'team' }, { ...opts, by: 'team' }, compare && { ...compare, by: 'team' }] as (typeof CASES)[number]);
    fc.assert(
      fc.property(batchArb, (data) => {
        engine.load(data);
        for (const [spec, opts, compare] of byTeam) {
          const want = [
            ...referenceFunnel(STAGES, data.journeys, data.events, opts).map((r) => ({ period: 'current', ...r })),
            ...(compare ? referenceFunnel(STAGES, data.journeys, data.events, compare).map((r) => ({ period: 'comparison', ...r })) : []),
          ];
          expectSameRows(run(funnelSql(spec, model)), want, (r) => `${r.period}|${r.segment}|${r.stage}`, JSON.stringify(spec));
        }
      }),
      { numRuns: BATCHES },
    );
  });
});

describe('funnel: hand-counted modes, window, time statistics and comparison', () => {
  // a: lead 01-01 → mql 01-03 → sql 01-02 (out of order) → won 01-20
  // b: lead 01-05 → mql 01-06 → sql 01-16 → opportunity 02-20
  // c: mql 01-10 only (skipped lead)
  // d: lead 03-01 (created in March: the comparison range)
  const t = (d: string) => dayMs(d);
  const data = {
    journeys: [
      { journey_id: 'a', created_at: t('2024-01-01'), stage: 'won', outcome: 'won' },
      { journey_id: 'b', created_at: t('2024-01-05'), stage: 'opportunity', outcome: 'open' },
      { journey_id: 'c', created_at: t('2024-01-10'), stage: 'mql', outcome: 'open' },
      { journey_id: 'd', created_at: t('2024-03-01'), stage: 'lead', outcome: 'open' },
    ],
    events: [
      { journey_id: 'a', stage: 'lead', entered_at: t('2024-01-01') },
      { journey_id: 'a', stage: 'mql', entered_at: t('2024-01-03') },
      { journey_id: 'a', stage: 'sql', entered_at: t('2024-01-02') },
      { journey_id: 'a', stage: 'won', entered_at: t('2024-01-20') },
      { journey_id: 'b', stage: 'lead', entered_at: t('2024-01-05') },
      { journey_id: 'b', stage: 'mql', entered_at: t('2024-01-06') },
      { journey_id: 'b', stage: 'sql', entered_at: t('2024-01-16') },
      { journey_id: 'b', stage: 'opportunity', entered_at: t('2024-02-20') },
      { journey_id: 'c', stage: 'mql', entered_at: t('2024-01-10') },
      { journey_id: 'd', stage: 'lead', entered_at: t('2024-03-01') },
    ],
  };
  const funnel = (spec: FunnelSpec) => shapeFunnel(run(funnelSql(spec, model)), spec, model, 'en');
  beforeAll(() => engine.load(data));

  it('reached mode: monotone, drop-off, quartiles and mean of the days between stages', () => {
    const rows = funnel({});
    expect(rows.map((r) => r.reached)).toEqual([4, 3, 2, 2, 1, 1]);
    expect(rows.map((r) => r.drop_off)).toEqual([null, 1, 1, 0, 1, 0]);
    expect(rows.map((r) => r.drop_off_rate)).toEqual([null, 1 / 4, 1 / 3, 0, 1 / 2, 0]);
    // lead → mql: a 2 days, b 1 day: median 1.5, p25 1.25, p75 1.75, mean 1.5 (c has no lead time).
    expect(rows[1]).toMatchObject({ median_days_from_previous: 1.5, p25_days_from_previous: 1.25, p75_days_from_previous: 1.75, mean_days_from_previous: 1.5, timed_from_previous: 2 });
    // mql → sql: a −1 day (as recorded), b 10 days.
    expect(rows[2]).toMatchObject({ median_days_from_previous: 4.5, mean_days_from_previous: 4.5, timed_from_previous: 2 });
  });

  it('strict mode: only journeys that entered every stage in order, with known times', () => {
    // a: lead ≤ mql but sql before mql → counts at lead, mql. b: in order to opportunity. c: no lead. d: lead.
    expect(funnel({ mode: 'strict' }).map((r) => r.reached)).toEqual([3, 2, 1, 1, 0, 0]);
  });

  it('a conversion window counts a stage only when entered within N days of entering the funnel', () => {
    // 10 days: a's deepest within them is sql (01-02; won is 19 days in); b: mql (sql is 11 days in); c: mql; d: lead.
    // 19 days: a reaches won; b sql (opportunity is 46 days in); c mql; d lead.
    expect(funnel({ window_days: 10 }).map((r) => r.reached)).toEqual([4, 3, 1, 0, 0, 0]);
    expect(funnel({ window_days: 19 }).map((r) => r.reached)).toEqual([4, 3, 2, 1, 1, 1]);
  });

  it('a comparison period gives the same stages for a second created-date range', () => {
    const rows = funnel({ from: '2024-03-01', to: '2024-03-31', compare: { from: '2024-01-01', to: '2024-01-31' } });
    expect(rows.filter((r) => r.period === 'current').map((r) => r.reached)).toEqual([1, 0, 0, 0, 0, 0]);
    expect(rows.filter((r) => r.period === 'comparison').map((r) => r.reached)).toEqual([3, 3, 2, 2, 1, 1]);
    expect(Object.keys(rows[0]!)[0]).toBe('period');
  });

  it('keeps the original fields first, in their order, and rejects bad options', () => {
    expect(Object.keys(funnel({})[0]!).slice(0, 6)).toEqual(['stage', 'label', 'reached', 'conversion_from_previous', 'conversion_from_first', 'median_days_from_previous']);
    expect(() => funnelSql({ mode: 'loose' as never }, model)).toThrow();
    expect(() => funnelSql({ window_days: -1 }, model)).toThrow();
    expect(() => funnelSql({ compare: { from: '2024-03-01', to: '2024-01-01' } }, model)).toThrow(/after/);
  });
});
