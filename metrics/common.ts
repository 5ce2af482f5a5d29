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
