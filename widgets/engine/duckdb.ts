import * as duckdb from '@duckdb/duckdb-wasm';
// Vite turns these into URLs of files it serves (dev) or emits (build) on the page's own origin:
// intranet pages have no internet, so never a CDN.
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';

/** The same-origin files DuckDB-WASM is loaded from: the eh pair where WASM exceptions work, else mvp. */
export const DUCKDB_BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: absolute(mvpWasm), mainWorker: absolute(mvpWorker) },
  eh: { mainModule: absolute(ehWasm), mainWorker: absolute(ehWorker) },
};

function absolute(url: string): string {
  return new URL(url, document.baseURI).href;
}

let engine: Promise<duckdb.AsyncDuckDB> | undefined;

/** One DuckDB in one Worker per page, started on first use and shared by every dataset and element. */
export function getDuckDB(): Promise<duckdb.AsyncDuckDB> {
  engine ??= start().catch((e: unknown) => {
    engine = undefined; // let a later call try again
    throw e;
  });
  return engine;
}

async function start(): Promise<duckdb.AsyncDuckDB> {
  const bundle = await duckdb.selectBundle(DUCKDB_BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  // A worker that fails to load reports only an 'error' event; without this the page would wait forever.
  const failed = new Promise<never>((_, reject) =>
    worker.addEventListener('error', () =>
      reject(new Error(`DuckDB worker could not start from ${bundle.mainWorker}: serve the RevLens files from the page's origin`)),
    ),
  );
  failed.catch(() => {}); // only matters while starting
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const instantiated = db.instantiate(bundle.mainModule).catch((e: unknown) => {
    throw new Error(`DuckDB could not load ${bundle.mainModule}: ${(e as Error).message}`);
  });
  try {
    await Promise.race([instantiated, failed]);
  } catch (e) {
    worker.terminate();
    throw e;
  }
  const conn = await db.connect();
  // Extensions would be downloaded from the internet: fail clearly instead of reaching out.
  await conn.query('SET autoinstall_known_extensions = false');
  await conn.query('SET autoload_known_extensions = false');
  await conn.close();
  return db;
}
