import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.ts';
import { buildLibrary } from '../../scripts/build-lib.ts';
import { serveStatic } from '../../scripts/static-server.ts';
import { runSync } from '../../sync/index.ts';
import { ROOT, fixture, tempDir } from '../support/paths.ts';

/**
 * examples/intranet.html as a page author publishes it: the library build (npm run build) in revlens/, a synced
 * dataset in data/, the page beside them, served as plain files under its strict Content-Security-Policy.
 */
describe('examples/intranet.html with the built library, under its CSP', () => {
  const site = tempDir();
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Browser;

  beforeAll(async () => {
    await buildLibrary(join(site, 'revlens'));
    await runSync({ source: 'salesforce', inDir: fixture('salesforce-devorg'), outDir: join(site, 'data') });
    await mkdir(site, { recursive: true });
    await copyFile(join(ROOT, 'examples/intranet.html'), join(site, 'index.html'));
    await copyFile(join(ROOT, 'examples/shadow-root.html'), join(site, 'shadow-root.html'));
    await copyFile(join(ROOT, 'examples/host-app.js'), join(site, 'host-app.js'));
    // The page's policy, also sent as a header on every response: a worker is bound by the policy of its own
    // script's response, not by the page's <meta> (and DuckDB compiles its WASM in the worker).
    const html = await readFile(join(site, 'index.html'), 'utf8');
    const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)![1]!;
    server = await serveStatic({ '/': site }, { 'Content-Security-Policy': policy });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('renders the board from its own origin with nothing blocked', async () => {
    // The context sees the requests of the page and of its workers (DuckDB's worker fetches the WASM).
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const origin = `http://localhost:${server.port}`;
    const requests: string[] = [];
    const problems: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    context.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${origin}/`);
    const funnel = page.locator('revlens-funnel').first();
    await funnel.locator('svg g.stage').first().waitFor({ timeout: 60_000 });
    const counts = await funnel.locator('text.count').allTextContents();
    // Hand counts of the raw devorg CSV rows (tests/browser/revlens-funnel.test.ts).
    expect(counts.map((c) => Number(c.replace(/\D/g, '')))).toEqual([53, 36, 36, 36, 12, 12]);
    // The library build leaves d3's colours out (vite.lib.config.ts): its scales still map counts to lengths, in
    // proportion (36 of 53 is 36/53 of the longest bar).
    const bars = await funnel.locator('rect.bar').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    expect(bars[0]).toBeGreaterThan(0);
    expect(bars[1]! / bars[0]!).toBeCloseTo(36 / 53, 3);
    await page.locator('revlens-winloss svg').first().waitFor({ timeout: 60_000 });
    // Health's list is SQL: DuckDB's worker and WASM load under the page's CSP too.
    await page.locator('revlens-health table.stagnant').waitFor({ timeout: 60_000 });
    expect(problems).toEqual([]); // a CSP violation is reported as a console error
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
    expect(requests).toContain(`${origin}/revlens/duckdb-eh.wasm`);
  }, 120_000);

  it('examples/shadow-root.html: a widget inside a host application\'s shadow root takes the host\'s theme, loading only its own code', async () => {
    const page = await browser.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.js')) scripts.push(r.url().split('/').pop()!);
    });
    await page.goto(`http://localhost:${server.port}/shadow-root.html`);
    // Playwright's locators pierce open shadow roots: portal-card → revlens-funnel → its SVG.
    const bar = page.locator('portal-card revlens-funnel rect.bar').first();
    await bar.waitFor({ timeout: 60_000 });
    const counts = await page.locator('portal-card revlens-funnel text.count').allTextContents();
    expect(counts.map((c) => Number(c.replace(/\D/g, '')))).toEqual([53, 36, 36, 36, 12, 12]);
    // The host's --revlens-bar-color (#c2410c) and --revlens-text-color (#431407), through two shadow boundaries.
    expect(await bar.evaluate((el) => getComputedStyle(el).fill)).toBe('rgb(194, 65, 12)');
    expect(await page.locator('portal-card revlens-funnel text.count').first().evaluate((el) => getComputedStyle(el).fill)).toBe('rgb(67, 20, 7)');
    // The page imports revlens-funnel.js alone: the other elements' code is never downloaded (shared chunks
    // are named after their first module, an element's own code after the element), nor the all-in-one revlens.js.
    expect(scripts).toContain('revlens-funnel.js');
    const others = scripts.filter((s) => s === 'revlens.js' || /(board|cohort|filters|health|kpi|planner|winloss)/.test(s));
    expect(others).toEqual([]);
    expect(await page.evaluate(() => ['revlens-funnel', 'revlens-winloss', 'revlens-board'].map((n) => !!customElements.get(n)))).toEqual([true, false, false]);
    await page.close();
  }, 120_000);
});
