/**
 * A dataset's journeys as plain typed arrays, for metrics counted in the page without DuckDB: what
 * `journey_facts` holds (metrics/journey-stages.ts), one array per column, row j being journey j. DuckDB-WASM
 * takes 0.2–0.8 s per metric to aggregate a million journeys on one thread; a loop over these arrays takes tens
 * of ms, which is what a cross-filter click needs. Pure: arrays in, arrays out. Each metric counted from them is
 * held to its SQL by a property test (tests/node/*-columns.test.ts).
 */
import type { Dimension, StageModel } from '../model/index.ts';
import { compareText, nextDay, stageIndex } from './common.ts';
import { journeyFilterSchema, type JourneyFilter } from './filter.ts';
import { parse } from '../model/schema.ts';
import { STEP, type Steps } from './steps.ts';

/**
 * Stage events as columns (an Arrow record batch of them, say): journey_key; stage, the index of the stage in the
 * model (-1: a stage outside it); at, when it was entered in ms (NaN: unknown).
 */
export interface EventColumns {
  journey: ArrayLike<number>;
  stage: ArrayLike<number>;
  at: ArrayLike<number>;
}

/** journey_stages as arrays: per journey, how far it got and when it entered each stage. */
export interface StageFacts {
  /** Journeys (journey_key 0 … journeys-1). */
  journeys: number;
  /** Stages in the model. */
  stages: number;
  /** The index of the deepest stage entered, with or without a time; -1: none. */
  deepest: Int8Array;
  /** [j × stages + i]: the earliest known time journey j entered stage i, in ms; NaN when none is known. */
  times: Float64Array;
  /** [j × stages + i]: 1 when journey j has an event of stage i at an unknown time. */
  untimed: Uint8Array;
  /** [j]: the latest time of journey j's stage events, of other stages too (part of the as-of); NaN: none known. */
  lastEvent: Float64Array;
  /** Stage events of no journey in the table: a dataset with any is broken (metrics/journey-stages.ts lineUpSql). */
  orphans: number;
}

/** A text column dictionary-coded: codes[j] indexes values; -1 is no value. */
export interface Category {
  codes: Int8Array | Int16Array | Int32Array;
  values: string[];
}

/** journey_facts as arrays: the stage facts beside each journey's own columns. */
export interface JourneyColumns extends StageFacts {
  /** Times in ms, amount_base; NaN for none. */
  created: Float64Array;
  closed: Float64Array;
  amount: Float64Array;
  /** Every dimension, outcome among them. */
  categories: Record<Dimension, Category>;
}

/** journey_stages from the stage events (journeyStagesSql, counted in the page). */
export function stageFacts(model: StageModel, journeys: number, events: Iterable<EventColumns>): StageFacts {
  const n = model.stages.length;
  const deepest = new Int8Array(journeys).fill(-1);
  const times = new Float64Array(journeys * n).fill(NaN);
  const untimed = new Uint8Array(journeys * n);
  const lastEvent = new Float64Array(journeys).fill(NaN);
  let orphans = 0;
  for (const { journey, stage, at } of events) {
    for (let e = 0; e < journey.length; e++) {
      const j = journey[e]!;
      const i = stage[e]!;
      const t = at[e]!;
      if (!(j >= 0 && j < journeys)) {
        orphans++;
        continue;
      }
      if (t > lastEvent[j]! || lastEvent[j] !== lastEvent[j]) lastEvent[j] = t; // NaN never wins: comparisons with it are false
      // As journey_stages: events of other stages count nowhere.
      if (i < 0) continue;
      if (i > deepest[j]!) deepest[j] = i;
      const k = j * n + i;
      if (t !== t) untimed[k] = 1;
      else if (t < times[k]! || times[k] !== times[k]) times[k] = t; // the earliest known time
    }
  }
  return { journeys, stages: n, deepest, times, untimed, lastEvent, orphans };
}

/**
 * The as-of moment in ms (asOfCte's default) of the `selected` journeys (row numbers; null: every journey): their
 * latest timestamp anywhere, created, closed or a stage entered; NaN for none.
 */
export function latestMoment(c: JourneyColumns, selected: Uint32Array | null = null): number {
  let latest = NaN;
  const count = selected ? selected.length : c.journeys;
  for (const column of [c.created, c.closed, c.lastEvent]) {
    for (let s = 0; s < count; s++) {
      const t = column[selected ? selected[s]! : s]!;
      if (t > latest || latest !== latest) latest = t;
    }
  }
  return latest;
}

/** Midnight UTC of a YYYY-MM-DD day, in ms. */
export const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** An inclusive range of UTC days as [first ms, first ms after]: dayRange's conditions (metrics/common.ts). */
export function msRange(range: { from?: string | undefined; to?: string | undefined }): [number, number] {
  return [range.from ? dayStart(range.from) : -Infinity, range.to ? dayStart(nextDay(range.to)) : Infinity];
}

/** The code of a category's value; -2 when it has no such value (never a journey's code: -1 is no value). */
export const codeOf = (category: Category, value: string): number => (category.values.includes(value) ? category.values.indexOf(value) : -2);

/** The codes of a category whose values are listed (null: no value, code -1), as a lookup by code + 1. */
export function codesOf(category: Category, listed: readonly (string | null)[]): Uint8Array {
  const keep = new Uint8Array(category.values.length + 1);
  const wanted = new Set(listed);
  if (wanted.has(null)) keep[0] = 1;
  category.values.forEach((value, code) => wanted.has(value) && (keep[code + 1] = 1));
  return keep;
}

/**
 * The journeys a filter selects (journeyConditions, metrics/filter.ts), as their row numbers in order. A journey
 * with no created time is in no date range; one with no stage event has reached no stage.
 */
export function* selectJourneys(c: JourneyColumns, filterInput: JourneyFilter, model: StageModel): Steps<Uint32Array> {
  const filter = parse(journeyFilterSchema, filterInput);
  const [from, until] = msRange(filter);
  const dated = filter.from !== undefined || filter.to !== undefined;
  const reached = filter.reached === undefined ? -1 : stageIndex(model, filter.reached, 'reached');
  const kept = (Object.entries(filter.where ?? {}) as [Dimension, (string | null)[]][]).map(([d, values]) => ({ codes: c.categories[d].codes, keep: codesOf(c.categories[d], values) }));
  const out = new Uint32Array(c.journeys);
  let size = 0;
  next: for (let j = 0; j < c.journeys; j++) {
    if ((j & STEP) === STEP) yield;
    if (dated && !(c.created[j]! >= from && c.created[j]! < until)) continue;
    if (c.deepest[j]! < reached) continue;
    for (const { codes, keep } of kept) if (!keep[codes[j]! + 1]) continue next;
    out[size++] = j;
  }
  return out.slice(0, size);
}

/** A category's values with their journeys (no value: null), most journeys first, then by value (none last). */
export function valueCounts(category: Category): { value: string | null; journeys: number }[] {
  const counts = new Float64Array(category.values.length + 1);
  for (let j = 0; j < category.codes.length; j++) counts[category.codes[j]! + 1]!++;
  const out: { value: string | null; journeys: number }[] = [];
  counts.forEach((journeys, k) => journeys && out.push({ value: k ? category.values[k - 1]! : null, journeys }));
  return out.sort((a, b) => b.journeys - a.journeys || compareText(a.value, b.value));
}
