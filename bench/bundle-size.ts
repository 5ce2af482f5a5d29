/**
 * The library's size (issue 7's budget: the elements ≤ 60 KB gzip without DuckDB-WASM), as a browser downloads
 * it: for dist/revlens.js and each dist/revlens-<element>.js, the module and every chunk it imports, each file
 * gzipped on its own (scripts/library-size.ts). Built twice: as shipped, and with DuckDB-WASM's JS API and
 * Apache Arrow left out. tests/node/library-size.test.ts holds the budget.
 *   tsx bench/bundle-size.ts
 */
import { BUDGET_GZIP, ENGINE, measureLibrary } from '../scripts/library-size.ts';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const whole = await measureLibrary();
const elements = await measureLibrary(ENGINE);
console.log('\nlibrary size (minified; each module with the chunks it imports as the page loads, gzip per file as served)');
console.log(`  ${'module'.padEnd(24)} ${'as shipped'.padStart(22)}   ${'without DuckDB-WASM and Arrow'.padStart(30)}`);
for (const [entry, { loaded: size }] of whole) {
  const el = elements.get(entry)!.loaded;
  const budget = entry === 'revlens' ? `   (budget ${kb(BUDGET_GZIP)} gzip: ${el.gzip <= BUDGET_GZIP ? 'met' : 'NOT met'})` : '';
  console.log(`  ${`${entry}.js`.padEnd(24)} ${kb(size.raw).padStart(9)} gzip ${kb(size.gzip).padStart(8)}   ${kb(el.raw).padStart(9)} gzip ${kb(el.gzip).padStart(8)}${budget}`);
}
const later = whole.get('revlens')!.onDemand;
console.log(`  loaded on demand (the export code on the first CSV or PNG export; <revlens-health>'s SQL when it first computes): ${kb(later.raw)}, gzip ${kb(later.gzip)}`);
