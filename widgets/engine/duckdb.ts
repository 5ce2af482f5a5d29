import * as duckdb from '@duckdb/duckdb-wasm';
import { DUCKDB_FILES } from './duckdb-files.ts';

/** The same-origin files DuckDB-WASM is loaded from: the eh pair where WASM exceptions work, else mvp. */
export const DUCKDB_BUNDLES: duckdb.DuckDBBundles = DUCKDB_FILES;

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
