/**
 * Cohorts: journeys grouped by the week, month or quarter they were created, followed over the periods
 * since. Cell (cohort c, period n) holds the journeys of c that reached the chosen stage by the end of the
 * n-th period after c's own (n = 0: within the creation period), cumulative, and the revenue won by then.
 */
import { parse, v } from '../model/schema.ts';
import { stageLabel, type Locale, type StageModel } from '../model/index.ts';
import {
  asOfCte,
  asOfDate,
  day,
  dayRange,
  dimension,
  isoDate,
  isoTime,
  num,
  periodUnit,
  rangeOrder,
  stageIndex,
  textOrNull,
} from './common.ts';
import { reachedAt, stageTimesCte } from './journey-stages.ts';
import { addMs, asDouble, eachUpTo, periodStart, periodsBetween, text } from './sql.ts';

export const cohortSpecSchema = v.pipe(
  v.object({
    /** The length of a cohort and of each period followed (default month). */
    period: v.optional(periodUnit),
    /** The stage counted (default: the last stage, Won). Reaching a later stage counts as reaching it. */
    stage: v.optional(v.string()),
    by: v.optional(dimension),
    /** Journeys created on or after / on or before these days (UTC). */
    from: v.optional(isoDate),
    to: v.optional(isoDate),
    as_of: asOfDate,
  }),
  rangeOrder(),
);
export type CohortSpec = v.InferInput<typeof cohortSpecSchema>;

export interface CohortRow {
  /** The first day of the cohort's period (YYYY-MM-DD). */
  cohort: string;
  /** Periods since the cohort's own: 0 is the period the journeys were created in. */
  period: number;
  /** Journeys created in the cohort's period. */
  size: number;
  stage: string;
  label: string;
  /** Journeys of the cohort that reached the stage by the end of this period (cumulative). */
  reached: number;
  /** reached ÷ size. */
  share: number | null;
  /** amount_base of the cohort's won journeys closed by the end of this period (cumulative; 0 when none). */
  revenue_won: number;
  /** False while the period has not fully happened as of `as_of`: its numbers can still grow. */
  complete: boolean;
  /** The as-of moment (ISO, UTC). */
  as_of: string | null;
  [dimension: string]: string | number | boolean | null;
}

export function cohortSql(specInput: CohortSpec, model: StageModel): string {
  const spec = parse(cohortSpecSchema, specInput);
  const unit = spec.period ?? 'month';
  const target = stageIndex(model, spec.stage ?? model.stages.at(-1)!.key);
  const segment = spec.by ? text(`j.${spec.by}`) : 'NULL::VARCHAR';
  const where = ['j.created_at <= a.moment', ...dayRange('j.created_at', spec)];
  const sinceCohort = (at: string) => `greatest(${periodsBetween(unit, 'm.cohort', periodStart(unit, at))}, 0)`;

  return `WITH ${asOfCte(spec.as_of)},
${stageTimesCte(model, { asOf: true, everyJourney: true })},
members AS (
  SELECT ${segment} AS segment, ${periodStart(unit, 'j.created_at')} AS cohort,
    ${reachedAt(model, target, 'j')} AS reached_at,
    CASE WHEN j.outcome = 'won' AND j.closed_at <= a.moment THEN j.closed_at END AS won_at,
    j.amount_base AS amount
  FROM stage_times j CROSS JOIN as_of a
  WHERE ${where.join(' AND ')}
),
cohorts AS (
  -- Periods shown: those begun by as_of; complete: those whose last millisecond is at or before it.
  SELECT m.segment, m.cohort, count(*) AS size,
    ${periodsBetween(unit, 'm.cohort', periodStart(unit, 'a.moment'))} + 1 AS shown,
    ${periodsBetween(unit, 'm.cohort', periodStart(unit, addMs('a.moment', 1)))} AS complete
  FROM members m CROSS JOIN as_of a
  GROUP BY m.segment, m.cohort, a.moment
),
hits AS (
  SELECT m.segment, m.cohort, ${sinceCohort('m.reached_at')} AS n, count(*) AS reached, 0 AS revenue
  FROM members m WHERE m.reached_at IS NOT NULL GROUP BY 1, 2, 3
  UNION ALL
  SELECT m.segment, m.cohort, ${sinceCohort('m.won_at')} AS n, 0 AS reached, coalesce(sum(m.amount), 0) AS revenue
  FROM members m WHERE m.won_at IS NOT NULL GROUP BY 1, 2, 3
),
per_period AS (
  SELECT h.segment, h.cohort, h.n, sum(h.reached) AS reached, sum(h.revenue) AS revenue FROM hits h GROUP BY 1, 2, 3
),
cells AS (
  SELECT c.segment, c.cohort, c.size, c.complete, ${eachUpTo('c.shown')} AS n FROM cohorts c
)
SELECT c.segment, c.cohort, c.n AS period, c.size,
  ${asDouble(`sum(coalesce(p.reached, 0)) OVER w`)} AS reached,
  ${asDouble(`sum(coalesce(p.reached, 0)) OVER w`)} / c.size AS share,
  sum(coalesce(p.revenue, 0)) OVER w AS revenue_won,
  c.n < c.complete AS complete,
  (SELECT moment FROM as_of) AS as_of
FROM cells c
LEFT JOIN per_period p ON p.segment IS NOT DISTINCT FROM c.segment AND p.cohort = c.cohort AND p.n = c.n
WINDOW w AS (PARTITION BY c.segment, c.cohort ORDER BY c.n ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
ORDER BY c.segment NULLS LAST, c.cohort, c.n`;
}

export function shapeCohort(
  rows: Iterable<Record<string, unknown>>,
  specInput: CohortSpec,
  model: StageModel,
  locale: Locale = 'en',
): CohortRow[] {
  const spec = parse(cohortSpecSchema, specInput);
  const stage = spec.stage ?? model.stages.at(-1)!.key;
  const out: CohortRow[] = [];
  for (const r of rows) {
    const row: CohortRow = {
      cohort: day(r.cohort)!,
      period: Number(r.period),
      size: Number(r.size),
      stage,
      label: stageLabel(model, stage, locale),
      reached: Number(r.reached),
      share: num(r.share),
      revenue_won: Number(r.revenue_won),
      complete: Boolean(r.complete),
      as_of: isoTime(r.as_of),
    };
    out.push(spec.by ? { [spec.by]: textOrNull(r.segment), ...row } : row);
  }
  return out;
}
