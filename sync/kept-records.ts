import type { CsvFile } from './csv.ts';
import { IdIndex } from './id-index.ts';
import { TextColumn } from './columns.ts';

/** What journeys read from a record: a column's raw value (names match regardless of case). */
export interface RecordLike {
  get(column: string): string | undefined;
}

/**
 * Records kept until the journeys are built (opportunities, accounts, users), only the columns
 * journeys read, column by column: a million records as objects would cost a gigabyte.
 */
class KeptRecords {
  private readonly columns = new Map<string, TextColumn>();
  size = 0;

  /** Keeps `columns` of `file`'s records; columns the file does not have read as absent. */
  constructor(file: CsvFile, columns: readonly string[]) {
    for (const c of columns) if (file.has(c) && !this.columns.has(c.toLowerCase())) this.columns.set(c.toLowerCase(), new TextColumn());
  }

  /** Adds a record; returns its row number (rows are numbered in the order added). */
  add(record: RecordLike): number {
    for (const [name, column] of this.columns) column.push(record.get(name) ?? '');
    return this.size++;
  }

  /** A row, read as a record. */
  record(row: number): RecordLike {
    return { get: (column) => this.columns.get(column.toLowerCase())?.get(row) ?? undefined };
  }
}

/**
 * Kept records by id: the index readRecords numbers each kept record's id in (pass `ids` to it), and the
 * records in the same order, so that an id's number is its record's row.
 */
export class KeptLookup {
  readonly ids = new IdIndex();
  private readonly records: KeptRecords;

  constructor(file: CsvFile, columns: readonly string[]) {
    this.records = new KeptRecords(file, columns);
  }

  /** Keeps the record whose id was just numbered; returns its row. */
  add(record: RecordLike): number {
    // Checked before keeping it, so that a refused record leaves the lookup as it was.
    const row = this.records.size;
    if (row !== this.ids.size - 1) throw new Error(`internal: record ${row} kept, but ${this.ids.size} ids are numbered`);
    return this.records.add(record);
  }

  get size(): number {
    return this.records.size;
  }

  /** The row of an id key, or -1. */
  row(idKey: string): number {
    return this.ids.get(idKey);
  }

  record(row: number): RecordLike {
    return this.records.record(row);
  }

  get(idKey: string): RecordLike | undefined {
    const row = this.ids.get(idKey);
    return row === -1 ? undefined : this.records.record(row);
  }
}
