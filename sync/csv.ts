import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';

/** A problem that stops sync: it names the file, where, and what to do. */
export class SyncError extends Error {
  override name = 'SyncError';
}

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

  /** The raw value of a column; undefined when the file has no such column. */
  get(column: string): string | undefined {
    const i = this.columns.get(column);
    return i === undefined ? undefined : (this.fields[i] ?? '');
  }
}

export interface CsvFile {
  path: string;
  name: string;
  encoding: string;
  header: string[];
  records: CsvRecord[];
}

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/**
 * The file's encoding: a byte-order mark if it has one, else UTF-8 when the bytes are valid UTF-8,
 * else Windows-1252 (what Salesforce's data export writes by default).
 */
export function detectEncoding(bytes: Uint8Array): string {
  for (const [bom, encoding] of BOMS) if (bom.every((b, i) => bytes[i] === b)) return encoding;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * Bytes to text with iconv-lite: Node 20's TextDecoder reads "windows-1252" as Latin-1, turning the
 * curly quotes and € of Excel and Salesforce exports (0x80–0x9F) into control characters.
 */
export function decode(bytes: Uint8Array, encoding: string, file: string): string {
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
const lineBreaks = (field: string) => field.match(LINE_BREAK)?.length ?? 0;

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
  const text = decode(bytes, used, name).replaceAll('\0', '');
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
      columns = new Map(header.map((h, i) => [h, i]));
      continue;
    }
    records.push(new CsvRecord(start, fields, columns, fieldCountProblem(fields, header.length)));
  }
  if (!header) throw new SyncError(`${name} has no header line: export it again with column names`);
  return { path, name, encoding: used, header, records };
}
