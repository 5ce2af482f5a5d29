/**
 * Cohorts counted in the page from the journeys (metrics/cohort-columns.ts) equal cohortSql over the filtered
 * journeys, row by row in the SQL's order, for generated datasets, specs and filters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohortSql, filteredSql, type CohortSpec, type JourneyFilter } from '../../metrics/index.ts';
import { cohortRows } from '../../metrics/cohort-columns.ts';
import { periodNumber, periodNumberStart } from '../../metrics/common.ts';
import { selectJourneys } from '../../metrics/journey-columns.ts';
import { periodStart, type RefData } from '../reference/common.ts';
import { BASE, BATCH, BATCHES, RUNS, STAGES, batchArb, datasetArb, expectSameRows, model, pageColumns, boardFilterArb, dayAfterBase as day, sqlEngine } from '../reference/datasets.ts';
import { finish } from '../../metrics/steps.ts';

const { load, run } = sqlEngine();

/** Any cohort spec: unit, stage, breakdown, a created range, and an as-of (a day, a moment, or the data's own). */
const specArb: fc.Arbitrary<CohortSpec> = fc
  .record(
    {
      period: fc.constantFrom('week', 'month', 'quarter'),
      stage: fc.constantFrom(...STAGES),
      by: fc.constantFrom('source', 'region', 'owner', 'channel'),
      start: fc.integer({ min: -10, max: 150 }),
      days: fc.integer({ min: 0, max: 120 }),
      asOf: fc.oneof(fc.integer({ min: 20, max: 200 }).map(day), fc.integer({ min: 20 * 24, max: 200 * 24 }).map((h) => new Date(BASE + h * 3_600_000 + 1).toISOString())),
    },
    { requiredKeys: [] },
  )
  .map(({ start, days, asOf, ...spec }) => ({
    ...spec,
    ...(start !== undefined ? { from: day(start), to: day(start + (days ?? 30)) } : {}),
    ...(asOf ? { as_of: asOf } : {}),
  })) as fc.Arbitrary<CohortSpec>;

const key = (r: Record<string, unknown>) => JSON.stringify([r.segment ?? null, r.cohort, r.period]);

function check(data: RefData, spec: CohortSpec, filter: JourneyFilter) {
  load(data);
  const c = pageColumns(data);
  const got = finish(cohortRows(c, finish(selectJourneys(c, filter, model)), spec, model));
  const want = run(filteredSql(cohortSql(spec, model), filter, model));
  const where = `${JSON.stringify(spec)} ${JSON.stringify(filter)}`;
  expectSameRows(got, want, key, where);
  expect(got.map(key), `${where}: order`).toEqual(want.map(key));
}

describe('cohorts counted in the page equal cohortSql over the filtered journeys', () => {
  it(`${RUNS} generated datasets, specs and filters`, () => {
    fc.assert(fc.property(datasetArb, specArb, boardFilterArb, check), { numRuns: RUNS });
  });
  it(`${BATCHES} datasets of ${BATCH} datasets each`, () => {
    fc.assert(fc.property(batchArb, specArb, boardFilterArb, check), { numRuns: BATCHES });
  });
});

describe('periodNumber: weeks, months and quarters numbered by arithmetic on days', () => {
  it('starts where the Date-based reference says, ±250 years around 1970, and numbers consecutive periods 1 apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8e12, max: 8e12 }), fc.constantFrom('week', 'month', 'quarter'), (t, unit) => {
        const n = periodNumber(unit, t);
        expect(periodNumberStart(unit, n)).toBe(periodStart(unit, t));
        expect(periodNumber(unit, periodNumberStart(unit, n) - 1)).toBe(n - 1);
      }),
      { numRuns: 20_000 },
    );
    expect([periodNumber('week', 0), periodNumber('month', 0), periodNumber('quarter', Date.UTC(1969, 11, 31))]).toEqual([0, 0, -1]);
  });
});
