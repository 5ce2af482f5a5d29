/**
 * The KPI tiles computed the way the element computed them before it counted in the page: the metrics' own SQL
 * (funnelSql, velocitySql) and a closed-deal query, each wrapped in the filter, run by DuckDB. An implementation
 * independent of widgets/kpi/kpi-columns.ts, to hold it to.
 */
import { dayRange, num } from '../../metrics/common.ts';
import { filteredSql, funnelSql, shapeFunnel, velocitySql, type FunnelSpec, type JourneyFilter } from '../../metrics/index.ts';
import { asDouble, daysBetween, filtered, quartileColumns } from '../../metrics/sql.ts';
import type { StageModel } from '../../model/index.ts';
import type { KpiPair, KpiValues } from '../../widgets/kpi/kpi-columns.ts';
import type { DayRange, KpiPeriods } from '../../widgets/kpi/kpi-periods.ts';

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


/** Every tile's pair by SQL (`run` gives rows with counts as numbers). */
export function kpiBySql(run: (sql: string) => Record<string, unknown>[], p: KpiPeriods, filter: JourneyFilter, model: StageModel): KpiValues {
  const q = (sql: string) => run(filteredSql(sql, filter, model));
  const funnelSpec: FunnelSpec = { ...p.current, compare: p.previous, timings: false };
  const rows = shapeFunnel(q(funnelSql(funnelSpec, model)), funnelSpec, model);
  const at = (period: string, stage: string) => rows.find((row) => row.period === period && row.stage === stage);
  const first = model.stages[0]!.key;
  const mql = (model.stages.find((s) => s.key === 'mql') ?? model.stages[1]!).key;
  const both = (pick: (period: string) => number | null): KpiPair => [pick('current'), pick('comparison')];
  const closed = q(closedDealsSql(p));
  const closedPair = (column: string): KpiPair => [
    num(closed.find((row) => row.period === 'current')?.[column]),
    num(closed.find((row) => row.period === 'previous')?.[column]),
  ];
  const velocity = (r: DayRange) => num(q(velocitySql({ ...r, as_of: r.to }, model))[0]?.velocity_per_day);
  return {
    leads: both((period) => at(period, first)?.reached ?? 0),
    mqls: both((period) => at(period, mql)?.reached ?? 0),
    mql_rate: both((period) => at(period, mql)?.conversion_from_first ?? null),
    win_rate: closedPair('win_rate'),
    cycle: closedPair('cycle_median'),
    revenue: closedPair('revenue'),
    velocity: [velocity(p.current), velocity(p.previous)],
  };
}
