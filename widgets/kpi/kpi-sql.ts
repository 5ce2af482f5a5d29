/**
 * What the KPI row needs that no metric builder gives: the two periods it compares, and the closed-deal tiles
 * of both in one query. Pure: spec in, SQL or days out; no engine.
 */
import { DAY_MS, dayRange, isCalendarDay } from '../../metrics/common.ts';
import { asDouble, daysBetween, filtered, quartileColumns } from '../../metrics/sql.ts';

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

/**
 * The closed-deal tiles of both periods in one scan of the journeys (each of the win-loss builder's sections
 * would scan them again, per period): per period ("current", "previous"; a period with no closed journey has
 * no row), win rate as win-loss computes it (won ÷ won and lost, closed in the period), the median days from
 * created to closed of those won (win-loss's cycle median), and revenue won, the sum of their amount_base
 * (NULL when none is known).
 */
export function closedDealsSql(periods: Pick<KpiPeriods, 'current' | 'previous'>): string {
  const within = (r: DayRange) => dayRange('j.closed_at', r).join(' AND ');
  // The mean of won (1) and lost (0) is won ÷ closed: the win rate.
  return `SELECT c.period, avg(${asDouble('c.won')}) AS win_rate, ${quartileColumns('c.cycle', (q) => `cycle_${q}`, 'c.won')}, ${filtered('sum', 'c.amount', 'c.won')} AS revenue
FROM (SELECT CASE WHEN ${within(periods.current)} THEN 'current' WHEN ${within(periods.previous)} THEN 'previous' END AS period,
  j.outcome = 'won' AS won, ${daysBetween('j.closed_at', 'j.created_at')} AS cycle, j.amount_base AS amount FROM journeys j WHERE j.outcome IN ('won', 'lost')) c
WHERE c.period IS NOT NULL
GROUP BY c.period`;
}
