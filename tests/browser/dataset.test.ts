/**
 * The page's dataset (widgets/engine/dataset.ts) keeps query results: a board asks the same SQL again when a
 * filter comes back, and the tables never change, so DuckDB is not asked twice. A failed query is not kept.
 */
import { expect, test } from 'vitest';
import { openDataset } from '../../widgets/engine/index.ts';
import { CACHED, KEPT_TABLES } from '../../widgets/engine/dataset.ts';

const DEVORG = '/tests/.data/devorg/manifest.json';

test('the same SQL is answered from the results kept; a failure, or keep = false, asks again', async () => {
  const dataset = await openDataset(DEVORG);
  const first = await dataset.query('SELECT count(*) AS n FROM journeys');
  expect(Number(first[0]!.n)).toBe(53); // the devorg fixture's journeys (hand count in revlens-funnel.test.ts)
  expect(await dataset.query('SELECT count(*) AS n FROM journeys')).toBe(first);
  expect(await dataset.query('SELECT count(*) AS n FROM journeys WHERE outcome IS NOT NULL')).not.toBe(first);

  const later = 'SELECT x FROM kept_later';
  await expect(dataset.query(later)).rejects.toThrow(/kept_later/);
  await dataset.query('CREATE TABLE kept_later AS SELECT 7 AS x', false);
  expect(await dataset.query(later)).toEqual([{ x: 7 }]);
  // keep = false runs the statement every time: dropped and made again, the table is there.
  await dataset.query('DROP TABLE kept_later', false);
  await dataset.query('CREATE TABLE kept_later AS SELECT 8 AS x', false);
  expect(await dataset.query(later, false)).toEqual([{ x: 8 }]);
  await dataset.query('DROP TABLE kept_later', false);
});

test('past CACHED results, the one least recently asked for goes', async () => {
  const dataset = await openDataset(DEVORG);
  const sql = (i: number) => `SELECT ${i} AS n -- eviction test`;
  const first = await dataset.query(sql(0));
  const second = await dataset.query(sql(1));
  for (let i = 2; i < CACHED; i++) await dataset.query(sql(i));
  expect(await dataset.query(sql(0))).toBe(first); // asked for again: now the most recent
  await dataset.query(sql(CACHED)); // one more than fits
  expect(await dataset.query(sql(0))).toBe(first);
  expect(await dataset.query(sql(1))).not.toBe(second); // the least recent went
});

test('counts made ahead of clicks are kept apart: they push out no result asked for, and one asked for is not counted again', async () => {
  const dataset = await openDataset(DEVORG);
  let runs = 0;
  const count = (tag: number) => () => (runs++, tag);
  const shown = await dataset.counted('kept-apart 0', count(0));
  // Twice as many counted ahead as the dataset keeps of any kind: the one shown stays.
  for (let i = 1; i <= 512; i++) await dataset.ahead().counted(`kept-apart ${i}`, count(i));
  runs = 0;
  expect(await dataset.counted('kept-apart 0', count(-1))).toBe(shown);
  // The last counted ahead, asked for by a click: the result counted ahead, not a new count.
  expect(await dataset.counted('kept-apart 512', count(-1))).toBe(512);
  expect(runs).toBe(0);
});

test('a table is made once per SQL text; past KEPT_TABLES, the least recently asked for is dropped', async () => {
  const dataset = await openDataset(DEVORG);
  const sql = (i: number) => `SELECT journey_key, ${i} AS tag FROM journeys WHERE journey_key < 5`;
  const first = await dataset.table(sql(0));
  expect(await dataset.table(sql(0))).toBe(first);
  expect(await dataset.query(`SELECT count(*) AS n, min(tag) AS tag FROM ${first}`, false)).toEqual([{ n: 5n, tag: 0 }]);
  const second = await dataset.table(sql(1));
  for (let i = 2; i < KEPT_TABLES; i++) await dataset.table(sql(i));
  expect(await dataset.table(sql(0))).toBe(first); // asked for again: now the most recent
  await dataset.table(sql(KEPT_TABLES)); // one more than fits: sql(1)'s goes
  await expect(dataset.query(`SELECT * FROM ${second}`, false)).rejects.toThrow(new RegExp(second));
  expect(await dataset.query(`SELECT count(*) AS n FROM ${first}`, false)).toEqual([{ n: 5n }]);
  const again = await dataset.table(sql(1));
  expect(again).not.toBe(second);
  expect(await dataset.query(`SELECT min(tag) AS tag FROM ${again}`, false)).toEqual([{ tag: 1 }]);
});
