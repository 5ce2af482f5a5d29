/** A row of a dataset table: text, ms since the epoch (UTC) for times, numbers for money. */
export type Row = Record<string, string | number | null>;

/** A row sync could not use, with where it came from and why. */
export interface Reject {
  file: string;
  /** 1-based line where the record starts; 0 for a problem with the whole file. */
  line: number;
  field: string;
  reason: string;
  record_id: string;
}
