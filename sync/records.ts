import { own, type CsvFile, type CsvRecord } from './csv.ts';
import { SyncError } from './errors.ts';
import type { Ledger } from './ledger.ts';
import { IdIndex } from './id-index.ts';
import { ValueError, bool, id, idKey } from './values.ts';

/** A cell that cannot be read: the record is rejected, naming the column and the reason. */
export class FieldProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** One cell through a value parser; a ValueError becomes a FieldProblem naming the column. */
export function cell<T>(record: CsvRecord, column: string, parse: (raw: string | undefined) => T): T {
  try {
    return parse(record.get(column));
  } catch (e) {
    if (e instanceof ValueError) throw new FieldProblem(column, e.message);
    throw e;
  }
}

/** A cell every record must have. */
export function required(record: CsvRecord, column: string): string {
  const v = id(record.get(column));
  if (v === null) throw new FieldProblem(column, `${column} is empty`);
  return v;
}

export interface RecordOptions {
  /** What the file holds, for the summary: "Lead", "Deal" … */
  object: string;
  /** Columns without which the file cannot be read at all. */
  requiredColumns: string[];
  /** The record's own id; duplicates of it are rejected. Omit for files with no id of their own. */
  idColumn?: string;
  /** A yes/no column marking records deleted in the CRM (Salesforce's IsDeleted). */
  deletedColumn?: string;
  /** Extra words for the missing-column message, e.g. how to export the file. */
  exportHint?: string;
  /**
   * Where the ids seen are numbered (with idColumn): an empty index of the caller's, which then finds
   * kept records by id without a second index. The kept ones are numbered in the order kept.
   */
  ids?: IdIndex;
}

export interface ReadRecords<T> {
  rows: T[];
  settle: ReturnType<Ledger['open']>;
  /** Why records were rejected, by id key, so that rows pointing at them can say so. */
  rejected: Map<string, string>;
}

// (rows is empty when an onKept callback took each row instead.)

/**
 * Reads each record of a file with `parse`, rejecting records that are malformed, deleted in the
 * CRM, or repeat an id; every record is kept or rejected exactly once in the ledger. Records stream
 * from disk: a row that `parse` returns should hold only what it needs (see CsvRecord.retain).
 */
export async function readRecords<T extends { id: string }>(
  file: CsvFile,
  ledger: Ledger,
  options: RecordOptions,
  parse: (record: CsvRecord) => T,
  /** Called with each kept row, once it is known to be kept; then the row is not held (streaming). */
  onKept?: (row: T) => void,
): Promise<ReadRecords<T>> {
  const missing = options.requiredColumns.filter((c) => !file.has(c));
  if (missing.length) {
    const shown = file.header.slice(0, 12).join(', ') + (file.header.length > 12 ? ', …' : '');
    throw new SyncError(
      `${file.name} has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}: export ${options.object} with ${missing.join(', ')} included${options.exportHint ? ` (${options.exportHint})` : ''}; columns found: ${shown}`,
    );
  }
  const settle = ledger.open(file, options.object);
  // Every id seen, with the line it was first seen on: compact, for exports of millions of records.
  const seenIds = options.ids ?? new IdIndex();
  let firstLines = new Int32Array(1024);
  const rows: T[] = [];
  const rejected = new Map<string, string>();
  const idOf = (record: CsvRecord) => (options.idColumn ? id(record.get(options.idColumn)) : null);
  const reject = (record: CsvRecord, field: string, reason: string) => {
    const recordId = idOf(record);
    settle.reject(record, field, reason, recordId);
    if (recordId && !rejected.has(idKey(recordId))) rejected.set(own(idKey(recordId)), `${file.name} line ${record.line}: ${reason}`);
  };
  for await (const batch of file.batches()) for (const record of batch) {
    settle.read();
    if (record.fieldCountProblem) {
      reject(record, '', `the record ${record.fieldCountProblem}: a field may hold an unquoted comma or a stray quote`);
      continue;
    }
    try {
      if (options.deletedColumn && cell(record, options.deletedColumn, bool)) {
        reject(record, options.deletedColumn, 'deleted in the CRM (in its recycle bin)');
        continue;
      }
      const row = parse(record);
      if (options.idColumn) {
        const { slot, existed } = seenIds.add(idKey(row.id));
        if (existed) {
          settle.reject(record, options.idColumn, `duplicate ${options.idColumn}: the record on line ${firstLines[slot]} has it too and is the one kept`, row.id);
          continue;
        }
        if (slot >= firstLines.length) {
          const grown = new Int32Array(firstLines.length * 2);
          grown.set(firstLines);
          firstLines = grown;
        }
        firstLines[slot] = record.line;
      }
      settle.keep(record);
      if (onKept) onKept(row);
      else rows.push(row);
    } catch (e) {
      if (!(e instanceof FieldProblem)) throw e;
      reject(record, e.field, e.message);
    }
  }
  return { rows, settle, rejected };
}
