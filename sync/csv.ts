import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { SyncError } from './errors.ts';

/** One record of a CSV file: its fields, read by header name. */
export class CsvRecord {
  constructor(
    /** 1-based line in the file where the record starts. */
    readonly line: number,
    private readonly fields: string[],
    private readonly columns: ReadonlyMap<string, number>,
    /** Set when the record has fewer fields than the header, or more that are not empty. */
    readonly fieldCountProblem: string | null,
  ) {}

  /** The raw value of a column (names match regardless of case); undefined when the file has no such column. */
  get(column: string): string | undefined {
    const i = this.columns.get(column.toLowerCase());
    return i === undefined ? undefined : (this.fields[i] ?? '');
  }
}

export interface CsvFile {
  path: string;
  name: string;
  encoding: string;
  header: string[];
  /** Whether the header has a column, regardless of case (Data Loader can write "ID", "STAGENAME"). */
  has(column: string): boolean;
  records: CsvRecord[];
}

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

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
 * The file's encoding: a byte-order mark if it has one, else UTF-8 when the bytes are valid UTF-8,
 * else GB18030 (Chinese Excel) or Windows-1252 (Salesforce's data export, Western Excel).
 */
export function detectEncoding(bytes: Uint8Array): string {
  for (const [bom, encoding] of BOMS) if (bom.every((b, i) => bytes[i] === b)) return encoding;
  return isUtf8(bytes) ? 'utf-8' : legacyEncoding(bytes);
}

/**
 * Bytes to text. UTF-8 and UTF-16 with the platform's TextDecoder (fast); the rest with iconv-lite:
 * Node 20's TextDecoder reads "windows-1252" as Latin-1, turning the curly quotes and € of Excel and
 * Salesforce exports (0x80–0x9F) into control characters.
 */
export function decode(bytes: Uint8Array, encoding: string, file: string): string {
  if (/^utf-?(8|16le)$/i.test(encoding)) return new TextDecoder(encoding).decode(bytes); // strips a BOM
  if (!iconv.encodingExists(encoding)) {
    throw new SyncError(`${file}: unknown encoding "${encoding}": use e.g. utf-8, windows-1252, gb18030, utf-16le`);
  }
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding); // strips a BOM
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

export async function readCsv(path: string, encoding?: string): Promise<CsvFile> {
  const name = basename(path);
  const bytes = new Uint8Array(await readFile(path));
  const used = encoding ?? detectEncoding(bytes);
  // Rich-text fields in Salesforce's weekly export can hold NUL bytes.
  const decoded = decode(bytes, used, name);
  const text = decoded.includes('\0') ? decoded.replaceAll('\0', '') : decoded;
  if (text.trim() === '') throw new SyncError(`${name} is empty: export it again, or remove it from the folder`);

  // Empty lines are kept (as one empty field) so that line numbers can be counted exactly.
  const { data: parsed, errors } = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text) });
  const quoteProblem = errors.find((e) => e.type === 'Quotes');
  if (quoteProblem) {
    const line = 1 + lineBreaks(text.slice(0, quoteProblem.index ?? 0));
    const hint =
      quoteProblem.code === 'MissingQuotes'
        ? 'a quoted field never closes: look for a stray " on that line or just before it'
        : 'a quoted field has text after its closing quote: a " inside a quoted field must be doubled ("")';
    throw new SyncError(`${name} line ${line}: ${hint}. Fix the file or export it again.`);
  }

  let line = 1;
  const records: CsvRecord[] = [];
  let header: string[] | null = null;
  let columns = new Map<string, number>();
  for (const fields of parsed) {
    const start = line;
    line += 1;
    for (const f of fields) line += lineBreaks(f);
    if (fields.length === 1 && fields[0] === '') continue; // an empty line
    if (!header) {
      header = fields.map((h) => h.trim());
      columns = new Map(header.map((h, i) => [h.toLowerCase(), i]));
      continue;
    }
    records.push(new CsvRecord(start, fields, columns, fieldCountProblem(fields, header.length)));
  }
  if (!header) throw new SyncError(`${name} has no header line: export it again with column names`);
  const known = columns;
  return { path, name, encoding: used, header, has: (column) => known.has(column.toLowerCase()), records };
}
