import { createHash, type Hash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { AsyncByteQueue, RecordBatch, RecordBatchStreamWriter, Schema, Struct, makeData } from 'apache-arrow';
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
const BUFFER_BYTES = 1 << 20;

/**
 * Where the Arrow writer's bytes go: straight to the file, hashed on the way. The writer's own queue
 * would hold every byte until a stream reader asked for it, and sync produces faster than it drains.
 */
class FileSink extends AsyncByteQueue {
  private readonly buffer = Buffer.alloc(BUFFER_BYTES);
  private used = 0;
  bytes = 0;

  private shut = false;

  constructor(
    private readonly fd: number,
    private readonly hash?: Hash,
    /** fsync before closing: the file is to be put in place by a rename. */
    private readonly durable = false,
  ) {
    super();
  }

  override write(value: Uint8Array): void {
    const chunk = value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer);
    this.hash?.update(chunk);
    this.bytes += chunk.byteLength;
    if (this.used + chunk.byteLength > BUFFER_BYTES) this.drain();
    if (chunk.byteLength >= BUFFER_BYTES) writeSync(this.fd, chunk);
    else {
      this.buffer.set(chunk, this.used);
      this.used += chunk.byteLength;
    }
  }

  drain(): void {
    if (this.used) writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }

  /** Writes what is buffered and closes the file (the Arrow writer calls this when it finishes). */
  override close(): void {
    if (this.shut) return;
    this.shut = true;
    this.drain();
    if (this.durable) fsyncSync(this.fd);
    closeSync(this.fd);
    super.close();
  }
}

/** A sink that writes an Arrow writer's bytes to a new file (for the benchmark's baseline). */
export function FileSinkFor(path: string): FileSink {
  return new FileSink(openSync(path, 'w'));
}

/**
 * Writes a table as an Arrow IPC stream while its rows arrive, one record batch at a time, so that
 * memory holds one batch of rows however many there are. Each batch carries its own dictionaries
 * (replacements, which DuckDB and Arrow JS read); the same rows always give the same bytes.
 */
export class TableWriter {
  private rows: Row[] = [];
  private count = 0;
  private readonly hash = createHash('sha256');
  private readonly fd: number;
  private readonly sink: FileSink;
  private readonly writer = new RecordBatchStreamWriter();
  private state: 'open' | 'finished' | 'closed' = 'open';

  constructor(
    private readonly name: TableName,
    private readonly path: string,
  ) {
    this.fd = openSync(path, 'wx');
    this.sink = new FileSink(this.fd, this.hash, true);
    this.writer.reset(this.sink);
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
    this.writer.write(new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: this.rows.length, nullCount: 0, children })));
    this.count += this.rows.length;
    this.rows = [];
  }

  /** Writes the last batch and the end of the stream, and makes the file durable. */
  async finish(): Promise<StagedTable> {
    // An empty table still needs one (empty) batch: its schema is the table's.
    if (this.rows.length > 0 || this.count === 0) this.flush();
    this.writer.finish(); // closes the sink: written, fsync'd, closed
    this.sink.close();
    this.state = 'finished';
    return { path: this.path, rows: this.count, sha256: this.hash.digest('hex'), bytes: this.sink.bytes };
  }

  /** Removes the file if it is still where it was written (not put in place). */
  async discard(): Promise<void> {
    if (this.state === 'open') this.sink.close();
    this.state = 'closed';
    await rm(this.path, { force: true });
  }
}
