/**
 * The plain funnel is counted in the page from the stage events' facts while DuckDB-WASM starts
 * (widgets/engine/dataset.ts, metrics/funnel-columns.ts), so the first funnel needs no WASM. Its own file: DuckDB
 * must not have been started by another test in this page. (The devorg file is tiny: it is counted long before
 * DuckDB's 1.5–3 s start is over.)
 */
import { expect, test } from 'vitest';
import { funnelSql, shapeFunnel } from '../../metrics/index.ts';
import { openDataset } from '../../widgets/engine/index.ts';
import type { RevlensFunnel } from '../../widgets/funnel/revlens-funnel.ts';
import '../../widgets/funnel/define.ts';

const DEVORG = '/tests/.data/devorg/manifest.json';

test('<revlens-funnel> draws the plain funnel before DuckDB has started, with the numbers DuckDB gives later', async () => {
  const el = document.createElement('revlens-funnel') as RevlensFunnel;
  el.setAttribute('src', DEVORG);
  const drawn = new Promise((resolve) => el.addEventListener('revlens-load', resolve, { once: true }));
  document.body.append(el);
  await drawn;
  expect(performance.getEntriesByName('revlens:count:stage-facts')).toHaveLength(1);
  expect(performance.getEntriesByName('revlens:duckdb-start')).toHaveLength(0); // still starting
  // The devorg export counted by hand (revlens-funnel.test.ts): 53 journeys, 36 MQLs …, 12 won.
  expect([...el.shadowRoot!.querySelectorAll('[part="count"]')].map((t) => t.textContent!.trim())).toEqual(['53', '36', '36', '36', '12', '12']);
  const drawnRows = el.rows;
  el.remove();

  const dataset = await openDataset(DEVORG);
  const model = dataset.manifest.stage_model;
  await dataset.loaded;
  const fromDuckDB = shapeFunnel(await dataset.query(funnelSql({}, model), false), {}, model, 'en');
  const rounded = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(12)) : v]));
  expect(drawnRows.map(rounded)).toEqual(fromDuckDB.map(rounded));
});
