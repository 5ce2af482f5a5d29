import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { funnelSql, shapeFunnel } from '../../metrics/index.ts';
import { plainFunnelRows } from '../../metrics/funnel-events.ts';
import { dayMs, type RefData } from '../reference/common.ts';
import { BATCH, BATCHES, RUNS, STAGES, batchArb, datasetArb, expectSameRows, metricsEngine, model, runner } from '../reference/datasets.ts';

let engine: Awaited<ReturnType<typeof metricsEngine>>;
let run: ReturnType<typeof runner>;
beforeAll(async () => {
  engine = await metricsEngine();
  run = runner(engine.conn);
});

/** What a page counts from the dataset's stage events (journey_key: the journey's row number, as sync writes it). */
function counted(data: RefData) {
  const keys = new Map(data.journeys.map((j, i) => [j.journey_id, i]));
  const columns = {
    journey: data.events.map((e) => keys.get(e.journey_id) ?? -1),
    stage: data.events.map((e) => STAGES.indexOf(e.stage)),
    at: data.events.map((e) => e.entered_at ?? NaN),
  };
  return plainFunnelRows(model, data.journeys.length, [columns]);
}

/** Events of a stage outside the model and of no journey in the table: funnelSql counts neither. */
function withStrays(data: RefData, picks: number[]): RefData {
  const strays = picks.map((p, k) => ({ journey_id: data.journeys[p % Math.max(1, data.journeys.length)]?.journey_id ?? 'none', stage: 'nurture', entered_at: dayMs('2024-01-01') + k }));
  return { ...data, events: [...data.events, ...strays, { journey_id: 'gone', stage: 'won', entered_at: null }] };
}

describe('the plain funnel counted in the page equals funnelSql', () => {
  const key = (r: Record<string, unknown>) => `${r.period}|${r.segment}|${r.stage}`;
  it(`${RUNS} generated datasets (skipped stages, unknown times, stages entered twice, out of order)`, () => {
    fc.assert(
      fc.property(datasetArb, fc.array(fc.nat(), { maxLength: 3 }), (generated, picks) => {
        const data = withStrays(generated, picks);
        engine.load(data);
        expectSameRows(counted(data), run(funnelSql({}, model)), key, 'plain funnel');
      }),
      { numRuns: RUNS },
    );
  });
  it(`${BATCHES} datasets of ${BATCH} datasets each (hundreds of journeys: the quartiles interpolate)`, () => {
    fc.assert(
      fc.property(batchArb, (data) => {
        engine.load(data);
        expectSameRows(counted(data), run(funnelSql({}, model)), key, 'plain funnel');
      }),
      { numRuns: BATCHES },
    );
  });

  it('counts by hand, through shapeFunnel as a widget reads it', () => {
    const t = (d: string) => dayMs(d);
    // a: lead 01-01 → mql 01-03 → sql 01-02 (out of order) → won 01-20; lead entered again 01-04 (the earliest counts)
    // b: lead 01-05 → mql 01-06 → sql 01-16 → opportunity (time unknown)
    // c: mql 01-10 only; d: no event of a funnel stage
    const data: RefData = {
      journeys: ['a', 'b', 'c', 'd'].map((id) => ({ journey_id: id, created_at: t('2024-01-01') })),
      events: [
        { journey_id: 'a', stage: 'lead', entered_at: t('2024-01-01') },
        { journey_id: 'a', stage: 'lead', entered_at: t('2024-01-04') },
        { journey_id: 'a', stage: 'mql', entered_at: t('2024-01-03') },
        { journey_id: 'a', stage: 'sql', entered_at: t('2024-01-02') },
        { journey_id: 'a', stage: 'won', entered_at: t('2024-01-20') },
        { journey_id: 'b', stage: 'lead', entered_at: t('2024-01-05') },
        { journey_id: 'b', stage: 'mql', entered_at: t('2024-01-06') },
        { journey_id: 'b', stage: 'sql', entered_at: t('2024-01-16') },
        { journey_id: 'b', stage: 'opportunity', entered_at: null },
        { journey_id: 'c', stage: 'mql', entered_at: t('2024-01-10') },
        { journey_id: 'd', stage: 'nurture', entered_at: t('2024-01-10') },
      ],
    };
    const rows = shapeFunnel(counted(data), {}, model, 'en');
    expect(rows.map((r) => r.stage)).toEqual(STAGES);
    expect(rows.map((r) => r.reached)).toEqual([3, 3, 2, 2, 1, 1]);
    expect(rows.map((r) => r.drop_off)).toEqual([null, 0, 1, 0, 1, 0]);
    expect(rows.map((r) => r.conversion_from_first)).toEqual([1, 1, 2 / 3, 2 / 3, 1 / 3, 1 / 3]);
    // lead → mql: a 2 days, b 1 day (c has no lead time).
    expect(rows[1]).toMatchObject({ median_days_from_previous: 1.5, p25_days_from_previous: 1.25, p75_days_from_previous: 1.75, mean_days_from_previous: 1.5, timed_from_previous: 2 });
    // mql → sql: a −1 day (as recorded), b 10 days.
    expect(rows[2]).toMatchObject({ median_days_from_previous: 4.5, p25_days_from_previous: 1.75, timed_from_previous: 2 });
    // sql → opportunity: no time at all; opportunity → poc: only a counts, with no poc time; poc → won: none timed.
    expect(rows[3]).toMatchObject({ median_days_from_previous: null, mean_days_from_previous: null, timed_from_previous: 0 });
    expect(rows[5]).toMatchObject({ reached: 1, timed_from_previous: 0 });
    expect(rows[0]).toMatchObject({ conversion_from_previous: null, median_days_from_previous: null, timed_from_previous: null });
  });

  it('a dataset with no stage event gives a row of zeros per stage, as funnelSql does', () => {
    const rows = shapeFunnel(plainFunnelRows(model, 3, []), {}, model, 'en');
    expect(rows.map((r) => [r.reached, r.conversion_from_first, r.drop_off, r.drop_off_rate])).toEqual(STAGES.map((_, i) => [0, null, i ? 0 : null, null]));
  });
});
