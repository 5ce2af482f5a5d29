/**
 * <revlens-health> in real Chromium over the generated demo dataset. Expected numbers come from the Node
 * health metric (setup/health.ts), never from the element; drawn numbers are read from its shadow DOM and
 * formatted here independently with Intl.
 */
import { commands, userEvent } from 'vitest/browser';
import { afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import type { HealthRow } from '../../metrics/index.ts';
import '../../widgets/health/define.ts';
import type { RevlensHealth } from '../../widgets/health/revlens-health.ts';
import { openDataset } from '../../widgets/engine/index.ts';
import { mountIn, root, text } from './mount.ts';

const DEMO = '/tests/.data/demo/manifest.json';

let host: HTMLDivElement;
beforeAll(async () => {
  await commands.requestLog(); // start recording before DuckDB loads
});
afterEach(() => host?.remove());

async function mount(attrs: Record<string, string>): Promise<{ el: RevlensHealth; event: CustomEvent }> {
  const mounted = await mountIn('revlens-health', attrs, 720);
  host = mounted.host;
  return mounted;
}

const rowsShown = (el: Element) => [...root(el).querySelectorAll<HTMLTableRowElement>('table.stagnant tbody tr')];
const idsShown = (el: Element) => rowsShown(el).map((tr) => tr.dataset.journey);
const ids = (rows: HealthRow[]) => rows.map((r) => r.journey_id);

function fmt(locale: 'en' | 'zh-CN') {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const days = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const money = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  return {
    count: (n: number) => count.format(n),
    days: (d: number) => days.format(d),
    money: (x: number | null) => (x === null ? '–' : money.format(x)),
    month: (day: string) => month.format(new Date(`${day}T00:00:00Z`)),
  };
}

/**
 * A plain JS sort of the expected rows (the Node metric's, most stuck first): stable, so ties keep that order;
 * numbers by value, text by collation (or by character code), stages in the funnel's order, empty values last.
 */
function plainSort(rows: HealthRow[], key: string, dir: 'ascending' | 'descending', text: 'collation' | 'code' = 'collation'): HealthRow[] {
  const stages = inject('healthDemoEn').time_in_stage.map((r) => r.stage); // one row per stage, in order
  const value = (r: HealthRow) => (key === 'journey' ? (r.name ?? r.journey_id) : key === 'label' ? stages.indexOf(r.stage) : r[key]) ?? null;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    const [sa, sb] = [String(va), String(vb)];
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : text === 'code' ? (sa < sb ? -1 : sa > sb ? 1 : 0) : sa.localeCompare(sb, 'en');
    return dir === 'ascending' ? c : -c;
  });
}

/** Clicks a column header's sort button and waits for the re-render. */
async function sortBy(el: RevlensHealth, key: string): Promise<HTMLTableCellElement> {
  const th = root(el).querySelector<HTMLTableCellElement>(`th[data-sort="${key}"]`)!;
  th.querySelector('button')!.click();
  await el.updateComplete;
  return root(el).querySelector<HTMLTableCellElement>(`th[data-sort="${key}"]`)!;
}

/** The period groups of the flow chart: what each says, and its bar heights. */
function flowDrawn(el: Element) {
  return [...root(el).querySelectorAll('svg g.period')].map((g) => ({
    period: g.getAttribute('data-period'),
    label: g.getAttribute('aria-label'),
    inflow: Number(g.querySelector('rect.inflow')!.getAttribute('height')),
    outflow: Number(g.querySelector('rect.advanced')!.getAttribute('height')) + Number(g.querySelector('rect.lost')!.getAttribute('height')),
  }));
}

/** A CSV as cells (quoted fields, doubled quotes, CRLF rows), without the BOM. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = csv.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), i++;
    } else cell += c;
  }
  return rows;
}

/** Runs exportCsv with the download intercepted; returns the file's text. */
async function exportedCsv(el: RevlensHealth): Promise<{ name: string; csv: string }> {
  const create = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  let blob: Blob | undefined;
  let name = '';
  URL.createObjectURL = (b: Blob | MediaSource) => ((blob = b as Blob), 'blob:intercepted');
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    name = this.download;
  };
  try {
    await el.exportCsv();
  } finally {
    URL.createObjectURL = create;
    HTMLAnchorElement.prototype.click = click;
  }
  return { name, csv: await blob!.text() };
}

describe('stagnation list (demo dataset)', () => {
  test('lists what the Node metric finds, most stuck first, 50 of them', async () => {
    const { stagnant } = inject('healthDemoEn');
    expect(stagnant.length).toBeGreaterThan(50); // else "showing 50 of N" proves nothing
    const { el, event } = await mount({ src: DEMO, locale: 'en' });
    expect(event.type, event.detail?.message).toBe('revlens-load');

    const f = fmt('en');
    const want = stagnant.slice(0, 50);
    expect(idsShown(el)).toEqual(ids(want));
    const cells = rowsShown(el).map((tr) => [...tr.cells].map((c) => text(c)));
    expect(cells).toEqual(
      want.map((r) => [
        r.name ?? r.journey_id,
        r.owner ?? '(none)',
        r.label,
        f.days(r.days_in_stage as number),
        f.days(r.median_days as number),
        `${f.days(r.ratio as number)}×`,
        f.money(r.amount as number | null),
      ]),
    );
    expect(text(root(el).querySelector('[part="stagnant"] [part="note"]'))).toBe(`Showing 50 of ${f.count(stagnant.length)}`);
    expect(root(el).querySelector('th[data-sort="ratio"]')!.getAttribute('aria-sort')).toBe('descending');
    expect(text(root(el).querySelector('table.stagnant caption'))).toContain('more than 2×');
    // Every listed journey really is past 2× its stage's median (the definition, checked on the Node rows).
    for (const r of stagnant) expect(r.days_in_stage as number).toBeGreaterThan(2 * (r.median_days as number));
  });

  test('in wall type the list fits its 720px box (a wall cannot scroll): the two median columns step aside', async () => {
    for (const locale of ['en', 'zh-CN']) {
      const { el } = await mount({ src: DEMO, locale, theme: 'wall' });
      const box = root(el).querySelector<HTMLElement>('.scroll')!;
      expect(box.scrollWidth, locale).toBeLessThanOrEqual(box.clientWidth);
      const shown = [...root(el).querySelectorAll<HTMLElement>('table.stagnant th')].filter((th) => th.checkVisibility()).map((th) => th.dataset.sort);
      expect(shown, locale).toEqual(['journey', 'owner', 'label', 'days_in_stage', 'amount']);
      host.remove();
    }
    // In the default type the same box holds every column.
    const { el } = await mount({ src: DEMO, locale: 'en' });
    expect([...root(el).querySelectorAll<HTMLElement>('table.stagnant th')].filter((th) => th.checkVisibility())).toHaveLength(7);
  });

  test('limit shortens the list and says so', async () => {
    const { stagnant } = inject('healthDemoEn');
    const { el } = await mount({ src: DEMO, locale: 'en', limit: '10' });
    expect(idsShown(el)).toEqual(ids(stagnant.slice(0, 10)));
    expect(text(root(el).querySelector('[part="stagnant"] [part="note"]'))).toBe(`Showing 10 of ${fmt('en').count(stagnant.length)}`);
  });

  test('clicking a header sorts by its column, ascending then descending, as a plain sort would', async () => {
    const { stagnant } = inject('healthDemoEn');
    const { el } = await mount({ src: DEMO, locale: 'en' });
    for (const key of ['days_in_stage', 'owner', 'amount', 'journey']) {
      let th = await sortBy(el, key);
      expect(th.getAttribute('aria-sort')).toBe('ascending');
      expect(idsShown(el), `${key} ascending`).toEqual(ids(plainSort(stagnant, key, 'ascending').slice(0, 50)));
      th = await sortBy(el, key);
      expect(th.getAttribute('aria-sort')).toBe('descending');
      expect(idsShown(el), `${key} descending`).toEqual(ids(plainSort(stagnant, key, 'descending').slice(0, 50)));
      // Only the sorted column says how it is sorted.
      expect(root(el).querySelectorAll('th[aria-sort]')).toHaveLength(1);
    }
    // The CSV follows the order shown.
    const { csv } = await exportedCsv(el);
    expect(parseCsv(csv).slice(1).map((r) => r[0])).toEqual(ids(plainSort(stagnant, 'journey', 'descending')));
  });

  test('a list longer than sortedInPage is sorted and cut by DuckDB: the page holds that many, the CSV every one', async () => {
    const { stagnant } = inject('healthDemoEn');
    const Health = customElements.get('revlens-health') as unknown as typeof RevlensHealth;
    const whole = Health.sortedInPage;
    Health.sortedInPage = 100; // the demo's list, as a million journeys' list would be
    try {
      expect(stagnant.length).toBeGreaterThan(100);
      const { el } = await mount({ src: DEMO, locale: 'en' });
      expect(el.stagnant).toHaveLength(100);
      expect(idsShown(el)).toEqual(ids(stagnant.slice(0, 50)));
      expect(text(root(el).querySelector('[part="stagnant"] [part="note"]'))).toBe(`Showing 50 of ${fmt('en').count(stagnant.length)}`);
      // Each new order is a new page from DuckDB, its text in character-code order (the demo's names sort the same by collation).
      for (const [key, dir] of [['owner', 'ascending'], ['label', 'ascending'], ['journey', 'ascending'], ['journey', 'descending'], ['amount', 'ascending']] as const) {
        const reloaded = new Promise((resolve) => el.addEventListener('revlens-load', resolve, { once: true }));
        const th = await sortBy(el, key);
        await reloaded;
        await el.updateComplete;
        expect(th.getAttribute('aria-sort')).toBe(dir);
        expect(idsShown(el), `${key} ${dir}`).toEqual(ids(plainSort(stagnant, key, dir, 'code').slice(0, 50)));
      }
      // The CSV has every stagnant journey, in the order shown.
      const { csv } = await exportedCsv(el);
      expect(parseCsv(csv).slice(1).map((r) => r[0])).toEqual(ids(plainSort(stagnant, 'amount', 'ascending', 'code')));
    } finally {
      Health.sortedInPage = whole;
    }
  });

  test('a header clicked while a list that will not come whole is on its way: it comes in the order clicked', async () => {
    const { stagnant } = inject('healthDemoEn');
    const Health = customElements.get('revlens-health') as unknown as typeof RevlensHealth;
    const whole = Health.sortedInPage;
    try {
      const { el } = await mount({ src: DEMO, locale: 'en' }); // whole: sorted in the page
      Health.sortedInPage = 100;
      // The header is clicked right when the long list's first page has been asked for, in the old order.
      const dataset = await openDataset(DEMO);
      const query = dataset.query;
      let clicked: Promise<unknown> | undefined;
      (dataset as { query: typeof query }).query = (sql, keep) => {
        const rows = query(sql, keep);
        if (/LIMIT 100$/.test(sql)) clicked ??= sortBy(el, 'amount');
        return rows;
      };
      const reloaded = new Promise((resolve) => el.addEventListener('revlens-load', resolve, { once: true }));
      try {
        void el.reload(); // as a filter that makes the list long would
        await reloaded;
      } finally {
        (dataset as { query: typeof query }).query = query;
      }
      expect(clicked).toBeDefined();
      await el.updateComplete;
      expect(el.result!.stagnant).toHaveLength(100);
      expect(idsShown(el)).toEqual(ids(plainSort(stagnant, 'amount', 'ascending').slice(0, 50)));
    } finally {
      Health.sortedInPage = whole;
    }
  });

  test('a header clicked while a list that comes whole is on its way: sorted in the page, DuckDB not asked again', async () => {
    const { stagnant } = inject('healthDemoEn');
    const { el } = await mount({ src: DEMO, locale: 'en' });
    const dataset = await openDataset(DEMO);
    const query = dataset.query;
    const asked: string[] = [];
    let clicked: Promise<unknown> | undefined;
    (dataset as { query: typeof query }).query = (sql, keep) => {
      if (clicked) asked.push(sql);
      const rows = query(sql, keep);
      if (/LIMIT 5000$/.test(sql)) clicked ??= sortBy(el, 'amount');
      return rows;
    };
    const reloaded = new Promise((resolve) => el.addEventListener('revlens-load', resolve, { once: true }));
    try {
      void el.reload(); // as a filter change would
      await reloaded;
      await clicked;
    } finally {
      (dataset as { query: typeof query }).query = query;
    }
    await el.updateComplete;
    expect(asked).toEqual([]);
    expect(idsShown(el)).toEqual(ids(plainSort(stagnant, 'amount', 'ascending').slice(0, 50)));
  });

  test('a list computed again in another order still breaks ties by the metric order when sorted', async () => {
    const { stagnant } = inject('healthDemoEn');
    const { el } = await mount({ src: DEMO, locale: 'en' });
    await sortBy(el, 'owner');
    await el.reload(); // as a filter change would: the list now comes in owner order
    await el.updateComplete;
    await sortBy(el, 'label');
    expect(idsShown(el)).toEqual(ids(plainSort(stagnant, 'label', 'ascending').slice(0, 50)));
    await sortBy(el, 'label');
    expect(idsShown(el)).toEqual(ids(plainSort(stagnant, 'label', 'descending').slice(0, 50)));
  });

  test('CSV export is the whole list with plain numbers', async () => {
    const { stagnant } = inject('healthDemoEn');
    const { el } = await mount({ src: DEMO, locale: 'en' });
    const { name, csv } = await exportedCsv(el);
    expect(name).toBe('revlens-health.csv');
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual(['ID', 'Journey', 'Owner', 'Stage', 'Days in stage', 'Stage median (days)', '× median', 'Amount']);
    // Text a spreadsheet could run as a formula is prefixed with ' (core/export.ts).
    const safe = (v: unknown) => (v === null ? '' : typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v));
    expect(rows).toEqual(
      stagnant.map((r) => [r.journey_id, r.name, r.owner, r.label, r.days_in_stage, r.median_days, r.ratio, r.amount].map(safe)),
    );
  });

  test('clicking an owner selects that owner; the owner buttons are keyboard marks', async () => {
    const { stagnant } = inject('healthDemoEn');
    const { el } = await mount({ src: DEMO, locale: 'en' });
    const owner = stagnant[0]!.owner as string;
    const button = rowsShown(el)[0]!.querySelector<HTMLButtonElement>('button[part="owner"]')!;
    // Roving tabindex: the owner buttons are marks, and the element has exactly one tab stop among them.
    expect(['0', '-1']).toContain(button.getAttribute('tabindex'));
    expect(el.shadowRoot!.querySelectorAll('[data-key][tabindex="0"]')).toHaveLength(1);
    expect(button.hasAttribute('data-key')).toBe(true);
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(button.getAttribute('aria-label')).toBe(`Filter by owner ${owner}`);

    const selected = new Promise<CustomEvent>((resolve) => host.addEventListener('revlens-select', (e) => resolve(e as CustomEvent), { once: true }));
    button.click();
    const event = await selected;
    expect(event.detail).toEqual({ clause: { field: 'owner', values: [owner] }, field: 'owner' });
    expect(event.bubbles && event.composed).toBe(true);
    await el.updateComplete;
    const pressed = rowsShown(el).filter((tr) => tr.querySelector('button[part="owner"]')!.getAttribute('aria-pressed') === 'true');
    expect(pressed.map((tr) => tr.dataset.journey)).toEqual(ids(stagnant.slice(0, 50).filter((r) => r.owner === owner)));

    // Arrow keys move between marks (base class); Enter on a stage mark selects the stage.
    button.focus();
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    const stageMark = root(el).activeElement as HTMLElement;
    expect(stageMark.getAttribute('part')).toBe('stage-pick');
    const reached = new Promise<CustomEvent>((resolve) => host.addEventListener('revlens-select', (e) => resolve(e as CustomEvent), { once: true }));
    await userEvent.keyboard('{Enter}'); // a real key press: the focused button clicks itself
    expect((await reached).detail).toEqual({ clause: { field: 'reached', stage: stagnant[0]!.stage }, field: 'reached' });
  });

  test('no stagnant journey is a result, said inside the ready view', async () => {
    const { stagnant } = inject('healthDemoEn');
    // Precondition from the Node rows: nothing is 1000× past its stage's median.
    expect(Math.max(...stagnant.map((r) => r.ratio as number))).toBeLessThan(1000);
    const { el, event } = await mount({ src: DEMO, locale: 'en', k: '1000' });
    expect(event.type, event.detail?.message).toBe('revlens-load');
    expect(rowsShown(el)).toHaveLength(0);
    expect(text(root(el).querySelector('[part="stagnant"] [part="note"]'))).toMatch(/^No stagnant journeys/);
    expect(root(el).querySelector('svg g.period')).not.toBeNull(); // the flow is still drawn
  });
});

describe('flow (demo dataset)', () => {
  test('draws the Node flow of the first stage with any, on one scale', async () => {
    const { flow } = inject('healthDemoEn');
    const first = flow.find((r) => (r.inflow as number) > 0 || (r.outflow as number) > 0)!.stage;
    const { el } = await mount({ src: DEMO, locale: 'en' });
    const f = fmt('en');
    const want = flow.filter((r) => r.stage === first);
    const drawn = flowDrawn(el);
    expect(drawn.map((d) => [d.period, d.label])).toEqual(
      want.map((r) => [
        r.period,
        `${f.month(r.period as string)}: ${f.count(r.inflow as number)} in, ${f.count(r.outflow as number)} out (${f.count(r.advanced as number)} advanced, ${f.count(r.lost as number)} lost)`,
      ]),
    );
    // Bar lengths are proportional to the counts, inflow and outflow alike.
    const perJourney = drawn[want.findIndex((r) => (r.inflow as number) > 0)]!.inflow / (want.find((r) => (r.inflow as number) > 0)!.inflow as number);
    want.forEach((r, i) => {
      expect(drawn[i]!.inflow).toBeCloseTo((r.inflow as number) * perJourney, 6);
      expect(drawn[i]!.outflow).toBeCloseTo((r.outflow as number) * perJourney, 6);
    });
    expect(root(el).querySelector('svg')!.getAttribute('aria-label')).toContain(want[0]!.label as string);
    expect(root(el).querySelector('svg')!.getAttribute('width')).toBe('720');
  });

  test('the stage picker switches stage; the stage button selects it', async () => {
    const { flow } = inject('healthDemoEn');
    const { el } = await mount({ src: DEMO, locale: 'en' });
    const select = root(el).querySelector<HTMLSelectElement>('select[part="stage-select"]')!;
    select.value = 'opportunity';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.getAttribute('stage')).toBe('opportunity');
    const want = flow.filter((r) => r.stage === 'opportunity');
    expect(flowDrawn(el).map((d) => d.label!.match(/: (\S+) in, (\S+) out/)!.slice(1).map(Number))).toEqual(
      want.map((r) => [r.inflow, r.outflow]),
    );

    const button = root(el).querySelector<HTMLButtonElement>('[part="flow"] button[part="stage-pick"]')!;
    expect(text(button)).toBe('Opportunity');
    const selected = new Promise<CustomEvent>((resolve) => host.addEventListener('revlens-select', (e) => resolve(e as CustomEvent), { once: true }));
    button.click();
    expect((await selected).detail).toEqual({ clause: { field: 'reached', stage: 'opportunity' }, field: 'reached' });
    await el.updateComplete;
    expect(root(el).querySelector('[part="flow"] button[part="stage-pick"]')!.getAttribute('aria-pressed')).toBe('true');
  });

  test('k, period and the flow range are passed to the metric', async () => {
    const { attrs, flow, stagnantIds } = inject('healthDemoVariant');
    const { el } = await mount({ src: DEMO, locale: 'en', stage: 'lead', ...attrs });
    expect(idsShown(el)).toEqual(stagnantIds.slice(0, 50));
    const want = flow.filter((r) => r.stage === 'lead');
    expect(want.map((r) => r.period)).toEqual(['2025-01-01', '2025-04-01', '2025-07-01']); // three quarters in range
    expect(flowDrawn(el).map((d) => d.label)).toEqual(
      want.map((r, i) => {
        const n = (v: unknown) => fmt('en').count(v as number);
        return `2025 Q${i + 1}: ${n(r.inflow)} in, ${n(r.outflow)} out (${n(r.advanced)} advanced, ${n(r.lost)} lost)`;
      }),
    );
    expect(text(root(el).querySelector('table.stagnant caption'))).toContain('more than 3×');
  });

  test('an unknown stage says which stages there are', async () => {
    const { el } = await mount({ src: DEMO, locale: 'en', stage: 'nope' });
    expect(text(root(el).querySelector('[part="flow"] [part="error"]'))).toBe(
      'stage "nope" is not a stage of this dataset; stages: lead, mql, sql, opportunity, poc, won',
    );
  });
});

test('zh-CN: Chinese labels and formats', async () => {
  const { flow, stagnant } = inject('healthDemoZh');
  const { el } = await mount({ src: DEMO, locale: 'zh-CN' });
  const f = fmt('zh-CN');
  expect(text(root(el).querySelector('.toolbar .title'))).toBe('销售管道健康度');
  const headers = [...root(el).querySelectorAll('table.stagnant th')].map((th) => text(th).replace(/[▲▼]$/, '')); // less the sort arrow
  expect(headers).toEqual(['名称', '负责人', '阶段', '阶段停留天数', '阶段中位天数', '中位数倍数', '金额']);
  expect(text(root(el).querySelector('table.stagnant caption'))).toContain('停滞');
  expect(rowsShown(el).map((tr) => text(tr.cells[2]))).toEqual(stagnant.map((r) => r.label));
  expect(stagnant.some((r) => r.label === '线索')).toBe(true);
  expect(text(root(el).querySelector('[part="legend"]'))).toContain('流入');
  expect(text(root(el).querySelector('[part="legend"]'))).toContain('流出');
  const first = flow.find((r) => (r.inflow as number) > 0)!.stage;
  expect(flowDrawn(el).map((d) => d.label)).toEqual(
    flow
      .filter((r) => r.stage === first)
      .map(
        (r) =>
          `${f.month(r.period as string)}：流入 ${f.count(r.inflow as number)}，流出 ${f.count(r.outflow as number)}（推进 ${f.count(r.advanced as number)}，输单 ${f.count(r.lost as number)}）`,
      ),
  );
});

test('error state: a dataset of an unknown schema version shows the error part', async () => {
  const { el, event } = await mount({ src: '/tests/.data/bad-version/manifest.json' });
  expect(event.type).toBe('revlens-error');
  const shown = text(root(el).querySelector('[part="error"]'));
  expect(shown).toBe(event.detail.message);
  expect(shown).toContain('schema_version 99');
  expect(root(el).querySelector('table.stagnant')).toBeNull();
});


test('its SQL starts DuckDB: its WASM and worker files come from the page origin', async () => {
  // The browser's log holds every test file's requests (they share one context); this page's health widgets ran SQL.
  const urls = await commands.requestLog();
  expect(performance.getEntriesByName('revlens:duckdb-start')).toHaveLength(1);
  expect(urls.some((u) => /duckdb-(eh|mvp)\.wasm/.test(u))).toBe(true);
  expect(urls.some((u) => /duckdb-browser-(eh|mvp)\.worker\.js/.test(u))).toBe(true);
  for (const u of urls) expect(new URL(u).origin, u).toBe(location.origin);
});
