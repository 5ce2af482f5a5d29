// Where DuckDB-WASM's files are, for pages built with Vite (the demo, Storybook, tests): Vite serves (dev) or
// emits (build) them on the page's own origin. The library build (vite.lib.config.ts) swaps this module for
// duckdb-files.lib.ts. Intranet pages have no internet: never a CDN.
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';

const absolute = (url: string) => new URL(url, document.baseURI).href;

export const DUCKDB_FILES = {
  mvp: { mainModule: absolute(mvpWasm), mainWorker: absolute(mvpWorker) },
  eh: { mainModule: absolute(ehWasm), mainWorker: absolute(ehWorker) },
};
