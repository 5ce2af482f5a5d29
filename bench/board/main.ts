// Times the board in the page itself: first funnel painted (ms since navigation start), and a click on
// a funnel stage until every other widget has drawn its filtered numbers.
import '../../widgets/index.ts';

const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
const widgets = () => [...document.querySelectorAll('revlens-board > *')].filter((el) => customElements.get(el.localName) && 'reload' in el);
const funnel = document.getElementById('funnel')!;

const bench = {
  firstFunnel: undefined as number | undefined,
  /** ms since navigation start until every widget drew its first numbers. */
  allDrawn: undefined as number | undefined,
  error: undefined as string | undefined,
  elements: [] as string[],
  /** Clicks the stage in #funnel; resolves with the ms until every other widget fired revlens-load and painted. */
  async click(stage: string): Promise<number> {
    const others = widgets().filter((w) => w !== funnel);
    const done = Promise.all(others.map((w) => new Promise((r) => w.addEventListener('revlens-load', r, { once: true }))));
    const t0 = performance.now();
    funnel.shadowRoot!.querySelector(`g.stage[data-stage="${stage}"]`)!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await done;
    await frame();
    return performance.now() - t0;
  },
};
(window as unknown as { __bench: typeof bench }).__bench = bench;

funnel.addEventListener('revlens-load', async () => {
  await frame();
  bench.firstFunnel ??= performance.now();
  bench.elements = widgets().map((w) => w.localName);
}, { once: true });
Promise.all(widgets().map((w) => new Promise((r) => w.addEventListener('revlens-load', r, { once: true })))).then(async () => {
  await frame();
  bench.allDrawn = performance.now();
});
document.addEventListener('revlens-error', (e) => (bench.error ??= (e as CustomEvent).detail.message));
