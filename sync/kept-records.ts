import type { CsvFile } from './csv.ts';
import type { IdIndex } from './id-index.ts';
import { TextColumn } from './columns.ts';

/** What journeys read from a record: a column's raw value (names match regardless of case). */
export interface RecordLike {
  get(column: string): string | undefined;
}

/**
 * Records kept until the journeys are built (opportunities, accounts, users), only the columns
 * journeys read, column by column: a million records as objects would cost a gigabyte.
 */
export class KeptRecords {
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

/** Kept records by id: the ids in the index that numbered them as they were kept (see readRecords). */
export class KeptLookup {
  constructor(
    private readonly ids: IdIndex,
    private readonly records: KeptRecords,
  ) {}

  get(idKey: string): RecordLike | undefined {
    const row = this.ids.get(idKey);
    return row === -1 ? undefined : this.records.record(row);
  }
}
