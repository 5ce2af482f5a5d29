import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { SyncError } from './errors.ts';
import { own } from './intern.ts';

export { own } from './intern.ts';

const subsets = new WeakMap<Map<string, number>, Map<string, Map<string, number>>>();

/**
 * The column map of records retained with these columns: one per file and column list, shared by
 * every such record (a Map each would cost a million records 150 MB).
 */
function subset(columns: Map<string, number>, keep: readonly string[]): Map<string, number> {
  const byList = subsets.get(columns) ?? new Map<string, Map<string, number>>();
  subsets.set(columns, byList);
  const key = keep.join('\u0000');
  let map = byList.get(key);
  if (!map) {
    map = new Map();
    for (const c of keep) {
      if (!columns.has(c) && !columns.has(c.toLowerCase())) continue;
      if (map.has(c.toLowerCase())) continue;
      const i = new Set(map.values()).size;
      map.set(c.toLowerCase(), i).set(c, i);
    }
    byList.set(key, map);
  }
  return map;
}

/** One record of a CSV file: its fields, read by header name. */
export class CsvRecord {
  /** 0 not yet settled, 1 kept, 2 rejected: the ledger's mark (see ledger.ts). */
  settled: 0 | 1 | 2 = 0;

  constructor(
    /** 1-based line in the file where the record starts. */
    readonly line: number,
    private readonly fields: string[],
    private readonly columns: Map<string, number>,
    /** Set when the record has fewer fields than the header, or more that are not empty. */
    readonly fieldCountProblem: string | null,
  ) {}

  /** Every field as read. */
  cells(): readonly string[] {
    return this.fields;
  }

  /** The raw value of a column (names match regardless of case); undefined when the file has no such column. */
  get(column: string): string | undefined {
    // The map holds each header name as written and in lower case: most lookups hit the first.
    const i = this.columns.get(column) ?? this.columns.get(column.toLowerCase());
    return i === undefined ? undefined : (this.fields[i] ?? '');
  }

  /**
   * A copy holding only these columns, for records kept until the journeys are built. Parsed fields
   * are slices of a whole decoded chunk, and a slice keeps its chunk alive: the copy's are not.
   */
  retain(columns: readonly string[]): CsvRecord {
    const kept = subset(this.columns, columns);
    const fields: string[] = [];
    for (const [name, i] of kept) {
      if (fields[i] !== undefined) continue;
      const value = this.get(name) ?? '';
      fields[i] = own(value);
    }
    const copy = new CsvRecord(this.line, fields, kept, this.fieldCountProblem);
    copy.settled = this.settled;
    return copy;
  }
}

export interface CsvFile {
  path: string;
  name: string;
  encoding: string;
  header: string[];
  /** Whether the header has a column, regardless of case (Data Loader can write "ID", "STAGENAME"). */
  has(column: string): boolean;
  /** Makes a column readable under another name too (a report's "Stage" as "StageName"). */
  alias(name: string, column: string): void;
  /** The records, streamed from disk a chunk at a time; each call reads the file again. */
  batches(): AsyncGenerator<CsvRecord[]>;
  /** The same, one record at a time (simpler; slower for millions). */
  records(): AsyncGenerator<CsvRecord>;
  /** The lines of a report footer ("Grand Totals …", "Confidential Information …"): not records. Known once records() has run to the end. */
  footer: string[];
  /** How many records records() yielded the last time it ran to the end. */
  count: number;
}

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

const CHUNK = 4 << 20;

/** A record (or line) longer than this is not CRM data: stop rather than fill the memory with it. */
export const MAX_RECORD_CHARS = 64 << 20;

/**
 * Windows-1252 or GB18030, for bytes that are not UTF-8. In Chinese text nearly every byte above 0x7F
 * sits next to another (two-byte characters); in Western text accented letters stand mostly alone.
 */
function legacyEncoding(bytes: Uint8Array): string {
  let high = 0;
  let paired = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) continue;
    high++;
    if ((bytes[i - 1] ?? 0) >= 0x80 || (bytes[i + 1] ?? 0) >= 0x80) paired++;
  }
  return paired / high > 0.6 ? 'gb18030' : 'windows-1252';
}

/**
 * Where UTF-8 goes wrong in bytes that are not all valid: the first bad byte, and how many of the
 * bytes above 0x7F do form valid UTF-8 characters (nearly all, in a UTF-8 file with a few stray
 * bytes pasted in from elsewhere).
 */
function utf8Damage(bytes: Uint8Array): { firstBad: number; validShare: number } {
  let firstBad = -1;
  let high = 0;
  let valid = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0;
    let ok = n > 0 && i + n <= bytes.length;
    for (let k = 1; ok && k < n; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      high += n;
      valid += n;
      i += n;
    } else {
      if (firstBad < 0) firstBad = i;
      high++;
      i++;
    }
  }
  return { firstBad, validShare: high ? valid / high : 0 };
}

/** Where a UTF-8 chunk can be cut without splitting a character: before its last lead byte. */
function utf8Boundary(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    if ((bytes[i]! & 0xc0) !== 0x80) return (bytes[i]! & 0x80) === 0 ? bytes.length : i;
  }
  return bytes.length;
}

/** The line a byte offset is on (only for messages: it reads the file again). */
async function lineAt(path: string, offset: number): Promise<number> {
  let line = 1;
  if (offset === 0) return line;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK, end: offset - 1 })) {
    for (const b of chunk as Buffer) if (b === 0x0a) line++;
  }
  return line;
}

/**
 * The file's encoding: a byte-order mark if it has one, else UTF-8 when every byte is valid UTF-8,
 * else GB18030 (Chinese Excel) or Windows-1252 (Salesforce's data export, Western Excel).
 */
export async function detectEncoding(path: string): Promise<string> {
  const handle = await open(path);
  try {
    const buffer = Buffer.alloc(CHUNK + 4);
    let carried = 0;
    let first = true;
    let offset = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, carried, CHUNK);
      const end = carried + bytesRead;
      const bytes = buffer.subarray(0, end);
      if (first) {
        for (const [bom, encoding] of BOMS) if (bom.every((b, i) => bytes[i] === b)) return encoding;
        first = false;
      }
      const cut = bytesRead === 0 ? end : utf8Boundary(bytes);
      if (!isUtf8(bytes.subarray(0, cut))) {
        const { firstBad, validShare } = utf8Damage(bytes.subarray(0, cut));
        if (validShare > 0.5) {
          const at = await lineAt(path, offset + firstBad);
          throw new SyncError(
            `${basename(path)} line ${at}: a byte that is not UTF-8 in a file that otherwise is (mixed encodings, e.g. text pasted from another file): export it again in one encoding, or pass --encoding utf-8 to read it anyway (the bad bytes become �)`,
          );
        }
        return legacyEncoding(bytes);
      }
      if (bytesRead === 0) return 'utf-8';
      offset += cut;
      buffer.copy(buffer, 0, cut, end);
      carried = end - cut;
    }
  } finally {
    await handle.close();
  }
}

/** A streaming decoder: UTF-8 and UTF-16 with the platform's (fast), others with iconv-lite. */
function decoder(encoding: string, file: string): { write(b: Buffer): string; end(): string } {
  if (/^utf-?(8|16le)$/i.test(encoding)) {
    const d = new TextDecoder(encoding); // strips a BOM
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  // Node 20's TextDecoder reads "windows-1252" as Latin-1, turning the curly quotes and € of Excel
  // and Salesforce exports (0x80–0x9F) into control characters: iconv-lite reads it right.
  if (!iconv.encodingExists(encoding)) {
    throw new SyncError(`${file}: unknown encoding "${encoding}": use e.g. utf-8, windows-1252, gb18030, utf-16le`);
  }
  const d = iconv.getDecoder(encoding);
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

/** The record separator: what ends the header line (a quoted field may hold other line breaks). */
function detectNewline(text: string): '\r\n' | '\r' | '\n' {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr !== -1 && (lf === -1 || cr < lf)) return lf === cr + 1 ? '\r\n' : '\r';
  return '\n';
}

/** The delimiter the header line uses most: comma, semicolon or tab. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

const LINE_BREAK = /\r\n|\r|\n/g;
const lineBreaks = (field: string) =>
  field.includes('\n') || field.includes('\r') ? (field.match(LINE_BREAK)?.length ?? 0) : 0;

function fieldCountProblem(fields: string[], expected: number): string | null {
  if (fields.length < expected) return `has ${fields.length} fields but the header has ${expected}`;
  // Trailing empty columns (a comma too many at the end of each line) are harmless.
  if (fields.length > expected && fields.slice(expected).some((v) => v.trim() !== '')) {
    return `has ${fields.length} fields but the header has ${expected} (the extra ones are not empty)`;
  }
  return null;
}

/**
 * The rows of a file as arrays of fields, with the line each starts on: decoded and parsed chunk by
 * chunk, so memory holds one chunk and the record being read, however big the file.
 */
interface Row {
  fields: string[];
  line: number;
}

/**
 * The rows of a file, chunk by chunk (an array of rows per chunk: one await per chunk, not per row),
 * with the line each starts on. Memory holds one chunk and the record being read, however big the file.
 */
async function* rows(path: string, encoding: string, name: string, onBytes?: (n: number) => void): AsyncGenerator<Row[]> {
  const decode = decoder(encoding, name);
  let delimiter: string | undefined;
  let newline: '\r\n' | '\r' | '\n' | undefined;
  let pending = '';
  let line = 1;
  const parse = (final: boolean): Row[] => {
    delimiter ??= detectDelimiter(pending);
    newline ??= detectNewline(pending);
    // Papa's chunk mode: with ignoreLastRow it stops before a row that may go on in the next chunk.
    const result = new Papa.Parser({ delimiter, newline }).parse(pending, 0, !final);
    const quotes = result.errors.find((e: Papa.ParseError) => e.type === 'Quotes' && (final || (e.row ?? 0) < result.data.length));
    if (quotes) {
      const at = line + lineBreaks(pending.slice(0, quotes.index ?? 0));
      const hint =
        quotes.code === 'MissingQuotes'
          ? 'a quoted field never closes: look for a stray " on that line or just before it'
          : 'a quoted field has text after its closing quote: a " inside a quoted field must be doubled ("")';
      throw new SyncError(`${name} line ${at}: ${hint}. Fix the file or export it again.`);
    }
    pending = final ? '' : pending.slice(result.meta.cursor);
    const out: Row[] = [];
    for (const fields of result.data as string[][]) {
      const start = line;
      line += 1;
      for (const f of fields) line += lineBreaks(f);
      out.push({ fields, line: start });
    }
    return out;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    onBytes?.((chunk as Buffer).length);
    const text = decode.write(chunk as Buffer);
    // Rich-text fields in Salesforce's weekly export can hold NUL bytes.
    pending += text.includes('\0') ? text.replaceAll('\0', '') : text;
    yield parse(false);
    if (pending.length > MAX_RECORD_CHARS) {
      throw new SyncError(
        `${name} line ${line}: a record longer than ${MAX_RECORD_CHARS >> 20} MB (a quote that never closes, or not a CSV file): fix the file or export it again`,
      );
    }
  }
  pending += decode.end();
  yield parse(true);
}

function atMostOneCell(fields: string[]): boolean {
  let cells = 0;
  for (const f of fields) if (f !== '' && f.trim() !== '' && ++cells > 1) return false;
  return true;
}

const FOOTER = /^(Grand Totals \(|Confidential Information|Copyright \(c\)|Generated By:)/i;

/** Opens a CSV file: its encoding (detected unless given), header and a way to stream its records. */
export async function openCsv(path: string, encoding?: string, onBytes?: (n: number) => void): Promise<CsvFile> {
  const name = basename(path);
  const used = encoding ?? (await detectEncoding(path));
  let header: string[] | undefined;
  find: for await (const chunk of rows(path, used, name)) {
    for (const { fields } of chunk) {
      if (fields.length === 1 && fields[0] === '') continue;
      header = fields.map((h) => h.trim());
      break find;
    }
  }
  if (!header) throw new SyncError(`${name} is empty: export it again, or remove it from the folder`);
  const width = header.length;
  // Each name as written and in lower case; reversed so that of two same-named columns the first wins.
  const columns = new Map(header.flatMap((h, i) => [[h.toLowerCase(), i] as const, [h, i] as const]).reverse());

  const file: CsvFile = {
    path,
    name,
    encoding: used,
    header,
    has: (column) => columns.has(column.toLowerCase()),
    alias: (alias, column) => {
      const i = columns.get(column.toLowerCase())!;
      columns.set(alias.toLowerCase(), i).set(alias, i);
    },
    footer: [],
    count: 0,
    async *batches() {
      let seenHeader = false;
      let count = 0;
      // One-cell lines are held back: at the end of a report they are its footer, not records.
      let held: CsvRecord[] = [];
      for await (const chunk of rows(path, used, name, onBytes)) {
        const batch: CsvRecord[] = [];
        for (const { fields, line } of chunk) {
          if (fields.length === 1 && fields[0] === '') continue; // an empty line
          if (!seenHeader) {
            seenHeader = true;
            continue;
          }
          const record = new CsvRecord(line, fields, columns, fieldCountProblem(fields, width));
          // (A file of one column has only such lines: do not hold more than a footer could be.)
          if (held.length < 100 && atMostOneCell(fields)) {
            held.push(record);
            continue;
          }
          for (const r of held) batch.push(r);
          held = [];
          batch.push(record);
        }
        count += batch.length;
        if (batch.length) yield batch;
      }
      const block = held.map((r) => r.cells().join('').trim());
      if (block.some((l) => FOOTER.test(l))) file.footer = block.filter((l) => l !== '');
      else if (held.length) {
        count += held.length;
        yield held;
      }
      file.count = count;
    },
    async *records() {
      for await (const batch of file.batches()) yield* batch;
    },
  };
  return file;
}

/** All records of a file at once, for small files and tests. */
export async function readAll(file: CsvFile): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of file.records()) out.push(r);
  return out;
}
