/**
 * The journeys file as the page reads it: the columns metrics count from (metrics/journey-columns.ts), copied
 * out of the Arrow batches into typed arrays of their own, so that the file's bytes can go on to DuckDB (which
 * takes them over) and be let go. Arrow in, plain typed arrays out.
 */
import { tableFromIPC, type Data } from 'apache-arrow';
import type { Category, JourneyColumns, StageFacts } from '../../metrics/journey-columns.ts';
import { DIMENSIONS, type Dimension } from '../../model/index.ts';

export interface ReadJourneys {
  columns: JourneyColumns;
  /** Rows read. */
  rows: number;
  /** Rows not at their journey_key's place (metrics/journey-stages.ts lineUpSql): a dataset with any is broken. */
  misplaced: number;
}

/** A journeys file's bytes beside the stage facts of its events (throws when they are not an Arrow IPC stream). */
export function readJourneys(bytes: Uint8Array, facts: StageFacts): ReadJourneys {
  const table = tableFromIPC(bytes);
  const rows = table.numRows;
  // Rows beyond the facts' journeys are counted (and misplaced) but not kept.
  const size = facts.journeys;
  const created = new Float64Array(size).fill(NaN);
  const closed = new Float64Array(size).fill(NaN);
  const amount = new Float64Array(size).fill(NaN);
  const categories = {} as Record<Dimension, Category>;
  const batches = table.batches.filter((b) => b.numRows > 0);
  for (const d of DIMENSIONS) categories[d] = readCategory(d, batches.map((b) => b.getChild(d)?.data[0]), batches.map((b) => b.numRows), size);
  // Every journey has an outcome (model/tables.ts): the counts take a missing one for none of won, lost or open.
  const missing = categories.outcome.codes.indexOf(-1);
  if (missing >= 0) throw new Error(`journey ${missing} has no outcome`);
  let misplaced = 0;
  let at = 0;
  for (const batch of batches) {
    const key = batch.getChild('journey_key')!.data[0]!;
    const n = Math.min(batch.numRows, size - at);
    for (let i = 0; i < batch.numRows; i++) if (key.values[i] !== at + i) misplaced++;
    if (n > 0) {
      readTimes(batch.getChild('created_at')!.data[0]!, created, at, n);
      readTimes(batch.getChild('closed_at')!.data[0]!, closed, at, n);
      const money = batch.getChild('amount_base')!.data[0]!;
      const valid = validity(money);
      for (let i = 0; i < n; i++) if (!valid || (valid[i >> 3]! >> (i & 7)) & 1) amount[at + i] = money.values[i]!;
    }
    at += batch.numRows;
  }
  return { columns: { ...facts, created, closed, amount, categories }, rows, misplaced };
}

/** Timestamps (ms, as 64-bit integers) into `out` from `at`, as doubles; NaN for none. */
function readTimes(data: Data, out: Float64Array, at: number, n: number): void {
  // As 32-bit halves: a BigInt per value would take most of the time.
  const halves = new Int32Array(data.values.buffer, data.values.byteOffset, 2 * data.length);
  const valid = validity(data);
  for (let i = 0; i < n; i++) {
    if (valid && !((valid[i >> 3]! >> (i & 7)) & 1)) continue;
    out[at + i] = halves[2 * i + 1]! * 2 ** 32 + (halves[2 * i]! >>> 0);
  }
}

/**
 * One text column over all batches (their row counts `lengths`), each batch's own dictionary mapped onto one list
 * of values; codes as narrow as they fit. A batch without the column, or a row with no value, has code -1.
 */
function readCategory(name: string, parts: (Data | undefined)[], lengths: number[], size: number): Category {
  const values: string[] = [];
  const codeOf = new Map<string, number>();
  // A batch's dictionary index → the code of its value.
  const maps = parts.map((data) => {
    if (data && !data.dictionary) throw new Error(`column ${name} is not dictionary-encoded`);
    return Int32Array.from((data?.dictionary?.toArray() ?? []) as (string | null)[], (v) => {
      if (v === null) return -1;
      let code = codeOf.get(v);
      if (code === undefined) codeOf.set(v, (code = values.push(v) - 1));
      return code;
    });
  });
  const codes = new (values.length >= 32_767 ? Int32Array : values.length >= 127 ? Int16Array : Int8Array)(size).fill(-1);
  let at = 0;
  parts.forEach((data, k) => {
    const n = data ? Math.min(lengths[k]!, size - at) : 0;
    const map = maps[k]!;
    const valid = data && validity(data);
    for (let i = 0; i < n; i++) if (!valid || (valid[i >> 3]! >> (i & 7)) & 1) codes[at + i] = map[data!.values[i]!]!;
    at += lengths[k]!;
  });
  return { codes, values };
}

/**
 * The validity bits of a column with nulls, or null when it has none: bit i of byte i >> 3 (Data.getValid per
 * value was most of the read). Batches read from IPC start at bit 0.
 */
function validity(data: Data): Uint8Array | null {
  if (!data.nullCount) return null;
  if (data.offset) throw new Error('a column sliced from another: read the file, not a slice of it');
  return data.nullBitmap!;
}
