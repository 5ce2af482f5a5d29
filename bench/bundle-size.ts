/**
 * The library's size (issue 7's budget: the elements ≤ 60 KB gzip without DuckDB-WASM): dist/revlens.js as
 * built, and built again with DuckDB-WASM's JS API and Apache Arrow (which it bundles) left out.
 *   tsx bench/bundle-size.ts
 */
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function measure(external: string[]): Promise<{ raw: number; gzip: number }> {
  const out = join(tmpdir(), `revlens-size-${process.pid}-${external.length}`);
  process.env.REVLENS_LIB_OUT = out;
  process.env.REVLENS_LIB_EXTERNAL = external.join(',');
  try {
    await build({ configFile: join(root, 'vite.lib.config.ts'), root, logLevel: 'warn' });
    const js = await readFile(join(out, 'revlens.js'));
    return { raw: js.byteLength, gzip: gzipSync(js, { level: 9 }).byteLength };
  } finally {
    delete process.env.REVLENS_LIB_OUT;
    delete process.env.REVLENS_LIB_EXTERNAL;
    await rm(out, { recursive: true, force: true });
  }
}

const whole = await measure([]);
const elements = await measure(['@duckdb/duckdb-wasm', 'apache-arrow']);
console.log('\nlibrary size (dist/revlens.js, minified)');
console.log(`  everything, DuckDB-WASM's JS API included   ${kb(whole.raw).padStart(9)}   gzip ${kb(whole.gzip)}`);
console.log(`  the elements alone (no DuckDB-WASM, Arrow)  ${kb(elements.raw).padStart(9)}   gzip ${kb(elements.gzip)}   (budget 60 KB gzip)`);
