import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { TABLES, parseManifest, type Manifest, type TableName } from '../model/index.ts';

export type Connection = duckdb.DuckDBConnection;

/** DuckDB-WASM's blocking build: the same engine and SQL as the browser, in this process. */
export async function openDuckDB(): Promise<{ db: duckdb.DuckDBBindings; conn: Connection }> {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/blocking'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  return { db, conn: db.connect() };
}

/** Rows as plain objects. Counts stay BigInt here; metric shaping turns them into numbers. */
export function queryRows(conn: Connection, sql: string): Record<string, unknown>[] {
  return conn.query(sql).toArray().map((row) => row.toJSON() as Record<string, unknown>);
}

/**
 * Reads a dataset folder into the connection: validates the manifest, checks each table's checksum,
 * inserts it as a table of its own name, and checks the row count DuckDB sees.
 */
export async function loadDataset(conn: Connection, folder: string): Promise<Manifest> {
  const manifestPath = join(folder, 'manifest.json');
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    throw new Error(`${manifestPath} not found: point --data at a folder written by "revlens sync"`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${manifestPath} is not valid JSON (${(e as Error).message}): sync the dataset again`);
  }
  const manifest = parseManifest(json, manifestPath);
  for (const name of Object.keys(TABLES) as TableName[]) {
    const entry = manifest.tables[name];
    const path = join(folder, entry.file);
    const bytes = new Uint8Array(await readFile(path));
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== entry.sha256) {
      throw new Error(`${path} does not match its checksum in manifest.json (changed or truncated): sync the dataset again`);
    }
    conn.query(`DROP TABLE IF EXISTS ${name}`);
    conn.insertArrowFromIPCStream(bytes, { name, create: true });
    const seen = Number(queryRows(conn, `SELECT count(*) AS n FROM ${name}`)[0]?.n);
    if (seen !== entry.rows) {
      throw new Error(`${path}: DuckDB read ${seen} rows, manifest.json says ${entry.rows}: sync the dataset again`);
    }
  }
  return manifest;
}
