/**
 * npm run build: the library for pages without a build step. dist/revlens.js is one ES module that defines
 * every element; DuckDB-WASM's worker and WASM files are copied beside it and found relative to it.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';

const require = createRequire(import.meta.url);
const DUCKDB_DIST = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
export const DUCKDB_FILES = ['duckdb-eh.wasm', 'duckdb-mvp.wasm', 'duckdb-browser-eh.worker.js', 'duckdb-browser-mvp.worker.js'];

/** The library finds DuckDB's files beside itself (duckdb-files.lib.ts), and they are copied there. */
function duckdbBeside(outDir: string): Plugin {
  return {
    name: 'revlens:duckdb-beside',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('/duckdb-files.ts') || !importer) return null;
      const resolved = await this.resolve(source.replace(/duckdb-files\.ts$/, 'duckdb-files.lib.ts'), importer, { ...options, skipSelf: true });
      return resolved;
    },
    async writeBundle() {
      await mkdir(outDir, { recursive: true });
      for (const name of DUCKDB_FILES) await copyFile(join(DUCKDB_DIST, name), join(outDir, name));
    },
  };
}

const outDir = process.env.REVLENS_LIB_OUT ?? 'dist';

export default defineConfig({
  publicDir: false,
  plugins: [duckdbBeside(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    lib: { entry: 'widgets/index.ts', formats: ['es'], fileName: () => 'revlens.js' },
    rolldownOptions: {
      external: process.env.REVLENS_LIB_EXTERNAL ? process.env.REVLENS_LIB_EXTERNAL.split(',') : [],
      output: { minify: true },
    },
  },
});
