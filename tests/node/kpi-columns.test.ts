/**
 * The KPI tiles counted in the page (widgets/kpi/kpi-columns.ts, over the journeys as the page reads them from the
 * dataset's Arrow files) equal the same tiles by SQL (tests/reference/kpi.ts: funnelSql, velocitySql and a
 * closed-deal query, filtered by filteredSql, run by DuckDB), for generated datasets, filters and periods.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectJourneys } from '../../metrics/journey-columns.ts';
import { kpiValues } from '../../widgets/kpi/kpi-columns.ts';
import { KPI_METRICS } from '../../widgets/kpi/kpi-messages.ts';
import { kpiPeriods } from '../../widgets/kpi/kpi-periods.ts';
import { dayMs, type RefData } from '../reference/common.ts';
import { BATCH, BATCHES, RUNS, STAGES, batchArb, datasetArb, model, pageColumns, boardFilterArb, dayAfterBase as day, sqlEngine } from '../reference/datasets.ts';
import { kpiBySql } from '../reference/kpi.ts';
import { finish } from '../../metrics/steps.ts';

const { load, run } = sqlEngine();

/** A period of 1–60 days starting within the generated data's five months (and a little before). */
const periodArb = fc.tuple(fc.integer({ min: -20, max: 160 }), fc.integer({ min: 1, max: 60 })).map(([start, days]) => {
  return kpiPeriods({ from: day(start), to: day(start + days - 1) }, null)!;
});

/** Equal, within 1e-9 relative for values from sums and means (added in another order). */
function expectSameValues(got: Record<string, unknown>, want: Record<string, unknown>, where: string) {
  for (const metric of KPI_METRICS) {
    const [g, w] = [got[metric] as (number | null)[], want[metric] as (number | null)[]];
    g.forEach((value, k) => {
      const expected = w[k]!;
      const msg = `${where}: ${metric}[${k}]`;
      if (typeof value === 'number' && typeof expected === 'number') expect(Math.abs(value - expected), msg).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
      else expect(value, msg).toBe(expected);
    });
  }
}

describe('the KPI tiles counted in the page equal the tiles by SQL', () => {
  const check = (data: RefData, filter: Parameters<typeof kpiBySql>[2], p: NonNullable<ReturnType<typeof kpiPeriods>>) => {
    load(data);
    const c = pageColumns(data);
    const got = finish(kpiValues(c, finish(selectJourneys(c, filter, model)), p, model, KPI_METRICS));
    expectSameValues(got, kpiBySql(run, p, filter, model), `${JSON.stringify(filter)} ${JSON.stringify(p.current)}`);
  };

  it(`${RUNS} generated datasets, filters and periods`, () => {
    fc.assert(fc.property(datasetArb, boardFilterArb, periodArb, check), { numRuns: RUNS });
  });

  it(`${BATCHES} datasets of ${BATCH} datasets each (medians and velocity over hundreds of journeys)`, () => {
    fc.assert(fc.property(batchArb, boardFilterArb, periodArb, check), { numRuns: BATCHES });
  });

  it('counts by hand: leads, MQLs, closed deals and velocity in a two-week period', () => {
    const t = (d: string) => dayMs(d);
    const p = kpiPeriods({ from: '2024-03-01', to: '2024-03-14' }, null)!; // previous: 02-16 … 02-29
    const data: RefData = {
      journeys: [
        // a: created in the period, MQL, won 03-10 for 100 after reaching opportunity 03-04 (cycle from created: 8 days)
        { journey_id: 'a', created_at: t('2024-03-02'), closed_at: t('2024-03-10'), outcome: 'won', amount_base: 100 },
        // b: created in the period, lead only, lost 03-12
        { journey_id: 'b', created_at: t('2024-03-03'), closed_at: t('2024-03-12'), outcome: 'lost', amount_base: null },
        // c: created before, open opportunity (entered 02-20), MQL in the previous period
        { journey_id: 'c', created_at: t('2024-02-18'), closed_at: null, outcome: 'open', amount_base: 50 },
        // d: created in the period, no stage event: no lead
        { journey_id: 'd', created_at: t('2024-03-05'), closed_at: null, outcome: 'open', amount_base: null },
      ],
      events: [
        { journey_id: 'a', stage: 'lead', entered_at: t('2024-03-02') },
        { journey_id: 'a', stage: 'mql', entered_at: t('2024-03-03') },
        { journey_id: 'a', stage: 'opportunity', entered_at: t('2024-03-04') },
        { journey_id: 'a', stage: 'won', entered_at: t('2024-03-10') },
        { journey_id: 'b', stage: 'lead', entered_at: t('2024-03-03') },
        { journey_id: 'c', stage: 'lead', entered_at: t('2024-02-18') },
        { journey_id: 'c', stage: 'mql', entered_at: t('2024-02-19') },
        { journey_id: 'c', stage: 'opportunity', entered_at: t('2024-02-20') },
      ],
    };
    const c = pageColumns(data);
    const got = finish(kpiValues(c, finish(selectJourneys(c, {}, model)), p, model, KPI_METRICS));
    expect(got.leads).toEqual([2, 1]); // a, b | c
    expect(got.mqls).toEqual([1, 1]);
    expect(got.mql_rate).toEqual([0.5, 1]);
    expect(got.win_rate).toEqual([0.5, null]); // a won, b lost | nothing closed
    expect(got.cycle).toEqual([8, null]);
    expect(got.revenue).toEqual([100, null]);
    // Velocity counts opportunities only (b never was one). Current, at 03-14's end: open c (a is closed); 1 of 1
    // closed won; 100 won; 03-04 → 03-10, 6 days: 1 × 1 × 100 ÷ 6. Previous: c open, nothing closed: none.
    expect(got.velocity![0]).toBeCloseTo(100 / 6, 12);
    expect(got.velocity![1]).toBeNull();
    expect(finish(selectJourneys(c, { reached: STAGES[2]!, from: '2024-03-01' }, model))).toEqual(Uint32Array.of(0));
  });
});
