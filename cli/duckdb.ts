import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { JOURNEY_FACTS, journeyFactsSql, journeyStagesSql, lineUpProblem, lineUpSql } from '../metrics/index.ts';
import { TABLES, type Manifest, type TableName } from '../model/index.ts';
import { readManifest, readTableBytes } from '../sync/read-dataset.ts';

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
 * inserts it as a table of its own name, and checks the row count DuckDB sees; then derives journey_stages and journey_facts.
 */
export async function loadDataset(conn: Connection, folder: string): Promise<Manifest> {
  const manifest = await readManifest(folder);
  conn.query(`DROP VIEW IF EXISTS ${JOURNEY_FACTS}`); // a dataset loaded before on this connection
  for (const name of Object.keys(TABLES) as TableName[]) {
    const bytes = await readTableBytes(folder, manifest, name);
    conn.query(`DROP TABLE IF EXISTS ${name}`);
    conn.insertArrowFromIPCStream(bytes, { name, create: true });
    const seen = Number(queryRows(conn, `SELECT count(*) AS n FROM ${name}`)[0]?.n);
    if (seen !== manifest.tables[name].rows) {
      throw new Error(`${join(folder, manifest.tables[name].file)}: DuckDB read ${seen} rows, manifest.json says ${manifest.tables[name].rows}: sync the dataset again`);
    }
  }
  conn.query(journeyStagesSql(manifest.stage_model, manifest.tables.journeys.rows));
  const files = { journeys: join(folder, manifest.tables.journeys.file), stage_events: join(folder, manifest.tables.stage_events.file) };
  const problem = lineUpProblem(queryRows(conn, lineUpSql(manifest.tables.journeys.rows))[0], files);
  if (problem) throw new Error(problem);
  conn.query(journeyFactsSql(manifest.stage_model));
  return manifest;
}
