// Where DuckDB-WASM's files are in the library build: beside revlens.js in dist/, found relative to the
// module itself, so the folder works as it is from any path of any server (no CDN, no configuration).
const beside = (name: string) => new URL(/* @vite-ignore */ `./${name}`, import.meta.url).href;

export const DUCKDB_FILES = {
  mvp: { mainModule: beside('duckdb-mvp.wasm'), mainWorker: beside('duckdb-browser-mvp.worker.js') },
  eh: { mainModule: beside('duckdb-eh.wasm'), mainWorker: beside('duckdb-browser-eh.worker.js') },
};
