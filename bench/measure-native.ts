// The baseline for sync: DuckDB's native CSV reader (@duckdb/node-api) turning the same files into
// columnar tables, with its own type detection, on all cores. Prints wall time, rows and peak RSS.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [inDir] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const began = performance.now();
let rows = 0;
for (const name of (await readdir(inDir!)).filter((n) => n.endsWith('.csv'))) {
  const table = `t_${name.replace(/\W/g, '_')}`;
  await conn.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${join(inDir!, name).replaceAll("'", "''")}', header = true)`);
  const result = await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${table}`);
  rows += Number(result.getRowObjects()[0]!.n);
}
const ms = performance.now() - began;
console.log(JSON.stringify({ ms, rows, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
