import type { Connection } from '../../cli/duckdb.ts';

/**
 * What global-setup.ts hands each file in setup/: a Node DuckDB-WASM connection (cli/duckdb.ts) and the
 * dataset folders it synced. The browser sees them at /tests/.data/<name>/manifest.json.
 *  - devorg: the real salesforce-devorg fixture (53 journeys).
 *  - xss: 8 journeys whose source holds markup (cases.ts EVIL_SOURCE).
 *  - demo: 600 generated opportunities with their leads (bench/generate-salesforce.ts, seed 7).
 * A setup file loads a dataset with loadDataset(conn, folder), computes what its widget should show with
 * the metric builders, and passes it to the browser with project.provide (declare the key in ProvidedContext).
 */
export interface SetupContext {
  conn: Connection;
  data: string;
  datasets: { devorg: string; xss: string; demo: string };
}
