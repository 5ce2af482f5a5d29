/**
 * What a page downloads for a library module: the module and, transitively, the chunks it imports, each file
 * minified and gzipped on its own as a server sends it (bench/bundle-size.ts, tests/node/library-size.test.ts).
 */
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ELEMENTS } from '../vite.lib.config.ts';
import { buildLibrary } from './build-lib.ts';

export type Size = { raw: number; gzip: number };

/**
 * The files a page loads for `entry`: it and every module it imports statically; with `dynamic`, also those
 * imported on demand (import(…): the export code, loaded on the first export).
 */
export async function closure(dir: string, entry: string, dynamic = false): Promise<string[]> {
  const seen = new Set<string>();
  const pattern = dynamic ? /(?:\bfrom\s*|\bimport\s*\(?\s*)["'`]\.\/([\w.-]+\.js)["'`]/g : /(?:\bfrom\s*|\bimport\s*)["'`]\.\/([\w.-]+\.js)["'`]/g;
  const visit = async (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = await readFile(join(dir, file), 'utf8');
    for (const m of code.matchAll(pattern)) await visit(m[1]!);
  };
  await visit(entry);
  return [...seen];
}

async function sizeOf(dir: string, files: string[]): Promise<Size> {
  const size = { raw: 0, gzip: 0 };
  for (const file of files) {
    const js = await readFile(join(dir, file));
    size.raw += js.byteLength;
    size.gzip += gzipSync(js, { level: 9 }).byteLength;
  }
  return size;
}

/** Builds the library (leaving `external` packages out) and sizes each module: loaded with the page, and on demand. */
export async function measureLibrary(external: string[] = []): Promise<Map<string, { loaded: Size; onDemand: Size }>> {
  const out = join(tmpdir(), `revlens-size-${process.pid}-${external.length}-${Date.now()}`);
  try {
    await buildLibrary(out, external);
    const sizes = new Map<string, { loaded: Size; onDemand: Size }>();
    for (const entry of ['revlens', ...ELEMENTS.map((e) => `revlens-${e}`)]) {
      const loaded = await closure(out, `${entry}.js`);
      const later = (await closure(out, `${entry}.js`, true)).filter((f) => !loaded.includes(f));
      sizes.set(entry, { loaded: await sizeOf(out, loaded), onDemand: await sizeOf(out, later) });
    }
    return sizes;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** The budget of issue 7: every element, without DuckDB-WASM's JS API and Apache Arrow, in 60 KB gzip. */
export const BUDGET_GZIP = 60 * 1024;
export const ENGINE = ['@duckdb/duckdb-wasm', 'apache-arrow'];
