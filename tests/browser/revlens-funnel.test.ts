/**
 * <revlens-funnel> in real Chromium over real datasets. Expected numbers come from hand counts of the raw
 * CSV rows or from the Node metric (global-setup.ts), never from the element; drawn numbers are read from
 * the text in its shadow DOM.
 */
import { afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { commands } from 'vitest/browser';
import type { FunnelRow } from '../../metrics/index.ts';
import { SCHEMA_VERSION } from '../../model/index.ts';
import '../../widgets/index.ts';
import type { RevlensFunnel } from '../../widgets/index.ts';
import { EMPTY_RANGE, EVIL_SOURCE } from './cases.ts';
import { mountIn, root, text } from './mount.ts';

const DEVORG = '/tests/.data/devorg/manifest.json';

/**
 * Counted by hand from the raw CSV rows of salesforce-devorg: 22 leads + 36 opportunities − 5 converted
 * leads that link to opportunities = 53 journeys; reach is monotone (an opportunity has passed Lead, MQL
 * and SQL); 12 opportunities have IsWon TRUE and a won deal has passed POC.
 */
const HAND_COUNTS = { Lead: 53, MQL: 36, SQL: 36, Opportunity: 36, POC: 12, Won: 12 };

let host: HTMLDivElement;

beforeAll(async () => {
  await commands.requestLog(); // start recording before DuckDB loads
});

afterEach(() => host?.remove());

/** Mounts the element and waits for its load or error event, heard on the parent (so it bubbles). */
async function mount(attrs: Record<string, string>): Promise<{ el: RevlensFunnel; event: CustomEvent }> {
  const mounted = await mountIn('revlens-funnel', attrs, 640);
  host = mounted.host;
  return mounted;
}


/** Per drawn stage: the texts in the SVG. */
function drawn(scope: ParentNode) {
  return [...scope.querySelectorAll('svg g.stage')].map((g) => ({
    label: text(g.querySelector('text.label')),
    count: text(g.querySelector('text.count')),
    detail: text(g.querySelector('text.detail')),
  }));
}

/** What a stage should read, formatted independently from the Node metric's row. */
function expected(rows: FunnelRow[], locale: 'en' | 'zh-CN') {
  const n = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const days = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const words =
    locale === 'en'
      ? { prev: (p: string) => `${p} of previous`, first: (p: string) => `${p} of first`, days: (d: string) => `median ${d} days` }
      : { prev: (p: string) => `较上一阶段 ${p}`, first: (p: string) => `占首阶段 ${p}`, days: (d: string) => `中位 ${d} 天` };
  return rows.map((r) => ({
    label: r.label,
    count: n.format(r.reached),
    detail: [
      r.conversion_from_previous === null ? null : words.prev(pct.format(r.conversion_from_previous)),
      r.conversion_from_first === null ? null : words.first(pct.format(r.conversion_from_first)),
      r.median_days_from_previous === null ? null : words.days(days.format(r.median_days_from_previous)),
    ]
      .filter((p) => p !== null)
      .join(' · '),
  }));
}

describe('devorg funnel (real Salesforce export, synced in global setup)', () => {
  test('draws the Node metric and the hand counts', async () => {
    const node = inject('devorgEn');
    const { el, event } = await mount({ src: DEVORG, locale: 'en' });

    expect(event.type).toBe('revlens-load');
    const bars = drawn(root(el));
    expect(bars).toEqual(expected(node, 'en'));
    const counted = Object.fromEntries(bars.map((b) => [b.label, Number(b.count.replace(/\D/g, ''))]));
    expect(counted).toEqual(HAND_COUNTS);

    // The data table says the same: label, count, both conversions, median days.
    const pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
    const tableRows = [...root(el).querySelectorAll('table tbody tr')].map((tr) =>
      [...tr.children].map((c) => text(c)),
    );
    expect(tableRows.map((r) => [r[0], r[1]])).toEqual(node.map((r) => [r.label, String(r.reached)]));
    expect(tableRows.map((r) => r[3])).toEqual(node.map((r) => (r.conversion_from_first === null ? '' : pct.format(r.conversion_from_first))));

    const svg = root(el).querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('group'); // its stages are buttons that filter a board
    expect(svg.getAttribute('aria-label')).toContain('Lead 53');
    expect(event.detail.rows).toEqual(node);
    expect(el.rows).toEqual(node);
    expect(event.composed).toBe(true);
  });

  test('zh-CN: Chinese labels and zh number and percent formats', async () => {
    const node = inject('devorgZh');
    const { el } = await mount({ src: DEVORG, locale: 'zh-CN' });
    const bars = drawn(root(el));
    expect(bars.map((b) => b.label)).toEqual(['线索', 'MQL', 'SQL', '商机', 'POC', '赢单']);
    expect(bars).toEqual(expected(node, 'zh-CN'));
    expect(bars.map((b) => Number(b.count.replace(/\D/g, '')))).toEqual(Object.values(HAND_COUNTS));
  });

  test('switching locale relabels without reloading', async () => {
    const { el } = await mount({ src: DEVORG, locale: 'en' });
    const relabelled = new Promise((resolve) => el.addEventListener('revlens-load', resolve, { once: true }));
    el.locale = 'zh-CN';
    await relabelled;
    expect(drawn(root(el))).toEqual(expected(inject('devorgZh'), 'zh-CN'));
  });

  test('fills its container and keeps still when the user asks for reduced motion', async () => {
    const moving = (await mount({ src: DEVORG })).el;
    expect(getComputedStyle(root(moving).querySelector('rect.bar')!).animationName).toBe('grow');
    host.remove();
    await commands.reducedMotion(true);
    try {
      const { el } = await mount({ src: DEVORG });
      host.style.width = '400px';
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); // resize observed
      await el.updateComplete;
      expect(root(el).querySelector('svg')!.getAttribute('width')).toBe('400');
      expect(getComputedStyle(root(el).querySelector('rect.bar')!).animationName).toBe('none');
    } finally {
      await commands.reducedMotion(false);
    }
  });

  test('moved to a narrower box, it fills the new one (its box widths are read again)', async () => {
    const { el } = await mount({ src: DEVORG });
    expect(root(el).querySelector('svg')!.getAttribute('width')).toBe('640');
    const narrow = document.createElement('div');
    narrow.style.width = '360px';
    document.body.append(narrow);
    try {
      narrow.append(el); // disconnected, then connected again
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); // resize observed
      await el.updateComplete;
      expect(root(el).querySelector('svg')!.getAttribute('width')).toBe('360');
    } finally {
      narrow.remove();
    }
  });

  test('empty state for a range without journeys', async () => {
    // The Node metric agrees the range is empty, so the message is the right one.
    expect(inject('devorgEmptyRange').find((r) => r.stage === 'lead')?.reached).toBe(0);
    const { el, event } = await mount({ src: DEVORG, ...EMPTY_RANGE });
    expect(event.type).toBe('revlens-load');
    expect(text(root(el).querySelector('[part="status"]'))).toBe('No journeys were created in this date range.');
    expect(root(el).querySelector('svg')).toBeNull();
  });
});

describe('errors a page author can act on', () => {
  async function errorOf(src: string): Promise<string> {
    const { el, event } = await mount({ src });
    expect(event.type).toBe('revlens-error');
    const shown = text(root(el).querySelector('[part="error"]'));
    expect(shown).toBe(event.detail.message);
    return shown;
  }

  test('no src says what to set', async () => {
    const { el, event } = await mount({});
    expect(event.type).toBe('revlens-error');
    expect(text(root(el).querySelector('[part="error"]'))).toContain('set the src attribute');
  });

  test('missing manifest names the URL', async () => {
    const message = await errorOf('/tests/.data/missing/manifest.json');
    expect(message).toContain(`${location.origin}/tests/.data/missing/manifest.json`);
    expect(message).toMatch(/404/);
  });

  test('wrong schema_version says which versions', async () => {
    const message = await errorOf('/tests/.data/bad-version/manifest.json');
    expect(message).toContain('schema_version 99');
    expect(message).toContain(`reads version ${SCHEMA_VERSION}`);
  });

  test('checksum mismatch names the file', async () => {
    // Only journeys is broken: the plain funnel (stage events only) may draw first, then the error replaces it.
    const failed = new Promise<CustomEvent>((resolve) => document.body.addEventListener('revlens-error', (e) => resolve(e as CustomEvent), { once: true }));
    const { el } = await mount({ src: '/tests/.data/bad-checksum/manifest.json' });
    const message = (await failed).detail.message as string;
    await el.updateComplete;
    expect(text(root(el).querySelector('[part="error"]'))).toBe(message);
    expect(root(el).querySelector('svg')).toBeNull();
    expect(message).toMatch(/\/tests\/\.data\/bad-checksum\/journeys\.[0-9a-f]{16}\.arrow does not match its checksum/);
  });

  test('stage events that do not match their checksum draw no funnel (the page counts from them): the error names the file', async () => {
    const message = await errorOf('/tests/.data/bad-events-checksum/manifest.json');
    expect(message).toMatch(/\/tests\/\.data\/bad-events-checksum\/stage_events\.[0-9a-f]{16}\.arrow does not match its checksum/);
  });

  test('journeys out of journey_key order (the page reads them side by side with the stage events) are refused: the error names the file', async () => {
    const failed = new Promise<CustomEvent>((resolve) => document.body.addEventListener('revlens-error', (e) => resolve(e as CustomEvent), { once: true }));
    const { el } = await mount({ src: '/tests/.data/misplaced-journeys/manifest.json', by: 'source' });
    const message = (await failed).detail.message as string;
    await el.updateComplete;
    expect(message).toMatch(/\/tests\/\.data\/misplaced-journeys\/journeys\.[0-9a-f]{16}\.arrow: 2 journeys are out of journey_key order: sync the dataset again/);
    expect(text(root(el).querySelector('[part="error"]'))).toBe(message);
    expect(root(el).querySelector('svg')).toBeNull();
  });

  test('a stage event of no journey is refused before the first funnel is drawn from the events: the error names the file', async () => {
    const message = await errorOf('/tests/.data/orphan-events/manifest.json');
    expect(message).toMatch(/\/tests\/\.data\/orphan-events\/stage_events\.[0-9a-f]{16}\.arrow: 1 stage events point at no journey: sync the dataset again/);
  });

  test('row count mismatch gives both counts', async () => {
    const message = await errorOf('/tests/.data/bad-rows/manifest.json');
    const m = message.match(/stage_events\.[0-9a-f]{16}\.arrow holds (\d+) rows, manifest\.json says (\d+)/);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBe(Number(m![1]) + 1);
  });
});

describe('breakdown by source', () => {
  test('PNG export holds every funnel of the breakdown, each under its title', async () => {
    const { el } = await mount({ src: DEVORG, by: 'source', locale: 'en' });
    const charts = [...root(el).querySelectorAll('svg[part="chart"]')];
    expect(charts.length).toBeGreaterThan(1);
    const tall = charts.reduce((h, svg) => h + svg.getBoundingClientRect().height, 0);
    let png: Blob | undefined;
    const create = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    // The last object URL made is the download's (the SVG drawn into the canvas gets one first).
    URL.createObjectURL = (b: Blob | MediaSource) => ((png = b as Blob), create.call(URL, b));
    HTMLAnchorElement.prototype.click = () => {}; // keep the download instead of saving it
    try {
      await el.exportPng();
    } finally {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(png?.type).toBe("image/png");
    const image = await createImageBitmap(png!);
    // Taller than all the funnels together (plus one title per segment), not just the first one.
    expect(image.height / devicePixelRatio).toBeGreaterThan(tall);
  });

  test('segment titles are headings one level below the title: heading-level 4 gives 5', async () => {
    const { el } = await mount({ src: DEVORG, by: 'source', locale: 'en', 'heading-level': '4' });
    const titles = [...root(el).querySelectorAll('[part="segment-title"]')];
    expect(titles.length).toBeGreaterThan(1);
    expect(titles.map((t) => [t.getAttribute('role'), t.getAttribute('aria-level')])).toEqual(titles.map(() => ['heading', '5']));
  });

  test('CRM markup in a segment is drawn as text and runs nothing', async () => {
    const node = inject('xssBySource');
    const { el } = await mount({ src: '/tests/.data/xss/manifest.json', by: 'source', locale: 'en' });
    const segments = [...root(el).querySelectorAll('[part="segment"]')];
    const titles = segments.map((s) => text(s.querySelector('[part="segment-title"]')));
    expect(titles).toEqual([...new Set(node.map((r) => r.source))]);
    expect(titles).toContain(EVIL_SOURCE);
    for (const [i, segment] of segments.entries()) {
      const rows = node.filter((r) => r.source === titles[i]);
      expect(drawn(segment)).toEqual(expected(rows, 'en'));
    }
    expect(root(el).querySelectorAll('img')).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 100)); // an injected image's onerror would have fired by now
    expect((window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });
});

// Last in the file: it reads the log of every request the tests above made.
test('every request same-origin, each dataset fetched once, and no DuckDB: funnels count in the page', async () => {
  // The browser's log holds every test file's requests (they share one context): only what holds for all is asked of it.
  const urls = await commands.requestLog();
  expect(urls.some((u) => /\/devorg\/journeys\.[0-9a-f]{16}\.arrow$/.test(u))).toBe(true);
  for (const u of urls) expect(new URL(u).origin, u).toBe(location.origin);
  // This page's own: each dataset fetched once however many elements show it, and DuckDB never started.
  const fetched = performance.getEntriesByType('resource').map((e) => e.name);
  expect(fetched.filter((u) => u.endsWith('/devorg/manifest.json'))).toHaveLength(1);
  expect(fetched.filter((u) => /\/devorg\/stage_events\.[0-9a-f]{16}\.arrow$/.test(u))).toHaveLength(1);
  expect(performance.getEntriesByName('revlens:duckdb-start')).toHaveLength(0);
});
