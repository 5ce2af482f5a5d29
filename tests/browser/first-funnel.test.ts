/**
 * The plain funnel is counted in the page from the stage events while DuckDB-WASM starts (widgets/engine/dataset.ts,
 * metrics/funnel-events.ts), so the first funnel needs no WASM. Its own file: DuckDB must not have been started by
 * another test in this page. (The devorg file is tiny: it is counted long before DuckDB's 1.5–3 s start is over.)
 */
import { expect, test } from 'vitest';
import { funnelSql, shapeFunnel } from '../../metrics/index.ts';
import { openDataset } from '../../widgets/engine/index.ts';
import '../../widgets/funnel/define.ts';

const DEVORG = '/tests/.data/devorg/manifest.json';
const counts = () => performance.getEntriesByName('revlens:count:plain-funnel').length;

test('<revlens-funnel> draws the plain funnel before DuckDB has started; once DuckDB has the events, it answers, with the same numbers', async () => {
  // The element, as a page has it: its own SQL must be the plain funnel the dataset counts.
  const el = document.createElement('revlens-funnel');
  el.setAttribute('src', DEVORG);
  const drawn = new Promise((resolve) => el.addEventListener('revlens-load', resolve, { once: true }));
  document.body.append(el);
  await drawn;
  expect(counts()).toBe(1);
  expect(performance.getEntriesByName('revlens:duckdb-start')).toHaveLength(0); // still starting
  expect([...el.shadowRoot!.querySelectorAll('[part="count"]')].map((t) => t.textContent!.trim())).toEqual(['53', '36', '36', '36', '12', '12']);
  el.remove();

  const dataset = await openDataset(DEVORG);
  const model = dataset.manifest.stage_model;
  const counted = await dataset.query(funnelSql({}, model)); // the element's result, kept
  expect(counts()).toBe(1);
  // The devorg export counted by hand (revlens-funnel.test.ts): 53 journeys, 36 MQLs …, 12 won.
  const rows = shapeFunnel(counted, {}, model, 'en');
  expect(rows.map((r) => r.reached)).toEqual([53, 36, 36, 36, 12, 12]);

  // Kept like any result; asked afresh once DuckDB holds the events, DuckDB answers.
  expect(await dataset.query(funnelSql({}, model))).toBe(counted);
  await dataset.loaded;
  performance.clearMeasures('revlens:count:plain-funnel');
  const fromDuckDB = shapeFunnel(await dataset.query(funnelSql({}, model), false), {}, model, 'en');
  expect(counts()).toBe(0); // not counted again: DuckDB answered
  const rounded = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(12)) : v]));
  expect(rows.map(rounded)).toEqual(fromDuckDB.map(rounded));
});
