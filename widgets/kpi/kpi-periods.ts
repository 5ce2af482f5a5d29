/**
 * The two periods the KPI row compares. Pure: a range and the dataset's as-of in, days out.
 */
import { DAY_MS, isCalendarDay } from '../../metrics/common.ts';

/** An inclusive range of UTC days, YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

export interface KpiPeriods {
  current: DayRange;
  /** The same number of days right before the current period. */
  previous: DayRange;
  /** Days in each period. */
  days: number;
}

/** The default period's length: a quarter's worth of days. */
export const DEFAULT_DAYS = 90;

const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => toDay(toMs(d) + n * DAY_MS);

/**
 * The last complete UTC day at an as-of moment: its own day when the moment is that day's last millisecond,
 * else the day before (a period is complete when its last millisecond is at or before as-of, as in metrics/common.ts).
 */
export function lastFullDay(asOf: string): string {
  // One millisecond later is the next midnight exactly when the moment closes its day.
  return toDay(Date.parse(asOf) + 1 - DAY_MS);
}

/**
 * The current and previous periods from a range that may be open on either side: a missing `to` is the last
 * full day at as-of, a missing `from` is DEFAULT_DAYS before `to`. Null when a side is missing and the dataset
 * has no as-of (no timestamps at all). Throws, naming the attribute, for a date that is not a calendar day.
 */
export function kpiPeriods(range: { from?: string | undefined; to?: string | undefined }, asOf: string | null): KpiPeriods | null {
  for (const key of ['from', 'to'] as const) {
    const d = range[key];
    if (d && !isCalendarDay(d)) throw new Error(`${key}: "${d}" is not a day written YYYY-MM-DD`);
  }
  const to = range.to || (asOf ? lastFullDay(asOf) : undefined);
  if (!to) return null;
  const from = range.from || addDays(to, 1 - DEFAULT_DAYS);
  if (from > to) throw new Error(`to: "${to}" is before from "${from}"`);
  const days = Math.round((toMs(to) - toMs(from)) / DAY_MS) + 1;
  return { current: { from, to }, previous: { from: addDays(from, -days), to: addDays(from, -1) }, days };
}
