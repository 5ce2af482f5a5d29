// Times <revlens-health> in the page itself: first drawn (ms since navigation start), a sort by a column, and
// the CSV export.
import '../../widgets/health/define.ts';
import type { RevlensHealth } from '../../widgets/health/revlens-health.ts';

const health = document.getElementById('health') as RevlensHealth;
const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
const loaded = () => new Promise((r) => health.addEventListener('revlens-load', r, { once: true }));

const bench = {
  drawn: undefined as number | undefined,
  error: undefined as string | undefined,
  /** Clicks a column's sort button; ms until the list is drawn in the new order (a reload when DuckDB sorts). */
  async sort(key: string): Promise<number> {
    const done = bench.paged() ? loaded() : Promise.resolve();
    const t0 = performance.now();
    health.shadowRoot!.querySelector<HTMLButtonElement>(`th[data-sort="${key}"] button`)!.click();
    await done;
    await health.updateComplete;
    await frame();
    return performance.now() - t0;
  },
  /** The CSV export with the download caught: ms and bytes. */
  async csv(): Promise<{ ms: number; bytes: number }> {
    const create = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    let bytes = 0;
    URL.createObjectURL = (b: Blob | MediaSource) => ((bytes = (b as Blob).size), 'blob:caught');
    HTMLAnchorElement.prototype.click = () => {};
    const t0 = performance.now();
    try {
      await health.exportCsv();
      return { ms: performance.now() - t0, bytes };
    } finally {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    }
  },
  note: () => health.shadowRoot!.querySelector('.stagnant [part="note"]')?.textContent ?? '',
  /** Whether the list came whole into the page (sorted there) or page by page (sorted by DuckDB). */
  paged: () => (health.result ? health.result.total > health.result.stagnant.length : false),
};
export type HealthBench = typeof bench;
(window as unknown as { __bench: HealthBench }).__bench = bench;

loaded().then(async () => {
  await frame();
  bench.drawn = performance.now();
});
health.addEventListener('revlens-error', (e) => (bench.error ??= (e as CustomEvent).detail.message));
