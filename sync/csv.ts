import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';

/** A problem that stops sync: it names the file, where, and what to do. */
export class SyncError extends Error {
  override name = 'SyncError';
}

export interface CsvRecord {
  /** 1-based line in the file where the record starts. */
  line: number;
  /** Field values by header name; NUL bytes removed (rich-text fields in Salesforce exports hold them). */
  values: Map<string, string>;
  /** How many fields the record has beside the header's count, when they differ and the extra are not empty. */
  fieldCountProblem: string | null;
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

export function decode(bytes: Uint8Array, encoding: string, file: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding); // strips a BOM of its own encoding
  } catch {
    throw new SyncError(`${file}: unknown encoding "${encoding}": use e.g. utf-8, windows-1252, gb18030, utf-16le`);
  }
  return decoder.decode(bytes);
}

/** The delimiter the header line uses most: comma, semicolon or tab. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

const LINE_BREAK = /\r\n|\r|\n/g;
const lineBreaks = (raw: string) => raw.match(LINE_BREAK)?.length ?? 0;

interface ParsedRecord {
  record: string[];
  raw: string;
}

export async function readCsv(path: string, encoding?: string): Promise<CsvFile> {
  const name = basename(path);
  const bytes = new Uint8Array(await readFile(path));
  const used = encoding ?? detectEncoding(bytes);
  const text = decode(bytes, used, name).replaceAll('\0', '');
  if (text.trim() === '') throw new SyncError(`${name} is empty: export it again, or remove it from the folder`);

  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as ParsedRecord[];
  } catch (e) {
    const err = e as Error & { lines?: number; code?: string };
    const where = err.lines ? ` line ${err.lines}` : '';
    const hint =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted field never closes: look for a stray " on that line or just before it'
        : 'the file is not valid CSV there';
    throw new SyncError(`${name}${where}: ${hint} (${err.message}). Fix the file or export it again.`);
  }

  const [head, ...rows] = parsed;
  if (!head) throw new SyncError(`${name} has no header line: export it again with column names`);
  const header = head.record.map((h) => h.trim());
  // csv-parse's own line count is off for CRLF inside quotes; count breaks in each record's raw text
  // instead (its leading breaks are skipped empty lines).
  let linesBefore = lineBreaks(head.raw);
  const records = rows.map((r): CsvRecord => {
    const line = 1 + linesBefore + (r.raw.match(/^(?:\r\n|\r|\n)*/)![0].match(LINE_BREAK)?.length ?? 0);
    linesBefore += lineBreaks(r.raw);
    const values = new Map<string, string>();
    header.forEach((h, i) => values.set(h, r.record[i] ?? ''));
    const extra = r.record.slice(header.length);
    const fieldCountProblem =
      r.record.length < header.length
        ? `has ${r.record.length} fields but the header has ${header.length}`
        : extra.some((v) => v.trim() !== '')
          ? `has ${r.record.length} fields but the header has ${header.length} (the extra ones are not empty)`
          : null;
    return { line, values, fieldCountProblem };
  });
  return { path, name, encoding: used, header, records };
}
