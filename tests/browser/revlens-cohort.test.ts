/**
 * <revlens-cohort> in real Chromium over real datasets. Expected numbers come from the Node metric
 * (setup/cohort.ts) or from hand-written calendar facts, never from the element; drawn numbers and colours
 * are read from its shadow DOM and computed styles.
 */
import { afterEach, describe, expect, inject, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { CohortRow } from '../../metrics/index.ts';
import '../../widgets/cohort/define.ts';
import type { RevlensCohort } from '../../widgets/cohort/revlens-cohort.ts';
import { EMPTY_RANGE, EVIL_SOURCE } from './cases.ts';
import { mountIn, root, text } from './mount.ts';

const DEMO = '/tests/.data/demo/manifest.json';

let host: HTMLDivElement;

afterEach(() => host?.remove());

/** Mounts the element and waits for its load or error event, heard on the parent (so it bubbles). */
async function mount(attrs: Record<string, string>, width = 640): Promise<{ el: RevlensCohort; event: CustomEvent }> {
  const mounted = await mountIn('revlens-cohort', attrs, width);
  host = mounted.host;
  return mounted;
}


/** Per drawn cohort row: its label, size and each cell's written value. */
function drawn(el: Element) {
  return [...root(el).querySelectorAll<SVGGElement>('svg g.row')].map((g) => ({
    cohort: g.dataset.cohort,
    label: text(g.querySelector('text.label')),
    size: text(g.querySelector('text.size')),
    cells: [...g.querySelectorAll<SVGGElement>('g.cell')].map((c) => ({ period: Number(c.dataset.period), value: text(c.querySelector('text.value')) })),
  }));
}

/** What the rows should read, formatted independently with Intl from the Node metric's rows. */
function expected(rows: CohortRow[], locale: 'en' | 'zh-CN', unit: 'month' | 'quarter' = 'month') {
  const n = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const label = (day: string) => {
    const d = new Date(`${day}T00:00:00Z`);
    if (unit === 'month') return month.format(d);
    const q = Math.floor(d.getUTCMonth() / 3) + 1;
    return locale === 'zh-CN' ? `${d.getUTCFullYear()}年第${q}季度` : `${d.getUTCFullYear()} Q${q}`;
  };
  const out: ReturnType<typeof drawn> = [];
  for (const r of rows) {
    let line = out.find((l) => l.cohort === r.cohort);
    if (!line) out.push((line = { cohort: r.cohort, label: label(r.cohort), size: n.format(r.size), cells: [] }));
    // An incomplete period is blank: no number at all, not 0%.
    line.cells.push({ period: r.period, value: r.complete ? pct.format(r.share!) : '' });
  }
  return out;
}

/** Last day of a month or quarter, by hand: day 0 of the next month is the last day of this one. */
function lastDay(first: string, months: number): string {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 0)).toISOString().slice(0, 10);
}

function rgb(css: string): [number, number, number] {
  const m = css.match(/rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/);
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** WCAG 2 contrast ratio of two computed colours. */
function contrast(a: string, b: string): number {
  const lum = (c: [number, number, number]) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

function nextSelect(): Promise<CustomEvent> {
  return new Promise((resolve) => host.addEventListener('revlens-select', (e) => resolve(e as CustomEvent), { once: true }));
}

describe('demo dataset (600 generated opportunities, synced in global setup)', () => {
  test('draws the Node metric: cohort labels, sizes and cumulative shares', async () => {
    const node = inject('cohortDemoEn');
    expect(node.length).toBeGreaterThan(20); // several cohorts and periods, or this proves little
    const { el, event } = await mount({ src: DEMO, locale: 'en' });

    expect(event.type).toBe('revlens-load');
    expect(drawn(el)).toEqual(expected(node, 'en'));
    expect(event.detail.rows).toEqual(node);
    expect(el.rows).toEqual(node);
    expect(text(root(el).querySelector('.toolbar .title'))).toBe('Cohorts: share reaching Won');
    expect(root(el).querySelector('svg')!.getAttribute('aria-label')).toContain('Cohorts: share reaching Won');

    // The screen-reader table is the heatmap: a row per cohort (label, size), a column per period, each cell its
    // share, or "not complete yet"; blank past the cohort's last period.
    const pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
    const month = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', timeZone: 'UTC' });
    const reader = root(el).querySelector('table.visually-hidden')!;
    const periods = Math.max(...node.map((r) => r.period)) + 1;
    expect([...reader.querySelectorAll('thead th')].map((th) => text(th))).toEqual(['Cohort', 'Size', ...Array.from({ length: periods }, (_, n) => `Month ${n}`)]);
    const cohorts = [...new Set(node.map((r) => r.cohort))];
    expect([...reader.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => text(c)))).toEqual(
      cohorts.map((cohort) => {
        const mine = node.filter((r) => r.cohort === cohort);
        return [
          month.format(new Date(`${cohort}T00:00:00Z`)),
          new Intl.NumberFormat('en').format(mine[0]!.size),
          ...Array.from({ length: periods }, (_, n) => {
            const r = mine.find((m) => m.period === n);
            return !r ? '' : r.complete ? pct.format(r.share!) : 'not complete yet';
          }),
        ];
      }),
    );
  });

  test('the screen-reader copy follows the chart once it is painted, and updateComplete waits for it', async () => {
    const { el } = await mount({ src: DEMO, locale: 'en' });
    const headers = () => [...root(el).querySelectorAll('table.visually-hidden thead th')].map((th) => text(th)).slice(0, 3);
    expect(headers()).toEqual(['Cohort', 'Size', 'Month 0']);
    const loaded = new Promise<void>((resolve) =>
      el.addEventListener('revlens-load', () => {
        // The chart is drawn in Chinese; its table is not yet (it is laid out after the chart's frame).
        expect(text(root(el).querySelector('.toolbar .title'))).toBe('同期群：到达赢单的占比');
        expect(headers()).toEqual(['Cohort', 'Size', 'Month 0']);
        resolve();
      }, { once: true }),
    );
    el.setAttribute('locale', 'zh-CN');
    await loaded;
    await el.updateComplete;
    expect(headers()).toEqual(['同期群', '规模', '第 0 个月']);
  });

  test('zh-CN: Chinese month labels and zh number and percent formats', async () => {
    const node = inject('cohortDemoZh');
    const { el } = await mount({ src: DEMO, locale: 'zh-CN' });
    const rows = drawn(el);
    expect(rows).toEqual(expected(node, 'zh-CN'));
    expect(rows[0]!.label).toMatch(/^\d{4}年\d{1,2}月$/);
    expect(text(root(el).querySelector('.toolbar .title'))).toBe('同期群：到达赢单的占比');
  });

  test('unit and stage attributes: quarter cohorts counting SQL', async () => {
    const node = inject('cohortDemoQuarterSql');
    const { el } = await mount({ src: DEMO, locale: 'en', unit: 'quarter', stage: 'sql' }, 900);
    expect(drawn(el)).toEqual(expected(node, 'en', 'quarter'));
    expect(node.every((r) => r.label === 'SQL')).toBe(true);

    // A quarter cohort selects its three months: the last day is hand-written per quarter start.
    const QUARTER_END: Record<string, string> = { '01-01': '03-31', '04-01': '06-30', '07-01': '09-30', '10-01': '12-31' };
    const first = node[0]!.cohort;
    const selected = nextSelect();
    root(el).querySelector<SVGGElement>(`g.row[data-cohort="${first}"] g.cohort`)!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect((await selected).detail.clause).toEqual({ field: 'created', from: first, to: `${first.slice(0, 4)}-${QUARTER_END[first.slice(5)]}` });
  });

  test('incomplete periods are blank, outlined and say so', async () => {
    const node = inject('cohortDemoEn');
    const pending = node.filter((r) => !r.complete);
    expect(pending.length).toBeGreaterThan(0);
    const { el } = await mount({ src: DEMO, locale: 'en' });
    for (const r of pending) {
      const cell = root(el).querySelector<SVGGElement>(`g.row[data-cohort="${r.cohort}"] g.cell[data-period="${r.period}"]`)!;
      expect(text(cell.querySelector('text.value'))).toBe('');
      const style = getComputedStyle(cell.querySelector('rect')!);
      expect(style.fill).toBe('none');
      expect(style.strokeDasharray).not.toBe('none');
      expect(cell.getAttribute('aria-label')).toMatch(/: not complete yet$/);
      expect(cell.hasAttribute('tabindex')).toBe(false);
    }
    // A complete cell with nobody there yet is 0%, filled: not the same as blank.
    const zero = node.find((r) => r.complete && r.reached === 0);
    if (zero) {
      const cell = root(el).querySelector(`g.row[data-cohort="${zero.cohort}"] g.cell[data-period="${zero.period}"]`)!;
      expect(text(cell.querySelector('text.value'))).toBe('0%');
      expect(getComputedStyle(cell.querySelector('rect')!).fill).not.toBe('none');
    }
  });

  test.each([
    ['light', {}],
    ['dark', { theme: 'dark' }],
    ['wall', { theme: 'wall' }],
    // Mid greys, where neither a near-black nor white ink reaches 4.5:1 on every cell.
    ['page greys', { style: '--revlens-heat-low: #6b6b6b; --revlens-heat-high: #8a8a8a' }],
  ])('every cell label contrasts at least 4.5:1 with its fill (%s)', async (_, attrs) => {
    const { el } = await mount({ src: DEMO, locale: 'en', ...attrs });
    const cells = [...root(el).querySelectorAll('g.cell:not(.pending)')];
    expect(cells.length).toBe(inject('cohortDemoEn').filter((r) => r.complete).length);
    const fills = new Set<string>();
    for (const cell of cells) {
      const fill = getComputedStyle(cell.querySelector('rect')!).fill;
      const ink = getComputedStyle(cell.querySelector('text')!).fill;
      fills.add(fill);
      expect(contrast(fill, ink), `${cell.getAttribute('aria-label')}: ${ink} on ${fill}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(fills.size).toBeGreaterThan(3); // a heatmap, not one colour
  });

  test('clicking a cohort selects the days it was created in, dims the others, and clicking again clears', async () => {
    const node = inject('cohortDemoEn');
    const { el } = await mount({ src: DEMO, locale: 'en' });
    // February 2025 had 28 days (a hand fact).
    const cohort = '2025-02-01';
    const to = '2025-02-28';
    expect(node.some((r) => r.cohort === cohort)).toBe(true);
    const row = root(el).querySelector<SVGGElement>(`g.row[data-cohort="${cohort}"]`)!;
    const label = row.querySelector<SVGGElement>('g.cohort')!;
    expect(label.getAttribute('role')).toBe('button');
    expect(label.getAttribute('aria-label')).toBe(`Feb 2025: ${new Intl.NumberFormat('en').format(node.find((r) => r.cohort === cohort)!.size)} journeys created`);

    let selected = nextSelect();
    await userEvent.click(label);
    const event = await selected;
    expect(event.detail.clause).toEqual({ field: 'created', from: cohort, to });
    expect(event.composed).toBe(true);
    await el.updateComplete;
    expect(label.getAttribute('aria-pressed')).toBe('true');
    expect(row.classList.contains('dimmed')).toBe(false);
    const others = [...root(el).querySelectorAll('g.row')].filter((g) => g !== row);
    expect(others.every((g) => g.classList.contains('dimmed'))).toBe(true);

    // A cell of the same cohort stands for the same selection: clicking it unselects.
    selected = nextSelect();
    row.querySelector<SVGGElement>('g.cell[data-key]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect((await selected).detail).toEqual({ clause: null, field: 'created' });
    await el.updateComplete;
    expect(root(el).querySelectorAll('g.row.dimmed')).toHaveLength(0);
    expect(label.getAttribute('aria-pressed')).toBe('false');
  });

  test('keyboard: arrow keys move across cells, Enter selects the cohort', async () => {
    const node = inject('cohortDemoEn');
    const { el } = await mount({ src: DEMO, locale: 'en' });
    const first = node[0]!.cohort;
    const cells = [...root(el).querySelectorAll<SVGGElement>(`g.row[data-cohort="${first}"] g.cell[data-key]`)];
    expect(cells.length).toBeGreaterThan(1);
    cells[0]!.focus();
    expect(root(el).activeElement).toBe(cells[0]);
    expect(cells[0]!.getAttribute('aria-label')).toMatch(/^.+%: .+, by the end of month 0, \d+ of [\d,]+ reached Won$/);

    await userEvent.keyboard('{ArrowRight}');
    expect(root(el).activeElement).toBe(cells[1]);

    const selected = nextSelect();
    await userEvent.keyboard('{Enter}');
    expect((await selected).detail.clause).toEqual({ field: 'created', from: first, to: lastDay(first, 1) });
  });

  test('fills its container, and scrolls sideways rather than squeezing many periods', async () => {
    const { el } = await mount({ src: DEMO, unit: 'quarter' }, 800);
    const svg = () => root(el).querySelector('svg')!;
    expect(svg().getAttribute('width')).toBe('800');
    host.style.width = '1000px';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); // resize observed
    await el.updateComplete;
    expect(svg().getAttribute('width')).toBe('1000');

    // 25 monthly periods do not fit 640px at a readable size: the SVG is wider and its box scrolls.
    host.remove();
    const { el: monthly } = await mount({ src: DEMO }, 640);
    const scroll = root(monthly).querySelector<HTMLElement>('.scroll')!;
    expect(scroll.clientWidth).toBe(640);
    expect(Number(root(monthly).querySelector('svg')!.getAttribute('width'))).toBeGreaterThan(640);
    expect(scroll.scrollWidth).toBeGreaterThan(640);
  });

  test('a wall cannot scroll: in wall mode the monthly heatmap fits its box, cells show colour only', async () => {
    const { el } = await mount({ src: DEMO, mode: 'wall', theme: 'wall' }, 640);
    const svg = root(el).querySelector('svg')!;
    expect(Number(svg.getAttribute('width'))).toBe(640);
    const values = [...svg.querySelectorAll<SVGTextElement>('text.value')];
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((t) => getComputedStyle(t).visibility === 'hidden')).toBe(true);
    // The numbers are still there for screen readers and the table.
    expect(svg.querySelector('g.cell[aria-label]')!.getAttribute('aria-label')).toMatch(/%/);
  });

  test('empty state for a range without journeys', async () => {
    expect(inject('cohortDemoEmptyRange')).toEqual([]); // the Node metric agrees the range is empty
    const { el, event } = await mount({ src: DEMO, ...EMPTY_RANGE });
    expect(event.type).toBe('revlens-load');
    expect(text(root(el).querySelector('[part="status"]'))).toBe('No journeys were created in this date range.');
    expect(root(el).querySelector('svg')).toBeNull();
  });
});

describe('errors a page author can act on', () => {
  test('wrong schema_version shows the error part', async () => {
    const { el, event } = await mount({ src: '/tests/.data/bad-version/manifest.json' });
    expect(event.type).toBe('revlens-error');
    const shown = text(root(el).querySelector('[part="error"]'));
    expect(shown).toBe(event.detail.message);
    expect(shown).toContain('schema_version 99');
  });

  test('an unknown stage names the stages there are', async () => {
    const { el, event } = await mount({ src: DEMO, stage: 'nope' });
    expect(event.type).toBe('revlens-error');
    expect(text(root(el).querySelector('[part="error"]'))).toContain('stage "nope" is not a stage of this dataset; stages: lead');
  });
});

describe('breakdown by source', () => {
  test('CRM markup in a value is shown as text and runs nothing', async () => {
    const node = inject('cohortXssBySource');
    const { el } = await mount({ src: '/tests/.data/xss/manifest.json', by: 'source', locale: 'en' });
    const select = root(el).querySelector<HTMLSelectElement>('[part="segment"] select')!;
    const options = [...select.options].map((o) => o.textContent);
    expect(options).toEqual([...new Set(node.map((r) => r.source))]);
    expect(options).toContain(EVIL_SOURCE);

    // Picking the markup value shows its cohorts.
    const evil = select.options[options.indexOf(EVIL_SOURCE)]!;
    select.value = evil.value;
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(drawn(el)).toEqual(expected(node.filter((r) => r.source === EVIL_SOURCE), 'en'));
    expect([...root(el).querySelectorAll('table tbody tr td:first-child')].map((td) => td.textContent)).toContain(EVIL_SOURCE);

    expect(root(el).querySelectorAll('img')).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 100)); // an injected image's onerror would have fired by now
    expect((window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });
});
