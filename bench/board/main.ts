// Times the board in the page itself: first funnel painted (ms since navigation start), and a click on a mark
// (a funnel stage, a win-loss region) until every other widget has drawn its filtered numbers.
import { openDataset } from '../../widgets/index.ts';
import { painted } from '../../widgets/engine/pace.ts';

// Clocks stop once the frame is rendered (painted): the animation frame alone comes before its style, layout and
// paint, and 30–50 ms of a click's work went uncounted.
const widgets = () => [...document.querySelectorAll('revlens-board > *')].filter((el) => customElements.get(el.localName) && 'reload' in el);

const bench = {
  firstFunnel: undefined as number | undefined,
  /** ms since navigation start until every widget drew its first numbers. */
  allDrawn: undefined as number | undefined,
  error: undefined as string | undefined,
  elements: [] as string[],
  /** Clicks the nth mark matching a selector in #widget's shadow root; resolves with the ms until every other widget fired revlens-load and painted. */
  click(widget: string, mark: string, nth: number): Promise<number> {
    const clicked = document.getElementById(widget)!;
    return updated(widgets().filter((w) => w !== clicked), () => {
      clicked.shadowRoot!.querySelectorAll(mark)[nth]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
  },
  /** Clears the board's filters; resolves when every widget drew again. */
  clear(): Promise<number> {
    const board = document.querySelector('revlens-board') as HTMLElement & { clearFilters(): void };
    return updated(widgets(), () => board.clearFilters());
  },
  /** The values of a dimension, most journeys first (the board counts none of these filters ahead: no widget draws them). */
  async values(dimension: 'industry' | 'owner'): Promise<string[]> {
    const c = await (await openDataset('./data/manifest.json')).journeys();
    const category = c.categories[dimension];
    const counts = new Map<number, number>();
    for (const code of category.codes) counts.set(code, (counts.get(code) ?? 0) + 1);
    return [...counts].filter(([code]) => code >= 0).sort((a, b) => b[1] - a[1]).map(([code]) => category.values[code]!);
  },
  /** Sets a board filter as <revlens-filters> does; resolves with the ms until every widget fired revlens-load and painted. */
  choose(dimension: string, value: string | null): Promise<number> {
    const board = document.querySelector('revlens-board') as HTMLElement & { setFilter(c: unknown): void; removeFilter(f: string): void };
    return updated(widgets(), () => (value === null ? board.removeFilter(dimension) : board.setFilter({ field: dimension, values: [value] })));
  },
};

/** ms from `act` until each of `these` fired revlens-load and the page rendered them. */
async function updated(these: Element[], act: () => void): Promise<number> {
  const done = Promise.all(these.map((w) => new Promise((r) => w.addEventListener('revlens-load', r, { once: true }))));
  const t0 = performance.now();
  act();
  await done;
  await painted();
  return performance.now() - t0;
}
(window as unknown as { __bench: typeof bench }).__bench = bench;

document.getElementById('funnel')!.addEventListener('revlens-load', async () => {
  await painted();
  bench.firstFunnel ??= performance.now();
  bench.elements = widgets().map((w) => w.localName);
}, { once: true });
Promise.all(widgets().map((w) => new Promise((r) => w.addEventListener('revlens-load', r, { once: true })))).then(async () => {
  await painted();
  bench.allDrawn = performance.now();
});
document.addEventListener('revlens-error', (e) => (bench.error ??= (e as CustomEvent).detail.message));
