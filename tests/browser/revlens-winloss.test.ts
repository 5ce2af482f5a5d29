/**
 * <revlens-winloss> in real Chromium over real datasets. Expected numbers come from the Node metric
 * (setup/winloss.ts) or from hand counts of the raw CSV, never from the element; expected strings are
 * formatted here with Intl, independently of the element's formatters.
 */
import { afterEach, describe, expect, inject, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { WinlossRow } from '../../metrics/index.ts';
import '../../widgets/winloss/define.ts';
import type { RevlensWinloss } from '../../widgets/winloss/revlens-winloss.ts';
import { EMPTY_RANGE, EVIL_SOURCE } from './cases.ts';
import { mountIn, root, text } from './mount.ts';

const DEMO = '/tests/.data/demo/manifest.json';
const DEVORG = '/tests/.data/devorg/manifest.json';

let host: HTMLDivElement;
afterEach(() => host?.remove());

/** Mounts the element and waits for its load or error event, heard on the parent (so it bubbles). */
async function mount(attrs: Record<string, string>, width = 640): Promise<{ el: RevlensWinloss; event: CustomEvent }> {
  const mounted = await mountIn('revlens-winloss', attrs, width);
  host = mounted.host;
  return mounted;
}


/** Drawn rows of a panel: the row's full label (its data-label) and its texts. */
function segments(el: Element) {
  return [...root(el).querySelectorAll('g.segment')].map((g) => ({
    label: (g as SVGGElement).dataset.label ?? '',
    rate: text(g.querySelector('text.rate')),
    counts: text(g.querySelector('text.counts')),
  }));
}
function reasons(el: Element) {
  return [...root(el).querySelectorAll('g.reason')].map((g) => ({
    label: (g as SVGGElement).dataset.label ?? '',
    count: text(g.querySelector('text.count')),
    cumulative: text(g.querySelector('text.cumulative')),
  }));
}
function spreads(el: Element) {
  return Object.fromEntries(
    [...root(el).querySelectorAll('g.measure')].map((m) => [
      m.getAttribute('data-measure'),
      [...m.querySelectorAll('g.outcome')].map((g) => ({ label: text(g.querySelector('text.label')), spread: text(g.querySelector('text.spread')) })),
    ]),
  );
}

type L = 'en' | 'zh-CN';
const WORDS = {
  en: { counts: (w: string, l: string) => `${w} won · ${l} lost`, spread: (m: string, a: string, b: string) => `median ${m} (${a}–${b})`, row: (o: string, n: string) => `${o} (${n})`, won: 'Won', lost: 'Lost', none: '(none)' },
  'zh-CN': { counts: (w: string, l: string) => `赢单 ${w} · 输单 ${l}`, spread: (m: string, a: string, b: string) => `中位数 ${m}（${a}–${b}）`, row: (o: string, n: string) => `${o}（${n}）`, won: '赢单', lost: '输单', none: '（空）' },
};
const fmt = (locale: L) => {
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const money = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const days = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    n: (v: unknown) => n.format(v as number),
    pct: (v: unknown) => (v === null ? '–' : pct.format(v as number)),
    money: (v: unknown) => (v === null ? '–' : money.format(v as number)),
    days: (v: unknown) => (v === null ? '–' : days.format(v as number)),
  };
};

function expectedSegments(rows: WinlossRow[], by: string | null, locale: L, overall = 'All closed deals') {
  const f = fmt(locale);
  return rows.map((r) => ({
    label: by ? ((r[by] as string | null) ?? WORDS[locale].none) : overall,
    rate: f.pct(r.win_rate),
    counts: WORDS[locale].counts(f.n(r.won), f.n(r.lost)),
  }));
}
function expectedReasons(rows: WinlossRow[], locale: L) {
  const f = fmt(locale);
  return rows.map((r) => ({ label: (r.loss_reason as string | null) ?? WORDS[locale].none, count: f.n(r.lost), cumulative: f.pct(r.cumulative_share) }));
}
function expectedSpreads(rows: WinlossRow[], locale: L) {
  const f = fmt(locale);
  const w = WORDS[locale];
  const side = (prefix: string, format: (v: unknown) => string) =>
    (['won', 'lost'] as const).map((o) => {
      const r = rows.find((d) => d.outcome === o)!;
      return { label: w.row(o === 'won' ? w.won : w.lost, f.n(r[`${prefix}_n`])), spread: w.spread(format(r[`${prefix}_median`]), format(r[`${prefix}_p25`]), format(r[`${prefix}_p75`])) };
    });
  return { amount: side('amount', f.money), cycle: side('cycle_days', f.days) };
}

/** Resolves a colour the way the browser computes it (hex → rgb()). */
function cssColor(el: Element, value: string): string {
  const probe = document.createElement('span');
  probe.style.color = value;
  el.shadowRoot!.append(probe);
  const c = getComputedStyle(probe).color;
  probe.remove();
  return c;
}

describe('demo dataset by region (600 generated opportunities)', () => {
  test('a wide panel shows every label whole', async () => {
    const full = (el: Element) => [...root(el).querySelectorAll<SVGGElement>('g.reason')].map((g) => g.dataset.label);
    const shown = (el: Element) => [...root(el).querySelectorAll('g.reason text.label')].map((t) => text(t));
    const wide = (await mount({ src: DEMO, locale: 'en' }, 1400)).el;
    expect(shown(wide)).toEqual(full(wide));
  });

  test('draws the Node metric: rates, counts, reasons, deal quartiles (en)', async () => {
    const node = inject('winlossDemoByRegion');
    const { el, event } = await mount({ src: DEMO, by: 'region', locale: 'en' });
    expect(event.type).toBe('revlens-load');
    expect(event.detail.rates).toEqual(node.rates);
    expect(event.detail.reasons).toEqual(node.reasons);

    expect(segments(el)).toEqual(expectedSegments(node.rates, 'region', 'en'));
    expect(reasons(el)).toEqual(expectedReasons(node.reasons, 'en'));
    expect(spreads(el)).toEqual(expectedSpreads(node.deals, 'en'));
    expect(root(el).querySelectorAll('svg[data-panel="trend"] circle.point')).toHaveLength(node.trend.filter((t) => t.win_rate !== null).length);
    expect(text(root(el).querySelector('[part~="rates-panel"] .panel-title'))).toBe('Win rate by region');

    // A visible label is the value, or its start with an ellipsis when the column is too narrow.
    for (const g of root(el).querySelectorAll('g.segment, g.reason')) {
      const shown = text(g.querySelector('text.label'));
      const full = (g as SVGGElement).dataset.label ?? '';
      expect(shown === full || (shown.endsWith('…') && full.startsWith(shown.slice(0, -1)))).toBe(true);
      // Shortened only when the label column is at its widest (40% of the panel): never while there is room.
      const label = g.querySelector<SVGTextElement>('text.label')!;
      const column = Number(label.getAttribute('x')) + 8;
      const panel = Number(g.closest('svg')!.getAttribute('width'));
      if (shown !== full) expect(column, full).toBeGreaterThanOrEqual(Math.floor(panel * 0.4));
    }

    // Marks that select: keyboard focus, a pressed state, a name with the numbers.
    const first = root(el).querySelector('g.segment')!;
    expect(first.getAttribute('tabindex')).toBe('0');
    expect(first.getAttribute('role')).toBe('button');
    expect(first.getAttribute('aria-pressed')).toBe('false');
    const pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
    // Named by its drawn texts (no aria-label that could differ from what a speech-input user sees).
    expect(first.getAttribute('aria-label')).toBeNull();
    expect(first.textContent).toBe(`${node.rates[0]!.region}${pct.format(node.rates[0]!.win_rate as number)}${node.rates[0]!.won} won · ${node.rates[0]!.lost} lost`);

    // One table: the rates, then the reasons, with a section column.
    const table = [...root(el).querySelectorAll('table tbody tr')].map((tr) => [...tr.children].map((c) => text(c)));
    expect(table).toHaveLength(node.rates.length + node.reasons.length);
    expect(table.slice(0, node.rates.length).map((r) => [r[0], r[1], r[2], r[3], r[4]])).toEqual(
      node.rates.map((r) => ['Win rate by region', r.region, String(r.won), String(r.lost), pct.format(r.win_rate as number)]),
    );
    expect(table.slice(node.rates.length).map((r) => [r[0], r[1], r[3], r[6]])).toEqual(
      node.reasons.map((r) => ['Loss reasons', r.loss_reason, String(r.lost), pct.format(r.cumulative_share as number)]),
    );
  });

  test('zh-CN: Chinese words, zh number and percent formats', async () => {
    const node = inject('winlossDemoByRegion');
    const { el } = await mount({ src: DEMO, by: 'region', locale: 'zh-CN' });
    expect(segments(el)).toEqual(expectedSegments(node.rates, 'region', 'zh-CN'));
    expect(reasons(el)).toEqual(expectedReasons(node.reasons, 'zh-CN'));
    expect(spreads(el)).toEqual(expectedSpreads(node.deals, 'zh-CN'));
    const titles = [...root(el).querySelectorAll('.panel-title')].map((h) => text(h));
    expect(titles).toEqual(['各区域赢单率', '输单原因', '赢单与输单：金额与周期', '按结束月份的赢单率']);
    expect(text(root(el).querySelector('.toolbar .title'))).toBe('赢输分析');
  });

  test('from, to and period: closed in 2025 by industry, quarterly trend', async () => {
    const node = inject('winlossDemoQuarterly');
    const { el } = await mount({ src: DEMO, by: 'industry', from: '2025-01-01', to: '2025-12-31', period: 'quarter' });
    expect(segments(el)).toEqual(expectedSegments(node.rates, 'industry', 'en'));
    expect(reasons(el)).toEqual(expectedReasons(node.reasons, 'en'));
    expect(node.trend.map((t) => t.period)).toEqual(['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01']);
    const trend = root(el).querySelector('svg[data-panel="trend"]')!;
    expect(text(trend.closest('section')!.querySelector('.panel-title'))).toBe('Win rate by close quarter');
    expect([...trend.querySelectorAll('text.period')].map((t) => text(t))).toEqual(['2025 Q1', '2025 Q4']);
    const pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
    expect([...trend.querySelectorAll('circle.point title')].map((t) => text(t).split(' (')[0])).toEqual(
      node.trend.map((t, i) => `2025 Q${i + 1}: ${pct.format(t.win_rate as number)}`),
    );
  });

  test('clicking a segment selects it, highlights it and dims the others; clicking again lets go', async () => {
    const node = inject('winlossDemoByRegion');
    const { el } = await mount({ src: DEMO, by: 'region' });
    const events: CustomEvent[] = [];
    host.addEventListener('revlens-select', (e) => events.push(e as CustomEvent));

    const marks = () => [...root(el).querySelectorAll<SVGGElement>('g.segment')];
    marks()[1]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await el.updateComplete;
    expect(events.map((e) => e.detail)).toEqual([{ clause: { field: 'region', values: [node.rates[1]!.region] }, field: 'region' }]);
    expect(events[0]!.composed).toBe(true);
    expect(marks().map((g) => g.getAttribute('aria-pressed'))).toEqual(marks().map((_, i) => String(i === 1)));
    expect(marks().map((g) => g.classList.contains('dimmed'))).toEqual(marks().map((_, i) => i !== 1));
    const accent = cssColor(el, getComputedStyle(el).getPropertyValue('--_accent').trim());
    expect(getComputedStyle(marks()[1]!.querySelector('rect.won')!).fill).toBe(accent);
    expect(getComputedStyle(marks()[0]!.querySelector('rect.won')!).fill).not.toBe(accent);

    marks()[1]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await el.updateComplete;
    expect(events[1]!.detail).toEqual({ clause: null, field: 'region' });
    expect(marks().every((g) => g.getAttribute('aria-pressed') === 'false' && !g.classList.contains('dimmed'))).toBe(true);
  });

  test('keyboard: arrows move between bars, Enter selects the focused one', async () => {
    const node = inject('winlossDemoByRegion');
    const { el } = await mount({ src: DEMO, by: 'region' });
    const events: CustomEvent[] = [];
    host.addEventListener('revlens-select', (e) => events.push(e as CustomEvent));
    const marks = [...root(el).querySelectorAll<SVGGElement>('g.segment')];
    marks[0]!.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(root(el).activeElement).toBe(marks[1]);
    await userEvent.keyboard('{Enter}');
    expect(events.map((e) => e.detail.clause)).toEqual([{ field: 'region', values: [node.rates[1]!.region] }]);
  });

  test('clicking a loss reason selects it (and lets go of a selected segment first)', async () => {
    const node = inject('winlossDemoByRegion');
    const { el } = await mount({ src: DEMO, by: 'region' });
    const events: CustomEvent[] = [];
    host.addEventListener('revlens-select', (e) => events.push(e as CustomEvent));
    root(el).querySelector('g.segment')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await el.updateComplete;
    const reason = root(el).querySelectorAll<SVGGElement>('g.reason')[2]!;
    reason.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await el.updateComplete;
    expect(events.map((e) => e.detail)).toEqual([
      { clause: { field: 'region', values: [node.rates[0]!.region] }, field: 'region' },
      { clause: null, field: 'region' },
      { clause: { field: 'loss_reason', values: [node.reasons[2]!.loss_reason] }, field: 'loss_reason' },
    ]);
    expect(reason.getAttribute('aria-pressed')).toBe('true');
    expect(root(el).querySelector('g.segment[aria-pressed="true"]')).toBeNull();
  });

  test('fills its container: two panel columns when wide, one when narrow', async () => {
    const { el } = await mount({ src: DEMO, by: 'region' }, 900);
    const svgs = () => [...root(el).querySelectorAll<SVGSVGElement>('svg[data-panel]')];
    const panelWidth = (s: SVGSVGElement) => String(s.parentElement!.clientWidth);
    expect(svgs().map((s) => s.getAttribute('width'))).toEqual(svgs().map(panelWidth));
    expect(Number(svgs()[0]!.getAttribute('width'))).toBeLessThan(450);
    host.style.width = '320px';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); // resize observed
    await el.updateComplete;
    expect(svgs().map((s) => s.getAttribute('width'))).toEqual(svgs().map(() => '320'));
  });

  test('table view and PNG export of every panel', async () => {
    const node = inject('winlossDemoByRegion');
    const { el } = await mount({ src: DEMO, by: 'region', view: 'table' });
    expect(root(el).querySelector('svg')).toBeNull();
    const rows = [...root(el).querySelectorAll('table.data tbody tr')];
    expect(rows).toHaveLength(node.rates.length + node.reasons.length);
    expect([...root(el).querySelectorAll('table.data thead th')].map((th) => text(th))).toEqual([
      'Section', 'Segment or reason', 'Won', 'Lost', 'Win rate', 'Share', 'Cumulative share',
    ]);

    el.view = 'chart';
    await el.updateComplete;
    const clicked: HTMLAnchorElement[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this); // a download link: keep it instead of downloading
    };
    try {
      await el.exportPng();
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(clicked.map((a) => a.download)).toEqual(['revlens-winloss.png']);
    expect(root(el).querySelector('svg.sheet')).toBeNull(); // the export sheet is gone again
  });
});

describe('devorg (real Salesforce export)', () => {
  test('one overall bar: the Node metric and the hand count of closed opportunities', async () => {
    const node = inject('winlossDevorg');
    const hand = inject('winlossDevorgHand');
    expect(hand).toEqual({ won: 12, lost: 8 });
    const { el } = await mount({ src: DEVORG, locale: 'en' });
    expect(segments(el)).toEqual(expectedSegments(node.rates, null, 'en'));
    expect(segments(el)).toEqual([{ label: 'All closed deals', rate: '60%', counts: `${hand.won} won · ${hand.lost} lost` }]);
    expect(text(root(el).querySelector('[part~="rates-panel"] .panel-title'))).toBe('Win rate');
    // Without a breakdown the bar stands for nothing a board can filter by.
    expect(root(el).querySelector('g.segment')!.hasAttribute('data-key')).toBe(false);
    // The export has no loss reasons: one "(none)" bar with every lost deal, which selects journeys without one.
    expect(reasons(el)).toEqual(expectedReasons(node.reasons, 'en'));
    expect(reasons(el)).toEqual([{ label: '(none)', count: String(hand.lost), cumulative: '100%' }]);
    const events: CustomEvent[] = [];
    host.addEventListener('revlens-select', (e) => events.push(e as CustomEvent));
    root(el).querySelector('g.reason')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(events.map((e) => e.detail.clause)).toEqual([{ field: 'loss_reason', values: [null] }]);
    expect(spreads(el)).toEqual(expectedSpreads(node.deals, 'en'));
  });

  test('empty state when no deal closed in the range', async () => {
    const node = inject('winlossDevorgEmptyRange');
    expect(node.rates.every((r) => !r.won && !r.lost)).toBe(true); // the Node metric agrees it is empty
    const { el, event } = await mount({ src: DEVORG, ...EMPTY_RANGE });
    expect(event.type).toBe('revlens-load');
    expect(text(root(el).querySelector('[part="status"]'))).toBe('No deals were won or lost in this date range.');
    expect(root(el).querySelector('svg')).toBeNull();
  });

  test('error states: a dataset of another schema version, an unknown dimension', async () => {
    const bad = await mount({ src: '/tests/.data/bad-version/manifest.json' });
    expect(bad.event.type).toBe('revlens-error');
    const shown = text(root(bad.el).querySelector('[part="error"]'));
    expect(shown).toBe(bad.event.detail.message);
    expect(shown).toContain('schema_version 99');
    host.remove();

    const wrong = await mount({ src: DEVORG, by: 'colour' });
    expect(wrong.event.type).toBe('revlens-error');
    expect(text(root(wrong.el).querySelector('[part="error"]'))).toMatch(/^Check the attributes: by: /);
  });
});

describe('CRM markup is text', () => {
  test('the shared xss dataset by source: the Node metric, and no image', async () => {
    const node = inject('winlossXssBySource');
    const { el } = await mount({ src: '/tests/.data/xss/manifest.json', by: 'source' });
    expect(segments(el)).toEqual(expectedSegments(node.rates, 'source', 'en'));
    expect(root(el).querySelectorAll('img')).toHaveLength(0);
    // Its marked-up journeys are all open, so win-loss has none of them to show (see winloss-xss below).
    expect(node.rates.some((r) => r.source === EVIL_SOURCE)).toBe(false);
  });

  test('closed deals with markup in source and loss reason: drawn as text, nothing runs', async () => {
    const { source, reason, expected } = inject('winlossEvil');
    const { el } = await mount({ src: '/tests/.data/winloss-xss/manifest.json', by: 'source' });
    expect(segments(el)).toEqual(expectedSegments(expected.rates, 'source', 'en'));
    expect(segments(el).map((s) => s.label)).toContain(source);
    expect(reasons(el)).toEqual(expectedReasons(expected.reasons, 'en'));
    expect(reasons(el).map((s) => s.label)).toContain(reason);
    const g = root(el).querySelector('g.segment')!;
    expect((g as SVGGElement).dataset.label).toBe(source);
    const cells = [...root(el).querySelectorAll('table tbody td')].map((td) => td.textContent);
    expect(cells).toContain(source);
    expect(cells).toContain(reason);
    expect(root(el).querySelectorAll('img')).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 100)); // an injected image's onerror would have fired by now
    expect((window as unknown as { __pwnedWinloss?: unknown }).__pwnedWinloss).toBeUndefined();
  });
});
