import { describe, expect, it } from 'vitest';
import { BUDGET_GZIP, ENGINE, measureLibrary } from '../../scripts/library-size.ts';

/**
 * The size budget as a test, so a change that breaks it is seen when it is made (bench/bundle-size.ts prints
 * the figures): what a page downloads for dist/revlens.js, every element, without DuckDB-WASM and Arrow.
 */
describe('the library size', () => {
  it('the elements fit in 60 KB gzip without DuckDB-WASM; one element alone in much less', async () => {
    const sizes = await measureLibrary(ENGINE);
    const all = sizes.get('revlens')!.loaded.gzip;
    expect(all).toBeLessThanOrEqual(BUDGET_GZIP);
    // An element imported alone leaves the others out: the funnel costs less than the whole library.
    expect(sizes.get('revlens-funnel')!.loaded.gzip).toBeLessThan(all * 0.8);
    // The export code loads on the first export only.
    expect(sizes.get('revlens')!.onDemand.gzip).toBeGreaterThan(0);
  }, 120_000);
});
