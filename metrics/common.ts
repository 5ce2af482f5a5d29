/**
 * What the metric specs share: dates, ranges, dimensions, periods, "as of". Each metric file builds on
 * these so that an option means the same in every metric.
 */
import { utcMoment, v } from '../model/schema.ts';
import { DIMENSIONS, type StageModel } from '../model/index.ts';
import { addMs, dateLiteral, latestOf, momentLiteral, type PeriodUnit } from './sql.ts';

/** A day in milliseconds (times are UTC: no day is longer or shorter). */
export const DAY_MS = 86_400_000;

/** A real day written YYYY-MM-DD (Date.parse accepts 2024-02-30 as March 1st: a real date survives the round trip). */
export function isCalendarDay(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
}

export const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD'), v.check(isCalendarDay, 'not a calendar date'));

export const dimension = v.picklist(DIMENSIONS);

export const PERIOD_UNITS = ['week', 'month', 'quarter'] as const satisfies readonly PeriodUnit[];
export const periodUnit = v.picklist(PERIOD_UNITS);

/** Rejects a range whose start is after its end (only when both are real dates: their own checks speak first). */
export function rangeInOrder<T extends { from?: string | undefined; to?: string | undefined }>(s: T): boolean {
  return !s.from || !s.to || !isCalendarDay(s.from) || !isCalendarDay(s.to) || s.from <= s.to;
}
/** The check of a spec's range, reported on "to". */
export function rangeOrder<T extends { from?: string | undefined; to?: string | undefined }>(): v.BaseValidation<T, T, v.CheckIssue<T>> {
  type Range = { from?: string | undefined; to?: string | undefined };
  const check = v.forward(v.check<Range, string>(rangeInOrder, '"from" must not be after "to"'), ['to']);
  return check as unknown as v.BaseValidation<T, T, v.CheckIssue<T>>;
}

export function nextDay(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** SQL conditions keeping `column` within an inclusive day range (UTC); a NULL time is outside any range. */
export function dayRange(column: string, range: { from?: string | undefined; to?: string | undefined }): string[] {
  const where: string[] = [];
  if (range.from) where.push(`${column} >= ${dateLiteral(range.from)}`);
  if (range.to) where.push(`${column} < ${dateLiteral(nextDay(range.to))}`);
  return where;
}

/**
 * "As of": the moment up to which the data counts as known. Default: the latest timestamp anywhere in the
 * dataset (journeys.created_at, journeys.closed_at, stage_events.entered_at). A day YYYY-MM-DD means the end
 * of that day: its last millisecond, 23:59:59.999 UTC. Events after it are left out; a period is complete
 * when its last millisecond is at or before it. A moment (ISO, UTC) is taken as it is: a board passes the
 * whole dataset's as-of so that filtered widgets agree with unfiltered ones about what is complete.
 */
export const asOfDate = v.optional(
  v.union([isoDate, utcMoment()], 'as_of is a day YYYY-MM-DD or a moment YYYY-MM-DDTHH:MM:SS.sssZ'),
);

/** A CTE `as_of(moment)`: one row, the as-of moment (NULL for an empty dataset with no date given). */
export function asOfCte(asOf: string | undefined): string {
  const at = asOf
    ? asOf.includes('T')
      ? momentLiteral(asOf)
      : addMs(dateLiteral(nextDay(asOf)), -1)
    : latestOf([
        '(SELECT max(created_at) FROM journeys)',
        '(SELECT max(closed_at) FROM journeys)',
        '(SELECT max(entered_at) FROM stage_events)',
      ]);
  return `as_of AS (SELECT ${at} AS moment)`;
}

/** Whether a journey (an SQL row alias) was open at a moment: not closed won or lost by then (a close of unknown time counts as closed). */
export function openAt(journey: string, moment: string): string {
  return `NOT (${journey}.outcome IN ('won', 'lost') AND (${journey}.closed_at IS NULL OR ${journey}.closed_at <= ${moment}))`;
}

/** A stage key of the model, or a clear error naming the stages there are. */
export function stageIndex(model: StageModel, key: string, option = 'stage'): number {
  const i = model.stages.findIndex((s) => s.key === key);
  if (i < 0) {
    throw new Error(`${option} "${key}" is not a stage of this dataset; stages: ${model.stages.map((s) => s.key).join(', ')}`);
  }
  return i;
}

/** Engine values to numbers: counts may be BigInt, NULL stays null. */
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
/** A timestamp (ms since the epoch) to YYYY-MM-DD. */
export const day = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(Number(v)).toISOString().slice(0, 10));
/** A timestamp (ms since the epoch) to an ISO string. */
export const isoTime = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());
export const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * DuckDB's quantile_cont of `values` at each of `ps`: between the two nearest ranks, lo + (hi − lo) ×
 * fraction; null for no values. For the metrics counted in the page (metrics/journey-columns.ts). The values are
 * reordered in place: each rank is selected (quickselect), not sorted for, which takes a tenth of the time.
 */
export function quantilesOf(values: Float64Array, ps: readonly number[]): (number | null)[] {
  const n = values.length;
  if (!n) return ps.map(() => null);
  // From the highest rank down: each select works on the part below the last one (values from `settled` on are
  // no smaller than any before, and values[settled] is its rank's). The rank just above a selected one is the
  // least of the values between them.
  const known = new Map<number, number>();
  let settled = n;
  const rank = (k: number) => {
    let v = known.get(k);
    if (v !== undefined) return v;
    if (k < settled) {
      select(values, k, 0, settled - 1);
      let above = Infinity;
      for (let i = k + 1; i < settled; i++) if (values[i]! < above) above = values[i]!;
      if (k + 1 < settled) known.set(k + 1, above);
      settled = k;
    }
    known.set(k, (v = values[k]!));
    return v;
  };
  const quantile = (p: number) => {
    const at = p * (n - 1);
    const k = Math.floor(at);
    if (at === k) return rank(k);
    const lo = rank(k); // first: its select finds the rank above too
    const hi = rank(k + 1);
    return lo + (hi - lo) * (at - k);
  };
  const order = ps.map((_, i) => i).sort((a, b) => ps[b]! - ps[a]!);
  const out: (number | null)[] = new Array(ps.length);
  for (const i of order) out[i] = quantile(ps[i]!);
  return out;
}

/** Puts the k-th smallest of a[lo..hi] at a[k], none larger before it and none smaller after (Hoare's quickselect). */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const pivot = middleOf(a[lo]!, a[(lo + hi) >>> 1]!, a[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

const middleOf = (x: number, y: number, z: number) => (x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y);

/**
 * The number of the week (from Monday), month or quarter holding t (ms, UTC), counted from the one holding
 * 1970-01-01: periods between two times are the difference of their numbers. No Date per call (weeks by arithmetic
 * on days, months from a table): the metrics counted in the page number a period per journey.
 */
export function periodNumber(unit: PeriodUnit, t: number): number {
  if (unit === 'week') return Math.floor((Math.floor(t / DAY_MS) + 3) / 7); // 1970-01-01 was a Thursday
  const month = monthNumber(t);
  return unit === 'month' ? month : Math.floor(month / 3);
}

/** Month starts (ms) from 1900-01 (months -840 from 1970-01) to 2200-01: monthNumber's table, made on first use. */
let monthStarts: Float64Array | undefined;
const FIRST_MONTH = -840;
const MEAN_MONTH_MS = 2_629_746_000; // of the Gregorian calendar

/**
 * Months from 1970-01 to the month holding `t`. Cohorts and trends ask per journey: between 1900 and 2200 the mean
 * month's guess is put right by the table (a step at most), elsewhere the calendar is worked out from the day.
 */
function monthNumber(t: number): number {
  const starts = (monthStarts ??= Float64Array.from({ length: 3601 }, (_, i) => Date.UTC(1970, FIRST_MONTH + i, 1)));
  if (!(t >= starts[1]! && t < starts[3600]!)) return civilMonth(Math.floor(t / DAY_MS));
  let i = Math.floor((t - starts[0]!) / MEAN_MONTH_MS);
  while (starts[i]! > t) i--;
  while (starts[i + 1]! <= t) i++;
  return FIRST_MONTH + i;
}

/** Months from 1970-01 to the month holding a day (days from 1970-01-01), by the civil-from-days arithmetic. */
function civilMonth(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153); // months from March
  return (yoe + era * 400 - 1970) * 12 + mp + 2; // months from 1970-01, the year starting in March
}

/** The first moment (ms) of a period numbered by periodNumber: periodStart (sql.ts) of any time in it. */
export function periodNumberStart(unit: PeriodUnit, n: number): number {
  if (unit === 'week') return (n * 7 - 3) * DAY_MS;
  return Date.UTC(1970, unit === 'month' ? n : n * 3, 1);
}

/** Text in code point order (DuckDB's), no value last. */
export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  for (let i = 0, k = 0; i < a.length && k < b.length; ) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(k)!;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    k += y > 0xffff ? 2 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}
