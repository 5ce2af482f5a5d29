/**
 * <revlens-kpi> in real Chromium over the demo dataset. Expected values are counted by hand in Node from the
 * raw rows (setup/kpi.ts), not with the SQL the element runs; expected texts are formatted here with Intl.
 */
import axe from 'axe-core';
import { afterEach, describe, expect, inject, test } from 'vitest';
import '../../widgets/board/define.ts';
import '../../widgets/kpi/define.ts';
import type { RevlensBoard } from '../../widgets/board/revlens-board.ts';
import type { RevlensKpi } from '../../widgets/kpi/revlens-kpi.ts';
import type { KpiExpected } from './setup/kpi.ts';

const DEMO = '/tests/.data/demo/manifest.json';
const METRICS = ['leads', 'mqls', 'mql_rate', 'win_rate', 'revenue', 'cycle', 'velocity'] as const;
type Metric = (typeof METRICS)[number];
type Locale = 'en' | 'zh-CN';

const LABELS: Record<Locale, string[]> = {
  en: ['Leads', 'MQLs', 'MQL rate', 'Win rate', 'Revenue won', 'Median sales cycle', 'Sales velocity'],
  'zh-CN': ['线索', 'MQL', 'MQL 转化率', '赢单率', '赢单收入', '销售周期（中位数）', '销售速度'],
};

let host: HTMLDivElement;
afterEach(() => host?.remove());

/** Mounts `html` into a sized div and waits for the first load or error event heard on the div. */
async function mount(markup: string, width = 960): Promise<{ el: RevlensKpi; event: CustomEvent }> {
  host = document.createElement('div');
  host.style.width = `${width}px`;
  document.body.append(host);
  const settled = new Promise<CustomEvent>((resolve) => {
    const done = (e: Event) => resolve(e as CustomEvent);
    host.addEventListener('revlens-load', done, { once: true });
    host.addEventListener('revlens-error', done, { once: true });
  });
  host.innerHTML = markup;
  const event = await settled;
  const el = host.querySelector('revlens-kpi')!;
  await el.updateComplete;
  return { el, event };
}

const root = (el: Element) => el.shadowRoot!;
const text = (n: Element | null | undefined) => n?.textContent?.trim() ?? '';

function tiles(el: Element) {
  return [...root(el).querySelectorAll('[part="tile"]')].map((t) => {
    const change = t.querySelector('[part="change"]')!;
    return {
      metric: t.getAttribute('data-metric'),
      label: text(t.querySelector('[part="label"]')),
      value: text(t.querySelector('[part="value"]')),
      change: text(change.querySelector('[aria-hidden="true"]')),
      said: text(change.querySelector('.visually-hidden')),
      tone: ['good', 'bad', 'flat'].find((c) => change.classList.contains(c)) ?? '',
    };
  });
}

/** A value as a tile shows it, formatted independently of the element. */
function formatValue(m: Metric, v: number | null, locale: Locale): string {
  const en = locale === 'en';
  const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const money = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  if (v === null) return '–';
  if (m === 'leads' || m === 'mqls') return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(v);
  if (m === 'mql_rate' || m === 'win_rate') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  if (m === 'revenue') return money.format(v);
  if (m === 'cycle') return en ? `${one.format(v)} days` : `${one.format(v)} 天`;
  return en ? `${money.format(v)}/day` : `${money.format(v)}/天`;
}

/** What each tile should read. */
function expected(e: KpiExpected, locale: Locale, only: readonly Metric[] = METRICS) {
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const en = locale === 'en';
  return only.map((m) => {
    const [cur, prev] = e.values[m];
    const i = METRICS.indexOf(m);
    const base = { metric: m, label: LABELS[locale][i], value: formatValue(m, cur, locale) };
    const rate = m === 'mql_rate' || m === 'win_rate';
    const delta = cur === null || prev === null ? null : rate ? cur - prev : prev === 0 ? null : (cur - prev) / prev;
    if (delta === null) {
      return { ...base, change: '–', said: en ? 'nothing to compare with in the previous period' : '上期没有可比较的数值', tone: '' };
    }
    const size = rate ? one.format(Math.abs(delta) * 100) : pct.format(Math.abs(delta));
    const shown = rate ? (en ? `${size} pp` : `${size} 个百分点`) : size;
    const spoken = rate ? (en ? `${size} percentage points` : `${size} 个百分点`) : size;
    const up = delta > 0;
    const flat = delta === 0;
    const said = en
      ? flat ? `no change on the previous ${e.days} days` : `${up ? 'up' : 'down'} ${spoken} on the previous ${e.days} days`
      : flat ? `与前 ${e.days} 天持平` : `较前 ${e.days} 天${up ? '上升' : '下降'} ${spoken}`;
    const good = m === 'cycle' ? !up : up;
    return { ...base, change: flat ? shown : `${up ? '▲' : '▼'} ${shown}`, said, tone: flat ? 'flat' : good ? 'good' : 'bad' };
  });
}

describe('demo dataset, 2026-01-01 … 2026-03-31 against the 90 days before', () => {
  const range = 'from="2026-01-01" to="2026-03-31"';

  test('en: every tile equals the hand counts, with its change and screen-reader words', async () => {
    const e = inject('kpiDemo');
    const { el, event } = await mount(`<revlens-kpi src="${DEMO}" locale="en" ${range}></revlens-kpi>`);
    expect(event.type).toBe('revlens-load');
    expect(tiles(el)).toEqual(expected(e, 'en'));
    // The demo has a change each way and a good and a bad one, so both colours are exercised.
    expect(tiles(el).map((t) => t.tone)).toEqual(expect.arrayContaining(['good', 'bad']));
    expect(text(root(el).querySelector('[part="period"]'))).toBe('Jan 1, 2026 – Mar 31, 2026, compared with the previous 90 days');

    const values = event.detail.result.values as { metric: Metric; current: number | null; previous: number | null }[];
    for (const v of values) {
      const [cur, prev] = e.values[v.metric];
      expect(v.current, v.metric).toBeCloseTo(cur!, 6);
      expect(v.previous, v.metric).toBeCloseTo(prev!, 6);
    }
  });

  test('zh-CN: Chinese labels, zh number formats and words', async () => {
    const { el } = await mount(`<revlens-kpi src="${DEMO}" locale="zh-CN" ${range}></revlens-kpi>`);
    expect(tiles(el)).toEqual(expected(inject('kpiDemo'), 'zh-CN'));
    expect(text(root(el).querySelector('[part="period"]'))).toContain('与前 90 天相比');
  });

  test('the data table: metric, current, previous, change', async () => {
    const e = inject('kpiDemo');
    const { el } = await mount(`<revlens-kpi src="${DEMO}" locale="en" view="table" ${range}></revlens-kpi>`);
    const table = root(el).querySelector('table.data')!;
    expect([...table.querySelectorAll('thead th')].map(text)).toEqual(['Metric', 'Current period', 'Previous period', 'Change']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(text));
    expect(rows).toEqual(expected(e, 'en').map((t) => [t.label, t.value, formatValue(t.metric, e.values[t.metric][1], 'en'), t.change]));
    expect(root(el).querySelector('[part="tile"]')).toBeNull();
  });

  test('CSV keeps plain numbers; PNG draws the tiles', async () => {
    const e = inject('kpiDemo');
    const { el } = await mount(`<revlens-kpi src="${DEMO}" locale="en" ${range} metrics="leads,revenue"></revlens-kpi>`);
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (b: Blob | MediaSource) => (blobs.push(b as Blob), 'blob:test');
    HTMLAnchorElement.prototype.click = () => {};
    try {
      await el.exportCsv();
      await el.exportPng();
    } finally {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    }
    const lines = (await blobs[0]!.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    const [leads, revenue] = expected(e, 'en', ['leads', 'revenue']);
    expect(lines).toEqual([
      'Metric,Current period,Previous period,Change',
      `Leads,${e.values.leads[0]},${e.values.leads[1]},${leads!.change}`,
      `Revenue won,${e.values.revenue[0]},${e.values.revenue[1]},${revenue!.change}`,
    ]);
    expect(blobs[1]!.type).toBe('image/png');
    expect(blobs[1]!.size).toBeGreaterThan(1000);
  });

  test('metrics chooses and orders the tiles', async () => {
    const { el } = await mount(`<revlens-kpi src="${DEMO}" locale="en" ${range} metrics="win_rate, leads"></revlens-kpi>`);
    expect(tiles(el)).toEqual(expected(inject('kpiDemo'), 'en', ['win_rate', 'leads']));
  });

  test('an unknown metric is an error naming it', async () => {
    const { el, event } = await mount(`<revlens-kpi src="${DEMO}" ${range} metrics="leads,arr"></revlens-kpi>`);
    expect(event.type).toBe('revlens-error');
    expect(text(root(el).querySelector('[part="error"]'))).toBe('metrics: "arr" is not a KPI; choose from leads, mqls, mql_rate, win_rate, revenue, cycle, velocity');
  });

  test('tiles select nothing; good and bad colours come from the theme properties', async () => {
    const { el } = await mount(`<revlens-kpi src="${DEMO}" ${range} style="--revlens-good-color: rgb(1, 2, 3); --revlens-bad-color: rgb(4, 5, 6)"></revlens-kpi>`);
    let selected = 0;
    host.addEventListener('revlens-select', () => selected++);
    for (const t of root(el).querySelectorAll<HTMLElement>('[part="tile"]')) t.click();
    expect(selected).toBe(0);
    expect(root(el).querySelectorAll('[data-key], [tabindex]')).toHaveLength(0);
    expect(getComputedStyle(root(el).querySelector('.change.good')!).color).toBe('rgb(1, 2, 3)');
    expect(getComputedStyle(root(el).querySelector('.change.bad')!).color).toBe('rgb(4, 5, 6)');
  });

  test('fills a narrow container and reads large on the wall', async () => {
    const { el } = await mount(`<revlens-kpi src="${DEMO}" ${range} mode="wall"></revlens-kpi>`, 420);
    const box = host.getBoundingClientRect();
    for (const t of root(el).querySelectorAll('[part="tile"]')) {
      const r = t.getBoundingClientRect();
      expect(r.left).toBeGreaterThanOrEqual(box.left - 0.5);
      expect(r.right).toBeLessThanOrEqual(box.right + 0.5);
    }
    expect(parseFloat(getComputedStyle(root(el).querySelector('[part="value"]')!).fontSize)).toBeGreaterThanOrEqual(2 * 24);
    expect(getComputedStyle(root(el).querySelector('.toolbar button')!).display).toBe('none');
  });
});

describe('where the period comes from', () => {
  test('no dates: the 90 full days before the dataset as-of', async () => {
    const e = inject('kpiDemoDefault');
    const { el } = await mount(`<revlens-kpi src="${DEMO}" locale="en"></revlens-kpi>`);
    expect(el.result?.periods).toEqual({ current: e.current, previous: e.previous, days: 90 });
    expect(tiles(el)).toEqual(expected(e, 'en'));
  });

  test("in a board: the board's created range is the period and its other filters apply", async () => {
    const e = inject('kpiDemoEmea');
    const { el } = await mount(`<revlens-board src="${DEMO}" url-state="off"><revlens-kpi locale="en"></revlens-kpi></revlens-board>`);
    const board = host.querySelector<RevlensBoard>('revlens-board')!;
    const loaded = () => new Promise((resolve) => el.addEventListener('revlens-load', resolve, { once: true }));
    let next = loaded();
    board.setFilter({ field: 'created', from: e.current.from, to: e.current.to });
    await next;
    next = loaded();
    board.setFilter({ field: 'region', values: ['EMEA'] });
    await next;
    expect(el.result?.periods?.current).toEqual(e.current);
    // No EMEA deal was won in the previous period: revenue has nothing to compare with.
    expect(e.values.revenue[1]).toBeNull();
    expect(tiles(el)).toEqual(expected(e, 'en'));

    // Its own from/to win over the board's range.
    next = loaded();
    el.setAttribute('from', '2025-10-03');
    el.setAttribute('to', '2025-12-31');
    await next;
    expect(el.result?.periods?.current).toEqual(e.previous);
    expect(tiles(el)[0]!.value).toBe(new Intl.NumberFormat('en').format(e.values.leads[1]!));
  });
});

describe('states', () => {
  test('a dataset that cannot be read shows the error part', async () => {
    const { el, event } = await mount('<revlens-kpi src="/tests/.data/bad-version/manifest.json"></revlens-kpi>');
    expect(event.type).toBe('revlens-error');
    expect(text(root(el).querySelector('[part="error"]'))).toContain('schema_version 99');
  });

  test('a period without journeys is empty, not blank', async () => {
    const { el, event } = await mount(`<revlens-kpi src="${DEMO}" from="1990-01-01" to="1990-03-31"></revlens-kpi>`);
    expect(event.type).toBe('revlens-load');
    expect(text(root(el).querySelector('[part="status"]'))).toBe('No journeys were created or closed in this period or the one before.');
  });

  test('a date that is not a day names the attribute', async () => {
    const { el, event } = await mount(`<revlens-kpi src="${DEMO}" from="2026-02-30" to="2026-03-31"></revlens-kpi>`);
    expect(event.type).toBe('revlens-error');
    expect(text(root(el).querySelector('[part="error"]'))).toBe('Check the attributes: from: "2026-02-30" is not a day written YYYY-MM-DD');
  });
});

describe('accessibility (axe-core)', () => {
  for (const theme of ['light', 'dark', 'wall']) {
    test(`${theme} theme: no violations`, async () => {
      await mount(`<main><h1>KPIs</h1><revlens-kpi src="${DEMO}" theme="${theme}" from="2026-01-01" to="2026-03-31"></revlens-kpi></main>`);
      const results = await axe.run(host, { resultTypes: ['violations'] });
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    });
  }
});
