import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { RecordBatch, RecordBatchStreamWriter, Schema, Struct, makeData } from 'apache-arrow';
import type { TableName } from '../model/index.ts';
import { column } from './arrow-columns.ts';
import type { Row } from './types.ts';
import { datasetFields } from './write-dataset.ts';

/** A table written to a temporary file, ready to be put in place under its content's name. */
export interface StagedTable {
  path: string;
  rows: number;
  sha256: string;
  bytes: number;
}

/** Rows per record batch: small enough to hold a batch of row objects, large enough to cost little. */
const BATCH_ROWS = 65_536;

/**
 * Writes a table as an Arrow IPC stream while its rows arrive, one record batch at a time, so that
 * memory holds one batch of rows however many there are. Each batch carries its own dictionaries
 * (replacements, which DuckDB and Arrow JS read); the same rows always give the same bytes.
 */
export class TableWriter {
  private rows: Row[] = [];
  private count = 0;
  private readonly writer = new RecordBatchStreamWriter();
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly done: Promise<void>;

  constructor(
    private readonly name: TableName,
    private readonly path: string,
  ) {
    const out = createWriteStream(path, { flags: 'wx' });
    const stream = this.writer.toNodeStream();
    stream.on('data', (chunk: Uint8Array) => {
      this.hash.update(chunk);
      this.bytes += chunk.byteLength;
    });
    stream.pipe(out);
    this.done = finished(out);
  }

  add(row: Row): void {
    this.rows.push(row);
    if (this.rows.length === BATCH_ROWS) this.flush();
  }

  private flush(): void {
    const fields = datasetFields(this.name, this.count + this.rows.length === 0);
    const children = fields.map((f) => {
      const data = column(f.type, this.rows.map((r) => r[f.name] ?? null)).data[0]!;
      if (!f.nullable && data.nullCount > 0) throw new Error(`internal: ${this.name}.${f.name} has ${data.nullCount} empty values`);
      return data;
    });
    const schema = new Schema(fields);
    this.writer.write(new RecordBatch(schema, makeData({ type: new Struct(fields), length: this.rows.length, nullCount: 0, children })));
    this.count += this.rows.length;
    this.rows = [];
  }

  /** Removes the file if it is still where it was written (not put in place). */
  async discard(): Promise<void> {
    if (!this.closed) {
      this.writer.close();
      await this.done.catch(() => undefined);
    }
    await rm(this.path, { force: true });
  }

  private closed = false;

  /** Writes the last batch and the end of the stream, and makes the file durable. */
  async finish(): Promise<StagedTable> {
    // An empty table still needs one (empty) batch: its schema is the table's.
    if (this.rows.length > 0 || this.count === 0) this.flush();
    this.writer.close();
    this.closed = true;
    await this.done;
    const handle = await open(this.path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { path: this.path, rows: this.count, sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}
