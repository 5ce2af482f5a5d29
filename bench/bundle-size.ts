/**
 * The library's size (issue 7's budget: the elements ≤ 60 KB gzip without DuckDB-WASM), as a browser downloads
 * it: for dist/revlens.js and each dist/revlens-<element>.js, the module and every chunk it imports, each file
 * gzipped on its own. Built twice: as shipped, and with DuckDB-WASM's JS API and Apache Arrow left out.
 *   tsx bench/bundle-size.ts
 */
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildLibrary } from '../scripts/build-lib.ts';
import { ELEMENTS } from '../vite.lib.config.ts';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The files a page loads for `entry`: it and, transitively, every module it imports (static or dynamic). */
export async function closure(dir: string, entry: string): Promise<string[]> {
  const seen = new Set<string>();
  const visit = async (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = await readFile(join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']\.\/([\w.-]+\.js)["']/g)) await visit(m[1]!);
  };
  await visit(entry);
  return [...seen];
}

type Size = { raw: number; gzip: number };

async function measure(external: string[]): Promise<Map<string, Size>> {
  const out = join(tmpdir(), `revlens-size-${process.pid}-${external.length}`);
  try {
    await buildLibrary(out, external);
    const sizes = new Map<string, Size>();
    for (const entry of ['revlens', ...ELEMENTS.map((e) => `revlens-${e}`)]) {
      const size = { raw: 0, gzip: 0 };
      for (const file of await closure(out, `${entry}.js`)) {
        const js = await readFile(join(out, file));
        size.raw += js.byteLength;
        size.gzip += gzipSync(js, { level: 9 }).byteLength;
      }
      sizes.set(entry, size);
    }
    return sizes;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

const whole = await measure([]);
const elements = await measure(['@duckdb/duckdb-wasm', 'apache-arrow']);
console.log('\nlibrary size (minified; each module with the chunks it imports, gzip per file as served)');
console.log(`  ${'module'.padEnd(24)} ${'as shipped'.padStart(22)}   ${'without DuckDB-WASM and Arrow'.padStart(30)}`);
for (const [entry, size] of whole) {
  const el = elements.get(entry)!;
  const budget = entry === 'revlens' ? `   (budget 60 KB gzip: ${el.gzip <= 60 * 1024 ? 'met' : 'NOT met'})` : '';
  console.log(`  ${`${entry}.js`.padEnd(24)} ${kb(size.raw).padStart(9)} gzip ${kb(size.gzip).padStart(8)}   ${kb(el.raw).padStart(9)} gzip ${kb(el.gzip).padStart(8)}${budget}`);
}
