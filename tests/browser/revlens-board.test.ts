/**
 * <revlens-board> in real Chromium: widgets share the board's dataset, a click in one filters the others,
 * filters show as chips, Escape clears, state saves, restores and lives in the URL. Expected counts are the
 * hand counts of the devorg fixture (see revlens-funnel.test.ts) or the Node metric's by-source breakdown.
 */
import { afterEach, describe, expect, inject, onTestFinished, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../../widgets/index.ts';
import { openDataset, type Dataset, type RevlensBoard, type RevlensFilters, type RevlensFunnel } from '../../widgets/index.ts';
import type { JourneyFilter } from '../../metrics/filter.ts';
import { loaded } from './mount.ts';

const DEVORG = '/tests/.data/devorg/manifest.json';
/** Hand counts (revlens-funnel.test.ts): all journeys, and the 36 that reached SQL — every one an opportunity. */
const ALL = [53, 36, 36, 36, 12, 12];
const REACHED_SQL = [36, 36, 36, 36, 12, 12];

let board: RevlensBoard;
afterEach(() => {
  board?.remove();
  history.replaceState(null, '', location.pathname);
});

const counts = (el: RevlensFunnel) =>
  [...el.shadowRoot!.querySelectorAll('svg g.stage text.count')].map((t) => Number(t.textContent!.replace(/\D/g, '')));


async function mountBoard(inner: string, attrs = '', src = DEVORG) {
  const holder = document.createElement('div');
  holder.innerHTML = `<revlens-board src="${src}" ${attrs}>${inner}</revlens-board>`;
  board = holder.firstElementChild as RevlensBoard;
  const funnels = [...board.querySelectorAll('revlens-funnel')];
  const done = loaded(...funnels);
  const filters = board.querySelector('revlens-filters');
  const filtersLoaded = filters ? loaded(filters) : Promise.resolve();
  document.body.append(board);
  await done;
  return { board, funnels, filtersLoaded };
}

/**
 * The names of the counts the board's dataset runs over a selection from now on, and their filters (results it
 * already has are not counted again), until the test ends.
 */
async function countsRun(src: string): Promise<string[] & { filters: JourneyFilter[] }> {
  const dataset = await openDataset(src);
  const ran = Object.assign([] as string[], { filters: [] as JourneyFilter[] });
  const { countSelected, ahead } = dataset;
  // Its counts, and those counted ahead of clicks (kept apart by the dataset).
  const watch = (d: Dataset) => {
    const own = d.countSelected;
    d.countSelected = (name, settings, filter, count) =>
      own(name, settings, filter, (journeys, selected) => {
        ran.push(name);
        ran.filters.push(filter);
        return count(journeys, selected);
      });
    return d;
  };
  watch(dataset);
  dataset.ahead = () => watch(ahead());
  onTestFinished(() => void Object.assign(dataset, { countSelected, ahead }));
  return ran;
}

/**
 * Moves the real pointer off the boards: where an earlier test left it, a mark of this test's board may appear
 * under it, and the browser tells the board the pointer is on it.
 */
async function parkPointer(): Promise<void> {
  const spot = document.createElement('div');
  spot.style.cssText = 'position: fixed; left: 0; top: 0; width: 4px; height: 4px';
  document.body.append(spot);
  await userEvent.hover(spot);
  spot.remove();
}

/** Resolves once no count has run for a second (the board's counting ahead is done). */
async function quiet(ran: string[]): Promise<void> {
  for (let seen = -1; seen !== ran.length; ) {
    seen = ran.length;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Each chip's text and what its button says it does. */
const chips = (b: RevlensBoard) =>
  [...b.shadowRoot!.querySelectorAll('[part="chip"]')].map((c) => `${c.querySelector('span')!.textContent} | ${c.getAttribute('aria-label')}`);

describe('<revlens-board>', () => {
  test('widgets without src use the board’s dataset', async () => {
    const { funnels } = await mountBoard('<revlens-funnel></revlens-funnel><revlens-funnel locale="zh-CN"></revlens-funnel>');
    expect(counts(funnels[0]!)).toEqual(ALL);
    expect(counts(funnels[1]!)).toEqual(ALL);
    expect(funnels[1]!.shadowRoot!.querySelector('text.label')!.textContent).toBe('线索');
  });

  test('a click on a stage filters the other widgets, not the one clicked; chip, Escape', async () => {
    const { board, funnels } = await mountBoard('<revlens-funnel id="a"></revlens-funnel><revlens-funnel id="b"></revlens-funnel>');
    const [a, b] = funnels as [RevlensFunnel, RevlensFunnel];
    const selected = new Promise<CustomEvent>((r) => board.addEventListener('revlens-select', (e) => r(e as CustomEvent), { once: true }));
    let updated = loaded(b);
    a.shadowRoot!.querySelector<SVGGElement>('g.stage[data-stage="sql"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect((await selected).detail.clause).toEqual({ field: 'reached', stage: 'sql' });
    await updated;
    expect(counts(b)).toEqual(REACHED_SQL);
    await a.updateComplete;
    expect(counts(a)).toEqual(ALL);
    expect(a.shadowRoot!.querySelector('g.stage[data-stage="sql"]')!.getAttribute('aria-pressed')).toBe('true');
    await board.updateComplete;
    expect(chips(board)).toEqual(['Reached: SQL | Remove filter Reached: SQL']);
    expect(new URLSearchParams(location.search).get('revlens.reached')).toBe('sql');

    updated = loaded(b);
    board.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await updated;
    expect(counts(b)).toEqual(ALL);
    await board.updateComplete;
    expect(chips(board)).toEqual([]);
    expect(location.search).toBe('');
  });

  test('a filter click draws the other widgets with the new numbers: "updating…" alone does not draw their marks again', async () => {
    const { funnels } = await mountBoard('<revlens-funnel></revlens-funnel><revlens-funnel></revlens-funnel>');
    const [a, b] = funnels as [RevlensFunnel, RevlensFunnel];
    const proto = Object.getPrototypeOf(b) as { draw: (...args: unknown[]) => void };
    const draws: string[] = [];
    // Each draw notes whether "updating" was on screen: a draw then would only repeat the old numbers.
    Object.assign(b, {
      draw(...args: unknown[]) {
        draws.push(b.shadowRoot!.querySelector('.status-inline') ? 'while updating' : 'new numbers');
        proto.draw.apply(b, args);
      },
    });
    const updated = loaded(b);
    const sawUpdating = new Promise<boolean>((r) => {
      const seen = new MutationObserver(() => b.shadowRoot!.querySelector('.status-inline') && (seen.disconnect(), r(true)));
      seen.observe(b.shadowRoot!, { childList: true, subtree: true });
      void updated.then(() => r(false));
    });
    a.shadowRoot!.querySelector<SVGGElement>('g.stage[data-stage="sql"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(await sawUpdating).toBe(true);
    await updated;
    await b.updateComplete;
    expect(counts(b)).toEqual(REACHED_SQL);
    // Drawn with the new numbers, never while updating. (The board's chip row, which the click brings, can narrow
    // the widgets in this narrow frame: a draw at the new width may follow.)
    expect(draws[0]).toBe('new numbers');
    expect(draws).not.toContain('while updating');
  });

  test('keyboard: Enter on a focused stage selects it; removing the chip restores the others', async () => {
    const { board, funnels } = await mountBoard('<revlens-funnel></revlens-funnel><revlens-funnel></revlens-funnel>');
    const [a, b] = funnels as [RevlensFunnel, RevlensFunnel];
    const first = a.shadowRoot!.querySelector<SVGGElement>('g.stage[data-stage="lead"]')!;
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    const focused = a.shadowRoot!.activeElement as SVGGElement;
    expect(focused.getAttribute('data-stage')).toBe('mql');
    let updated = loaded(b);
    focused.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await updated;
    expect(counts(b)[0]).toBe(36); // the 36 MQL journeys are the 36 opportunities
    await board.updateComplete;
    updated = loaded(b);
    board.shadowRoot!.querySelector<HTMLButtonElement>('[part="chip"]')!.click();
    await updated;
    expect(counts(b)).toEqual(ALL);
  });

  test('save() and restore(): filters and options travel as JSON; a wrong state is refused with a reason', async () => {
    const { board, funnels } = await mountBoard('<revlens-funnel id="a"></revlens-funnel><revlens-funnel id="b" by="source"></revlens-funnel>');
    const updated = loaded(funnels[1]!);
    board.setFilter({ field: 'reached', stage: 'sql', by: 'a' });
    await updated;
    const state = board.save();
    expect(JSON.parse(JSON.stringify(state))).toEqual({
      version: 1,
      filters: [{ field: 'reached', stage: 'sql', by: 'a' }],
      options: { b: { by: 'source' } },
    });
    board.remove();

    const { board: fresh, funnels: again } = await mountBoard('<revlens-funnel id="a"></revlens-funnel><revlens-funnel id="b"></revlens-funnel>');
    const restored = loaded(again[1]!);
    fresh.restore(state);
    await restored;
    expect(again[1]!.getAttribute('by')).toBe('source');
    // Segment leads under reached=SQL add up to the 36 SQL journeys.
    expect(again[1]!.rows.filter((r) => r.stage === 'lead').reduce((n, r) => n + r.reached, 0)).toBe(36);
    expect(() => fresh.restore({ version: 2, filters: [] })).toThrow(/Not a RevLens board state: version/);
  });

  test('while idle the board counts ahead what a click on each mark would show: the click then counts nothing', async () => {
    // A dataset of its own (another URL): nothing counted by the tests before.
    const src = `${DEVORG}?ahead`;
    const ran = await countsRun(src);
    const { funnels } = await mountBoard('<revlens-funnel id="a"></revlens-funnel><revlens-funnel id="b" by="source"></revlens-funnel>', '', src);
    const [a, b] = funnels as [RevlensFunnel, RevlensFunnel];
    // The pointer on a's SQL stage (the real one: where an earlier test left it may be over b).
    const sql = a.shadowRoot!.querySelector<SVGGElement>('g.stage[data-stage="sql"]')!;
    await userEvent.hover(sql);
    await quiet(ran);
    // b for each of a's six stages (besides b's own load, no stage).
    expect(new Set(ran.filters.filter((f) => f.reached).map((f) => f.reached))).toEqual(new Set(['lead', 'mql', 'sql', 'opportunity', 'poc', 'won']));
    ran.length = 0;
    const updated = loaded(b);
    sql.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await updated;
    expect([...ran]).toEqual([]);
    // The numbers counted ahead are the numbers for the click: segment leads add up to the 36 SQL journeys.
    expect(b.rows.filter((r) => r.stage === 'lead').reduce((n, r) => n + r.reached, 0)).toBe(36);
  });

  test('the mark under the pointer is counted ahead first', async () => {
    const src = `${DEVORG}?near`;
    const ran = await countsRun(src);
    await parkPointer();
    const holder = document.createElement('div');
    holder.innerHTML = `<revlens-board src="${src}"><revlens-funnel id="a"></revlens-funnel><revlens-funnel id="b" by="source"></revlens-funnel></revlens-board>`;
    board = holder.firstElementChild as RevlensBoard;
    const [a, b] = [...board.querySelectorAll('revlens-funnel')] as [RevlensFunnel, RevlensFunnel];
    const drawn = [loaded(a), loaded(b)];
    document.body.append(board);
    // The pointer reaches a's "Won" as soon as a is drawn (from the stage facts): before b, which counts after the
    // journeys are read, has drawn, so before the board can count anything ahead.
    await drawn[0];
    a.shadowRoot!.querySelector('g.stage[data-stage="won"]')!.dispatchEvent(new PointerEvent('pointerenter'));
    await drawn[1];
    await quiet(ran);
    // b's numbers for "reached Won" before any other of a's stages (lead, then mql … without the pointer).
    expect(ran.filters.filter((f) => f.reached)[0]).toEqual({ reached: 'won' });
  });

  test('a wall display counts nothing ahead (nobody clicks it)', async () => {
    const src = `${DEVORG}?wall`;
    const ran = await countsRun(src);
    await mountBoard('<revlens-funnel id="a"></revlens-funnel><revlens-funnel id="b" by="source"></revlens-funnel>', 'mode="wall"', src);
    await quiet(ran);
    expect([...ran]).toEqual(['funnel']); // b's own load; a's plain funnel comes from the stage facts
  });

  test('filters from the page URL apply on load', async () => {
    history.replaceState(null, '', `${location.pathname}?revlens.reached=sql`);
    const { funnels } = await mountBoard('<revlens-funnel></revlens-funnel>');
    expect(counts(funnels[0]!)).toEqual(REACHED_SQL);
  });

  test('<revlens-filters>: choosing a source filters every widget to that source’s journeys', async () => {
    const bySource = inject('devorgBySource');
    const leads = bySource.filter((r) => r.stage === 'lead' && r.source !== null).sort((x, y) => y.reached - x.reached);
    const pick = leads[0]!; // the largest named source
    const { board, funnels, filtersLoaded } = await mountBoard('<revlens-filters></revlens-filters><revlens-funnel></revlens-funnel>');
    const filters = board.querySelector('revlens-filters') as RevlensFilters;
    await filtersLoaded; // its values come from journeys, which load after the plain funnel has drawn
    const select = filters.shadowRoot!.querySelector<HTMLSelectElement>('select[name="source"]')!;
    const labels = [...select.options].map((o) => o.textContent!.trim());
    expect(labels).toContain(`${pick.source} (${pick.reached})`);
    const updated = loaded(funnels[0]!);
    select.value = String(pick.source);
    select.dispatchEvent(new Event('change'));
    await updated;
    const want = bySource.filter((r) => r.source === pick.source).map((r) => r.reached);
    expect(counts(funnels[0]!)).toEqual(want);
    await board.updateComplete;
    expect(chips(board)).toEqual([`Source: ${pick.source} | Remove filter Source: ${pick.source}`]);
  });
});
