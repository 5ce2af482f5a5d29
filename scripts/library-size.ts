/**
 * What a page downloads for a library module: the module and, transitively, the chunks it imports, each file
 * minified and gzipped on its own as a server sends it (bench/bundle-size.ts, tests/node/library-size.test.ts).
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DUCKDB_FILES, ELEMENTS } from '../vite.lib.config.ts';
import { buildLibrary } from './build-lib.ts';

type Size = { raw: number; gzip: number };

/** Modules a module imports: statically (`from "./x.js"`, `import "./x.js"`), or on demand (`import("./x.js")`). */
async function importsOf(dir: string, file: string): Promise<{ now: string[]; later: string[] }> {
  const code = await readFile(join(dir, file), 'utf8');
  const now: string[] = [];
  const later: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*(\()?\s*)["'`]\.\/([\w.-]+\.js)["'`]/g)) (m[1] ? later : now).push(m[2]!);
  return { now, later };
}

/**
 * What a page loads for `entry`: `loaded`, the module and every module it imports statically; `onDemand`, what
 * it imports only on demand (import(…): the export code, fetched on the first export; <revlens-health>'s SQL,
 * fetched when it first computes) with their own imports.
 */
async function closure(dir: string, entry: string): Promise<{ loaded: string[]; onDemand: string[] }> {
  const loaded = new Set<string>();
  const onDemand = new Set<string>();
  const pending: [string, boolean][] = [[entry, false]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [file, later] = next;
    if (loaded.has(file) || (later && onDemand.has(file))) continue;
    (later ? onDemand : loaded).add(file);
    const { now, later: lazy } = await importsOf(dir, file);
    pending.push(...now.map((f): [string, boolean] => [f, later]), ...lazy.map((f): [string, boolean] => [f, true]));
  }
  return { loaded: [...loaded], onDemand: [...onDemand].filter((f) => !loaded.has(f)) };
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

/**
 * Builds the library (leaving `external` packages out) and sizes each module: loaded with the page, and on demand.
 * Throws when a module the build wrote is reached from no entry: it would be missing from every figure.
 */
export async function measureLibrary(external: string[] = []): Promise<Map<string, { loaded: Size; onDemand: Size }>> {
  const out = join(tmpdir(), `revlens-size-${process.pid}-${external.length}-${Date.now()}`);
  try {
    await buildLibrary(out, external);
    const sizes = new Map<string, { loaded: Size; onDemand: Size }>();
    const reached = new Set<string>();
    for (const entry of ['revlens', ...ELEMENTS.map((e) => `revlens-${e}`)]) {
      const { loaded, onDemand } = await closure(out, `${entry}.js`);
      for (const f of [...loaded, ...onDemand]) reached.add(f);
      sizes.set(entry, { loaded: await sizeOf(out, loaded), onDemand: await sizeOf(out, onDemand) });
    }
    const unreached = (await readdir(out)).filter((f) => f.endsWith('.js') && !DUCKDB_FILES.includes(f) && !reached.has(f));
    if (unreached.length) throw new Error(`the build wrote modules no entry imports (the import pattern missed them?): ${unreached.join(', ')}`);
    return sizes;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** The budget of issue 7: every element, without DuckDB-WASM's JS API and Apache Arrow, in 60 KB gzip. */
export const BUDGET_GZIP = 60 * 1024;
export const ENGINE = ['@duckdb/duckdb-wasm', 'apache-arrow'];
