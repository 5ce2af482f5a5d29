import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { writeWindows1252 } from './windows-1252.ts';

/**
 * Writes one Salesforce object export in either layout:
 * - `dataloader`: Data Loader / Bulk API CSV — UTF-8, fields quoted only when needed (RFC 4180),
 *   `2024-01-22T20:36:47.000+0000` datetimes, `YYYY-MM-DD` dates, true/false, blank empty lookups, LF.
 * - `weekly`: the weekly data export — Windows-1252, every field quoted, `YYYY-MM-DD HH:MM:SS` (UTC,
 *   no zone), dates padded ` 00:00:00`, 1/0, empty lookups `000000000000000AAA`, CRLF.
 * Each row is encoded straight into a 1 MB buffer (no chunk strings to join and collect), each
 * full buffer goes to the stream, and `blocked` tells the caller to wait for the stream to drain,
 * so memory stays flat however many rows are written.
 */

export type Layout = 'dataloader' | 'weekly';

/** `lookup` is a reference to another record (empty lookups are written differently per layout). */
export type Kind = 'id' | 'lookup' | 'text' | 'bool' | 'datetime' | 'date' | 'number';
export type Cell = string | number | boolean | null;
export interface ColumnSpec {
  name: string;
  kind: Kind;
}

const EMPTY_LOOKUP = '000000000000000AAA';
const CHUNK_BYTES = 1 << 20;
const DAY_MS = 86_400_000;
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** Caches "YYYY-MM-DD" per day: millions of timestamps fall on a few thousand days. */
const dayText = new Map<number, string>();
function day(ms: number): string {
  const d = Math.floor(ms / DAY_MS);
  let s = dayText.get(d);
  if (s === undefined) {
    s = new Date(d * DAY_MS).toISOString().slice(0, 10);
    dayText.set(d, s);
  }
  return s;
}
function clock(ms: number): string {
  const secs = Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / 1000);
  return `${TWO[Math.floor(secs / 3600)]}:${TWO[Math.floor(secs / 60) % 60]}:${TWO[secs % 60]}`;
}

const NEEDS_QUOTES = /[",\r\n]/;
const quote = (s: string): string => `"${s.includes('"') ? s.replace(/"/g, '""') : s}"`;

type Format = (v: Cell) => string;

function formatter(kind: Kind, layout: Layout): Format {
  if (layout === 'dataloader') {
    switch (kind) {
      case 'id':
      case 'lookup':
      case 'number':
        return (v) => (v === null ? '' : String(v));
      case 'text':
        return (v) => (v === null ? '' : NEEDS_QUOTES.test(v as string) ? quote(v as string) : (v as string));
      case 'bool':
        return (v) => (v ? 'true' : 'false');
      case 'datetime':
        return (v) => (v === null ? '' : `${day(v as number)}T${clock(v as number)}.000+0000`);
      case 'date':
        return (v) => (v === null ? '' : day(v as number));
    }
  }
  switch (kind) {
    case 'id':
    case 'number':
      return (v) => (v === null ? '""' : `"${v}"`);
    case 'lookup':
      return (v) => `"${v ?? EMPTY_LOOKUP}"`;
    case 'text':
      return (v) => (v === null ? '""' : quote(v as string));
    case 'bool':
      return (v) => (v ? '"1"' : '"0"');
    case 'datetime':
      return (v) => (v === null ? '""' : `"${day(v as number)} ${clock(v as number)}"`);
    case 'date':
      return (v) => (v === null ? '""' : `"${day(v as number)} 00:00:00"`);
  }
}

/** Characters Latin-1 and Windows-1252 agree on: text made only of these is written by Node's fast latin1 path. */
const NOT_LATIN1_SAFE = /[^\x00-\x7f\xa0-\xff]/;
const write1252 = (s: string, buf: Buffer, at: number): number =>
  NOT_LATIN1_SAFE.test(s) ? writeWindows1252(s, buf, at) : buf.write(s, at, 'latin1');

export class CsvWriter {
  rows = 0;
  bytes = 0;
  /** Set while the stream's buffer is full: await it before writing more. */
  blocked: Promise<unknown> | null = null;

  private readonly stream: WriteStream;
  private readonly formats: Format[];
  private readonly eol: string;
  /** Bytes a character can take: 3 in UTF-8 (BMP), 1 in Windows-1252. */
  private readonly maxBytesPerChar: number;
  private readonly put: (s: string, buf: Buffer, at: number) => number;
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private at = 0;
  /** A write error (disk full, no permission), raised at the next flush rather than crashing the process. */
  private failure: Error | null = null;

  constructor(readonly path: string, columns: ColumnSpec[], layout: Layout) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 22 });
    this.stream.on('error', (e) => (this.failure ??= e));
    this.formats = columns.map((c) => formatter(c.kind, layout));
    this.eol = layout === 'weekly' ? '\r\n' : '\n';
    this.maxBytesPerChar = layout === 'weekly' ? 1 : 3;
    this.put = layout === 'weekly' ? write1252 : (s, buf, at) => buf.write(s, at, 'utf8');
    const header = columns.map((c) => (layout === 'weekly' ? quote(c.name) : c.name)).join(',');
    this.push(header + this.eol);
  }

  write(cells: Cell[]): void {
    if (cells.length !== this.formats.length) {
      throw new Error(`${this.path}: a row has ${cells.length} cells for ${this.formats.length} columns`);
    }
    let line = '';
    for (let i = 0; i < cells.length; i++) line += (i ? ',' : '') + this.formats[i]!(cells[i] as Cell);
    this.push(line + this.eol);
    this.rows++;
  }

  private push(s: string): void {
    if (s.length === 0) return;
    const room = s.length * this.maxBytesPerChar;
    if (this.at + room > this.buf.length) {
      this.flush();
      if (room > this.buf.length) this.buf = Buffer.allocUnsafe(room);
    }
    this.at += this.put(s, this.buf, this.at);
  }

  private flush(): void {
    if (this.failure) throw new Error(`cannot write ${this.path}: ${this.failure.message}`);
    if (this.at === 0) return;
    // The stream keeps the buffer until it is written: hand it over and start a fresh one.
    const full = this.buf.subarray(0, this.at);
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    this.at = 0;
    this.bytes += full.length;
    if (!this.stream.write(full) && !this.blocked) {
      this.blocked = once(this.stream, 'drain').then(() => (this.blocked = null));
    }
  }

  /** Stops writing after a failure elsewhere: the partial file is left as it is. */
  abort(): void {
    this.stream.destroy();
  }

  async close(): Promise<void> {
    this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}
