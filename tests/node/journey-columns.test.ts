/**
 * The journeys as the page reads them (widgets/engine/journey-columns.ts, metrics/journey-columns.ts) against the
 * same data in DuckDB: the journeys a filter selects, each category's values with their counts, the as-of, and a
 * file of several record batches as a sync writes it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asOfCte } from '../../metrics/common.ts';
import { journeyConditions } from '../../metrics/filter-sql.ts';
import { latestMoment, selectJourneys, stageFacts, valueCounts } from '../../metrics/journey-columns.ts';
import { JOURNEY_FACTS } from '../../metrics/journey-stages.ts';
import { TableWriter } from '../../sync/table-writer.ts';
import { tableIPC } from '../../sync/write-dataset.ts';
import { readJourneys } from '../../widgets/engine/journey-columns.ts';
import type { RefData } from '../reference/common.ts';
import { RUNS, batchArb, datasetArb, filterArb, model, pageColumns, sqlEngine } from '../reference/datasets.ts';
import { finish } from '../../metrics/steps.ts';

const { load, run } = sqlEngine();

describe('the journeys read in the page agree with DuckDB', () => {
  it(`${RUNS} generated datasets × filters: the same journeys selected, the same value counts, the same as-of`, () => {
    fc.assert(
      fc.property(fc.oneof(datasetArb, batchArb), filterArb, (data: RefData, filter) => {
        load(data);
        const c = pageColumns(data);
        const where = journeyConditions(filter, model);
        const want = run(`SELECT journey_key FROM ${JOURNEY_FACTS}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY journey_key`).map((r) => r.journey_key);
        expect([...finish(selectJourneys(c, filter, model))], JSON.stringify(filter)).toEqual(want);
        for (const field of ['source', 'region', 'owner', 'channel'] as const) {
          const sql = `SELECT CAST(${field} AS VARCHAR) AS value, count(*) AS journeys FROM journeys GROUP BY 1 ORDER BY journeys DESC, value NULLS LAST`;
          expect(valueCounts(c.categories[field]), field).toEqual(run(sql));
        }
        const [asOf] = run(`WITH ${asOfCte(undefined)} SELECT epoch_ms(moment) AS t FROM as_of`);
        expect(latestMoment(c)).toEqual(asOf!.t ?? NaN);
      }),
      { numRuns: RUNS },
    );
  });

  it('a journeys file of several record batches, each with its own dictionaries, as a sync writes it', async () => {
    // 70,000 journeys: two batches and more. Sources cycle through four values, the second batch's dictionary in
    // another order; every 5th has none; amounts every 3rd.
    const sources = ['Web', '展会', 'Partner', 'Ads'];
    const rows = Array.from({ length: 70_000 }, (_, j) => ({
      journey_key: j,
      journey_id: `j${j}`,
      created_at: Date.UTC(2024, 0, 1) + j * 60_000,
      closed_at: j % 2 ? Date.UTC(2024, 5, 1) : null,
      stage: 'lead',
      outcome: j % 2 ? 'won' : 'open',
      amount_base: j % 3 ? null : j,
      source: j % 5 === 0 ? null : sources[(j < 65_536 ? j : 70_000 - j) % 4]!,
    }));
    const dir = await mkdtemp(join(tmpdir(), 'revlens-journeys-'));
    try {
      const writer = new TableWriter('journeys', join(dir, 'journeys.arrow'));
      for (const row of rows) writer.add(row);
      const { path } = await writer.finish();
      const facts = stageFacts(model, rows.length, []);
      const read = readJourneys(new Uint8Array(await readFile(path)), facts);
      expect(read.rows).toBe(70_000);
      expect(read.misplaced).toBe(0);
      const c = read.columns;
      const at = (j: number) => [c.created[j], c.closed[j], c.amount[j], c.categories.source.values[c.categories.source.codes[j]!] ?? null, c.categories.outcome.values[c.categories.outcome.codes[j]!]];
      for (const j of [0, 1, 3, 5, 65_535, 65_536, 65_537, 69_999]) {
        const r = rows[j]!;
        expect(at(j), `journey ${j}`).toEqual([r.created_at, r.closed_at ?? NaN, r.amount_base ?? NaN, r.source, r.outcome]);
      }
      // Every row against the rows written: the counts per source.
      const bySource = new Map<string | null, number>();
      for (const r of rows) bySource.set(r.source, (bySource.get(r.source) ?? 0) + 1);
      expect(new Map(valueCounts(c.categories.source).map((v) => [v.value, v.journeys]))).toEqual(bySource);
      // Out of journey_key order: counted, for the page to refuse the dataset.
      const swapped = readJourneys(tableIPC('journeys', [rows[1]!, rows[0]!, rows[2]!]), stageFacts(model, 3, []));
      expect(swapped.misplaced).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
