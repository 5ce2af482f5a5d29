/**
 * The baseline for sync: the same CSV files turned into Arrow IPC files by DuckDB's native CSV reader
 * (@duckdb/node-api, all cores, its own type detection): each file read by read_csv, its rows fetched
 * chunk by chunk and written as Arrow record batches (text as Utf8, numbers as Float64, dates and times
 * as timestamp[ms]). No validation, no journeys: the conversion alone. Prints wall time, rows, peak RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Field, Float64, RecordBatch, RecordBatchStreamWriter, Schema, Struct, TimestampMillisecond, Utf8, makeData, type DataType } from 'apache-arrow';
import { column } from '../sync/arrow-columns.ts';
import { FileSinkFor } from '../sync/table-writer.ts';

const [inDir] = process.argv.slice(2);
const out = mkdtempSync(join(tmpdir(), 'revlens-native-'));
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** How each detected type is fetched (SQL) and written (Arrow). */
function plan(name: string, type: string): { sql: string; arrow: DataType } {
  const col = `"${name.replaceAll('"', '""')}"`;
  if (/^(DATE|TIMESTAMP)/.test(type)) return { sql: `epoch_ms(${col}::TIMESTAMP)::DOUBLE`, arrow: new TimestampMillisecond() };
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|DOUBLE|FLOAT|DECIMAL)/.test(type)) return { sql: `${col}::DOUBLE`, arrow: new Float64() };
  return { sql: `${col}::VARCHAR`, arrow: new Utf8() };
}

const began = performance.now();
let rows = 0;
for (const name of (await readdir(inDir!)).filter((n) => n.endsWith('.csv'))) {
  const source = `read_csv(${quote(join(inDir!, name))}, header = true)`;
  const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
  const columns = described.getRowObjects().map((r) => ({ name: String(r.column_name), ...plan(String(r.column_name), String(r.column_type)) }));
  const fields = columns.map((c) => new Field(c.name, c.arrow, true));
  const writer = new RecordBatchStreamWriter();
  const sink = FileSinkFor(join(out, `${name}.arrow`));
  writer.reset(sink);
  const result = await conn.stream(`SELECT ${columns.map((c) => c.sql).join(', ')} FROM ${source}`);
  let batch: (string | number | null)[][] = columns.map(() => []);
  const flush = () => {
    const length = batch[0]!.length;
    const children = fields.map((f, i) => column(f.type, batch[i]!).data[0]!);
    writer.write(new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length, nullCount: 0, children })));
    rows += length;
    batch = columns.map(() => []);
  };
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    chunk.getColumns().forEach((values, i) => {
      for (const v of values) batch[i]!.push(v as string | number | null);
    });
    if (batch[0]!.length >= 65_536) flush();
  }
  if (batch[0]!.length) flush();
  writer.finish();
  sink.close();
}
const ms = performance.now() - began;
rmSync(out, { recursive: true, force: true });
console.log(JSON.stringify({ ms, rows, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
