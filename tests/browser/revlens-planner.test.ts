/**
 * <revlens-planner> in real Chromium over the demo dataset. Expected numbers are the Node plan metric
 * (setup/planner.ts); expected texts are formatted here with Intl; drawn texts are read from the shadow DOM.
 */
import axe from 'axe-core';
import { afterEach, describe, expect, inject, test } from 'vitest';
import type { PlanRow } from '../../metrics/index.ts';
import '../../widgets/planner/define.ts';
import type { RevlensPlanner } from '../../widgets/planner/revlens-planner.ts';
import { mountIn, root, settled, text } from './mount.ts';

const DEMO = '/tests/.data/demo/manifest.json';
type Locale = 'en' | 'zh-CN';

let host: HTMLDivElement;
afterEach(() => host?.remove());


/** Mounts the element in a sized div and waits for its load or error event, heard on the div. */
async function mount(attrs: Record<string, string>, width = 720): Promise<{ el: RevlensPlanner; event: CustomEvent }> {
  const mounted = await mountIn('revlens-planner', attrs, width);
  host = mounted.host;
  return mounted;
}

const history = () => inject('planCases').history;
const targets = () => inject('planCases').targets;

function drawn(el: Element) {
  return [...root(el).querySelectorAll('svg g.stage')].map((g) => ({
    label: text(g.querySelector('text.label')),
    count: text(g.querySelector('text.count')),
    detail: text(g.querySelector('text.detail')),
  }));
}

/** What each stage should read, formatted independently from the Node metric's rows. */
function expected(rows: PlanRow[], locale: Locale) {
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return rows.map((r, i) => {
    const next = rows[i + 1];
    const reached = n.format(r.reached);
    const rate = r.conversion_to_next === null ? '–' : pct.format(r.conversion_to_next);
    const detail = next
      ? locale === 'en' ? `${rate} move on to ${next.label} · ${reached} reached in history` : `${rate} 进入${next.label} · 历史到达 ${reached}`
      : locale === 'en' ? `${reached} won in history` : `历史赢单 ${reached}`;
    return { label: r.label, count: n.format(r.needed_rounded!), detail };
  });
}

function summary(rows: PlanRow[], locale: Locale) {
  const money = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(rows[0]!.average_won_amount!);
  const won = new Intl.NumberFormat(locale).format(Math.ceil(rows[0]!.won_needed! - 1e-9));
  return locale === 'en' ? `Average won deal ${money} · ${won} won deals needed` : `平均赢单金额 ${money} · 需赢单 ${won} 个`;
}

describe('a plan over 2025 on the demo dataset', () => {
  test('en: journeys needed per stage equal the Node plan metric, with the rate used and the deal size', async () => {
    const node = inject('planEn');
    const { el, event } = await mount({ src: DEMO, locale: 'en', target: String(targets()[0]), ...history() });
    expect(event.type).toBe('revlens-load');
    expect(drawn(el)).toEqual(expected(node, 'en'));
    expect(drawn(el).map((d) => d.label)).toEqual(['Lead', 'MQL', 'SQL', 'Opportunity', 'POC', 'Won']);
    expect(text(root(el).querySelector('[part="summary"]'))).toBe(summary(node, 'en'));
    expect(event.detail.rows).toEqual(node);
    expect(el.rows).toEqual(node);

    // The hidden table says the same.
    const n = new Intl.NumberFormat('en');
    const pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
    const rows = [...root(el).querySelectorAll('table tbody tr')].map((tr) => [...tr.children].map(text));
    expect(rows).toEqual(
      node.map((r) => [r.label, n.format(r.reached), r.conversion_to_next === null ? '' : pct.format(r.conversion_to_next), n.format(r.needed_rounded!)]),
    );
    // Bars: the top stage needs the most and fills the track.
    const bars = [...root(el).querySelectorAll('rect.bar')].map((b) => Number(b.getAttribute('width')));
    expect(bars[0]).toBe(Math.max(...bars));
    expect(bars[0]).toBe(Number(root(el).querySelector('rect.track')!.getAttribute('width')));
  });

  test('zh-CN: Chinese labels and number formats', async () => {
    const node = inject('planZh');
    const { el } = await mount({ src: DEMO, locale: 'zh-CN', target: String(targets()[0]), ...history() });
    expect(drawn(el)).toEqual(expected(node, 'zh-CN'));
    expect(drawn(el).map((d) => d.label)).toEqual(['线索', 'MQL', 'SQL', '商机', 'POC', '赢单']);
    expect(text(root(el).querySelector('label'))).toBe('目标收入');
    expect(text(root(el).querySelector('[part="summary"]'))).toBe(summary(node, 'zh-CN'));
  });

  test('typing a target into the input changes the numbers', async () => {
    const { el } = await mount({ src: DEMO, locale: 'en', target: String(targets()[0]), ...history() });
    const input = root(el).querySelector<HTMLInputElement>('input[part="target"]')!;
    expect(input.type).toBe('number');
    expect(input.value).toBe(String(targets()[0]));
    const next = settled(el);
    input.value = String(targets()[1]);
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await next;
    await el.updateComplete;
    expect(drawn(el)).toEqual(expected(inject('planEnBigger'), 'en'));
    expect(el.getAttribute('target')).toBe(String(targets()[1]));
  });

  test('stages select nothing', async () => {
    const { el } = await mount({ src: DEMO, target: String(targets()[0]), ...history() });
    let selected = 0;
    host.addEventListener('revlens-select', () => selected++);
    for (const g of root(el).querySelectorAll<SVGGElement>('g.stage')) g.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(selected).toBe(0);
    expect(root(el).querySelectorAll('[data-key], g[tabindex]')).toHaveLength(0);
    expect(root(el).querySelector('svg')!.getAttribute('role')).toBe('img');
  });

  test('fills its container and reads large on the wall', async () => {
    const { el } = await mount({ src: DEMO, target: String(targets()[0]), ...history(), mode: 'wall' }, 900);
    expect(root(el).querySelector('svg')!.getAttribute('width')).toBe('900');
    expect(parseFloat(getComputedStyle(root(el).querySelector('svg')!).fontSize)).toBe(28);
    expect(parseFloat(getComputedStyle(root(el).querySelector('input')!).fontSize)).toBe(28);
  });
});

describe('prompt, empty and error states', () => {
  test('without a target it asks for one (not an error), and typing one draws the plan', async () => {
    const { el, event } = await mount({ src: DEMO, locale: 'en', ...history() });
    expect(event.type).toBe('revlens-load');
    expect(text(root(el).querySelector('[part="status"]'))).toBe('Enter a revenue target to see how many journeys each stage needs.');
    expect(root(el).querySelector('[part="error"]')).toBeNull();
    const input = root(el).querySelector<HTMLInputElement>('input')!;
    expect(input.labels?.[0]?.textContent?.trim()).toBe('Revenue target');
    expect(input.value).toBe('');

    const next = settled(el);
    input.value = String(targets()[0]);
    input.dispatchEvent(new Event('change'));
    await next;
    await el.updateComplete;
    expect(drawn(el)).toEqual(expected(inject('planEn'), 'en'));
  });

  for (const bad of ['0', '-5', 'abc']) {
    test(`target="${bad}" is an error naming the field, and the field stays to fix it`, async () => {
      const { el, event } = await mount({ src: DEMO, locale: 'en', target: bad });
      expect(event.type).toBe('revlens-error');
      const message = `Revenue target (target) must be a number above 0; "${bad}" is not.`;
      expect(event.detail.message).toBe(message);
      expect(text(root(el).querySelector('[part="error"]'))).toBe(message);
      // The field keeps what was given (a number field cannot hold text) so it can be corrected in place.
      expect(root(el).querySelector<HTMLInputElement>('input[part="target"]')!.value).toBe(bad === 'abc' ? '' : bad);
    });
  }

  test('zh-CN error for a wrong target', async () => {
    const { el } = await mount({ src: DEMO, locale: 'zh-CN', target: 'abc' });
    expect(text(root(el).querySelector('[part="error"]'))).toBe('目标收入（target）必须是大于 0 的数字；“abc”不是。');
  });

  test('a history without won deals says there is no deal size to plan with', async () => {
    const node = inject('planNoWins');
    // The Node metric agrees: journeys were reached, none won, so nothing can be planned.
    expect(node[0]!.reached).toBeGreaterThan(0);
    expect(node.every((r) => r.needed === null)).toBe(true);
    const { el } = await mount({ src: DEMO, locale: 'en', target: String(targets()[0]), ...inject('planCases').noWins });
    expect(text(root(el).querySelector('[part="status"]'))).toBe('No deals were won in this history, so there is no deal size to plan with: widen from/to.');
    expect(root(el).querySelector('svg')).toBeNull();
  });

  test('a history without journeys is empty', async () => {
    const { el } = await mount({ src: DEMO, locale: 'en', target: '1000', from: '1990-01-01', to: '1990-12-31' });
    expect(text(root(el).querySelector('[part="status"]'))).toBe(
      'No journeys were created in this history range, so there are no conversion rates to plan with.',
    );
  });

  test('a dataset that cannot be read shows the error part', async () => {
    const { el, event } = await mount({ src: '/tests/.data/bad-version/manifest.json', target: '1000' });
    expect(event.type).toBe('revlens-error');
    expect(text(root(el).querySelector('[part="error"]'))).toContain('schema_version 99');
  });
});

describe('accessibility (axe-core)', () => {
  for (const theme of ['light', 'dark', 'wall']) {
    test(`${theme} theme: no violations`, async () => {
      const { el } = await mount({ src: DEMO, theme, target: '1000000', from: '2025-01-01', to: '2025-12-31' });
      if (theme !== 'light') host.style.background = theme === 'dark' ? '#151a21' : '#0b0f14';
      await new Promise((r) => setTimeout(r, 450)); // bar animations end: axe measures the final colours
      const results = await axe.run(el, { resultTypes: ['violations'] });
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    });
  }
});
