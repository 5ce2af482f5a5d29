/**
 * The plain funnel is counted in the page from the stage events while DuckDB-WASM starts (widgets/engine/dataset.ts,
 * metrics/funnel-events.ts), so the first funnel needs no WASM. Its own file: DuckDB must not have been started by
 * another test in this page.
 */
import { expect, test } from 'vitest';
import { funnelSql, shapeFunnel } from '../../metrics/index.ts';
import { openDataset } from '../../widgets/engine/index.ts';

const DEVORG = '/tests/.data/devorg/manifest.json';

test('the plain funnel is there before DuckDB has started, with the numbers DuckDB gives', async () => {
  const dataset = await openDataset(DEVORG);
  const model = dataset.manifest.stage_model;
  const counted = await dataset.query(funnelSql({}, model));
  expect(performance.getEntriesByName('revlens:count:plain-funnel')).toHaveLength(1);
  expect(performance.getEntriesByName('revlens:duckdb-start')).toHaveLength(0); // still starting
  // The devorg export counted by hand (revlens-funnel.test.ts): 53 journeys, 36 MQLs …, 12 won.
  const rows = shapeFunnel(counted, {}, model, 'en');
  expect(rows.map((r) => r.reached)).toEqual([53, 36, 36, 36, 12, 12]);

  // Once DuckDB holds the events it answers the same SQL itself (a comment keeps the result above from answering).
  await dataset.loaded;
  const fromDuckDB = shapeFunnel(await dataset.query(`${funnelSql({}, model)}\n-- DuckDB`), {}, model, 'en');
  expect(performance.getEntriesByName('revlens:count:plain-funnel')).toHaveLength(1);
  const rounded = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(12)) : v]));
  expect(rows.map(rounded)).toEqual(fromDuckDB.map(rounded));
});

test('once DuckDB has the stage events, the plain funnel is DuckDB’s', async () => {
  const dataset = await openDataset(`${DEVORG}?again`);
  await dataset.loaded;
  performance.clearMeasures('revlens:count:plain-funnel');
  const rows = await dataset.query(funnelSql({}, dataset.manifest.stage_model));
  expect(performance.getEntriesByName('revlens:count:plain-funnel')).toHaveLength(0);
  expect(typeof rows[0]!.reached).toBe('bigint'); // DuckDB's counts
});
