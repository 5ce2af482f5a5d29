/**
 * Reverse planning counted in the page from the journeys (metrics/plan-columns.ts) equals planSql over the
 * filtered journeys, for generated datasets, targets, ranges and filters.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { filteredSql, planSql, type PlanSpec } from '../../metrics/index.ts';
import { selectJourneys } from '../../metrics/journey-columns.ts';
import { planRows } from '../../metrics/plan-columns.ts';

import { BATCH, BATCHES, RUNS, batchArb, datasetArb, expectSameRows, model, pageColumns, boardFilterArb, dayAfterBase as day, sqlEngine } from '../reference/datasets.ts';
import { finish } from '../../metrics/steps.ts';

const { load, run } = sqlEngine();

const specArb: fc.Arbitrary<PlanSpec> = fc
  .record({ target: fc.constantFrom(1, 999.5, 50_000, 1e7), start: fc.option(fc.integer({ min: -10, max: 150 })), days: fc.integer({ min: 0, max: 120 }) })
  .map(({ target, start, days }) => ({ target, ...(start === null ? {} : { from: day(start), to: day(start + days) }) }));

describe('the plan counted in the page equals planSql over the filtered journeys', () => {
  const check = (data: Parameters<typeof pageColumns>[0], spec: PlanSpec, filter: Parameters<typeof filteredSql>[1]) => {
    load(data);
    const c = pageColumns(data);
    expectSameRows(finish(planRows(c, finish(selectJourneys(c, filter, model)), spec, model)), run(filteredSql(planSql(spec, model), filter, model)), (r) => String(r.stage), `${JSON.stringify(spec)} ${JSON.stringify(filter)}`);
  };
  it(`${RUNS} generated datasets`, () => fc.assert(fc.property(datasetArb, specArb, boardFilterArb, check), { numRuns: RUNS }));
  it(`${BATCHES} datasets of ${BATCH} datasets each`, () => fc.assert(fc.property(batchArb, specArb, boardFilterArb, check), { numRuns: BATCHES }));
});
