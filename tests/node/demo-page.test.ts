import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from 'vite';
import type { GeneratedCounts } from '../../bench/generate-salesforce.ts';
import { makeDemoData } from '../../scripts/demo-data.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.ts';
import { buildDemo, serveDemo } from '../../scripts/demo.ts';
import { tempDir } from '../support/paths.ts';

/**
 * What `npm run demo` serves, built for production and served as static files: the page must draw
 * the funnel the generator made, loading DuckDB-WASM from its own origin and nothing from anywhere else.
 */
describe('the built demo page, served as static files', () => {
  const work = tempDir();
  const port = 18000 + Math.floor(Math.random() * 1000);
  let generated: GeneratedCounts;
  let server: PreviewServer;
  let browser: Browser;

  beforeAll(async () => {
    generated = await makeDemoData({
      opportunities: 300,
      sampleDir: join(work, 'sample'),
      datasetDir: join(work, 'public/data/demo'),
    });
    await buildDemo(join(work, 'dist'), join(work, 'public'));
    server = await serveDemo(join(work, 'dist'), port);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => server?.httpServer.close(() => done()));
  });

  it('draws the generated funnel with every request on its own origin', async () => {
    const page = await browser.newPage();
    const origin = `http://localhost:${port}`;
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${origin}/`);
    const first = page.locator('revlens-funnel').first();
    await first.locator('svg[part="chart"]').waitFor({ timeout: 60_000 });

    // Counts the element drew, read from its shadow DOM text: label, then count, per stage.
    const drawn = await first.locator('[part="stage"]').evaluateAll((stages) =>
      stages.map((g) => [g.querySelector('[part="label"]')!.textContent!.trim(), g.querySelector('[part="count"]')!.textContent!.trim()]),
    );
    const count = (n: number) => n.toLocaleString('en-US');
    const { reached } = generated.truth;
    expect(drawn).toEqual([
      ['Lead', count(reached.lead)],
      ['MQL', count(reached.mql)],
      ['SQL', count(reached.sql)],
      ['Opportunity', count(reached.opportunity)],
      ['POC', count(reached.poc)],
      ['Won', count(reached.won)],
    ]);
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
    // The plain funnel is drawn before DuckDB has started (the page counts it): its WASM comes from this origin too.
    await expect.poll(() => requests.some((url) => /duckdb-(eh|mvp)[^/]*\.wasm$/.test(url)), { timeout: 60_000 }).toBe(true);
  }, 120_000);
});
