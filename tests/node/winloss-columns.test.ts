/**
 * Win-loss counted in the page from the journeys (metrics/winloss-columns.ts) equals winlossSql over the filtered
 * journeys, section by section (those the page counts) and row by row in the SQL's order, for generated datasets,
 * specs and filters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filteredSql, winlossSql, type JourneyFilter, type WinlossSpec } from '../../metrics/index.ts';
import { selectJourneys } from '../../metrics/journey-columns.ts';
import { winlossRows } from '../../metrics/winloss-columns.ts';
import { type RefData } from '../reference/common.ts';
import { BATCH, BATCHES, RUNS, batchArb, datasetArb, expectSameRows, model, pageColumns, boardFilterArb, dayAfterBase as day, sqlEngine } from '../reference/datasets.ts';
import { finish } from '../../metrics/steps.ts';

const { load, run } = sqlEngine();

const DIMS = ['source', 'region', 'owner', 'channel', 'loss_reason', 'poc_result', 'outcome'] as const;
/** Any win-loss spec the page counts: a breakdown, a close range open on either side, a trend period. */
const specArb: fc.Arbitrary<WinlossSpec> = fc
  .record(
    {
      by: fc.constantFrom(...DIMS),
      start: fc.integer({ min: -10, max: 170 }),
      days: fc.integer({ min: 0, max: 120 }),
      open: fc.constantFrom('from', 'to', 'neither'),
      period: fc.constantFrom('week', 'month', 'quarter'),
    },
    { requiredKeys: [] },
  )
  .map(({ by, start, days, open, period }) => ({
    ...(by ? { by } : {}),
    ...(start !== undefined ? { from: open === 'from' ? undefined : day(start), to: open === 'to' ? undefined : day(start + (days ?? 30)) } : {}),
    ...(period ? { period } : {}),
  })) as fc.Arbitrary<WinlossSpec>;

/** A row's key: every field that is not a count, rate or statistic. */
const key = (r: Record<string, unknown>) => JSON.stringify(['segment', 'segment2', 'loss_reason', 'outcome', 'period', 'poc_result'].map((k) => r[k] ?? null));

function check(data: RefData, spec: WinlossSpec, filter: JourneyFilter) {
  load(data);
  const c = pageColumns(data);
  const sections = ['rates', 'reasons', 'deals', 'trend'] as const;
  const got = finish(winlossRows(c, finish(selectJourneys(c, filter, model)), spec, sections));
  const sqls = winlossSql(spec, model);
  for (const section of sections) {
    const want = run(filteredSql(sqls[section], filter, model));
    const where = `${section} ${JSON.stringify(spec)} ${JSON.stringify(filter)}`;
    expectSameRows(got[section]!, want, key, where);
    expect(got[section]!.map(key), `${where}: order`).toEqual(want.map(key));
  }
}

describe('win-loss counted in the page equals winlossSql over the filtered journeys', () => {
  it(`${RUNS} generated datasets, specs and filters`, () => {
    fc.assert(fc.property(datasetArb, specArb, boardFilterArb, check), { numRuns: RUNS });
  });
  it(`${BATCHES} datasets of ${BATCH} datasets each (quartiles interpolate, reasons tie)`, () => {
    fc.assert(fc.property(batchArb, specArb, boardFilterArb, check), { numRuns: BATCHES });
  });
});
