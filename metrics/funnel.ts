import { parse, v } from '../model/schema.ts';
import { stageLabel, type Dimension, type Locale, type StageModel } from '../model/index.ts';
import { DAY_MS, dayRange, dimension, isoDate, num, rangeOrder } from './common.ts';
import { JOURNEY_FACTS, JOURNEY_STAGES, reachedAt } from './journey-stages.ts';
import { daysBetween, filtered, msBetween, quartileColumns, str, text, values } from './sql.ts';

export const FUNNEL_MODES = ['reached', 'strict'] as const;

export const funnelSpecSchema = v.pipe(
  v.object({
    /** Break the funnel down by one journey attribute. */
    by: v.optional(dimension),
    /** Journeys created on or after this day (UTC). */
    from: v.optional(isoDate),
    /** Journeys created on or before this day (UTC). */
    to: v.optional(isoDate),
    /**
     * reached (default): a journey counts at every stage up to the deepest it entered (skipped stages too).
     * strict: a journey counts at stage k only when it entered every stage 0 … k, each with a known time,
     * in that order (equal times count as in order).
     */
    mode: v.optional(v.picklist(FUNNEL_MODES)),
    /**
     * Conversion window in days: a stage counts only when entered (at a known time) within this many days of
     * the journey entering the funnel — its earliest known stage time (reached mode), its first stage's time
     * (strict mode).
     */
    window_days: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(36_500))),
    /** A second created-date range shown beside the first (e.g. last quarter beside this one). */
    compare: v.optional(v.pipe(v.object({ from: isoDate, to: isoDate }), rangeOrder())),
    /**
     * false: counts only, the days columns come back null. The quartiles are most of a funnel's work
     * (at a million journeys, four fifths): a KPI tile that shows counts need not wait for them.
     */
    timings: v.optional(v.boolean()),
  }),
  rangeOrder(),
);
export type FunnelSpec = v.InferInput<typeof funnelSpecSchema>;

export interface FunnelRow {
  stage: string;
  label: string;
  /** Journeys counted at this stage (see the mode). */
  reached: number;
  /** reached ÷ reached at the previous stage; null for the first stage or when the previous is 0. */
  conversion_from_previous: number | null;
  /** reached ÷ reached at the first stage; null when the first is 0. */
  conversion_from_first: number | null;
  /** Median days from entering the previous stage to entering this one, over journeys with both times. */
  median_days_from_previous: number | null;
  /** Journeys counted at the previous stage and not at this one; null for the first stage. */
  drop_off: number | null;
  /** drop_off ÷ reached at the previous stage; null for the first stage or when the previous is 0. */
  drop_off_rate: number | null;
  /** Quartiles and mean of the same days as the median. */
  p25_days_from_previous: number | null;
  p75_days_from_previous: number | null;
  mean_days_from_previous: number | null;
  /** How many journeys the days from the previous stage are measured over. */
  timed_from_previous: number | null;
  /**
   * The breakdown value, under the dimension's own name, when the spec has `by`; and with a comparison,
   * `period`: "current" (from/to) or "comparison" (compare.from/compare.to).
   */
  [dimension: string]: string | number | null;
}


/**
 * The level a journey reaches (-1: none), per mode, from its stage times t0 … tn and its deepest stage.
 * In strict mode the prefix condition makes reach monotone by construction.
 */
function levelSql(n: number, mode: (typeof FUNNEL_MODES)[number], windowMs: number | undefined): string {
  const within = (i: number, anchor: string) => (windowMs === undefined ? 'TRUE' : `${msBetween(`p.t${i}`, anchor)} <= ${windowMs}`);
  const down = Array.from({ length: n }, (_, k) => n - 1 - k);
  if (mode === 'strict') {
    const steps = Array.from({ length: n - 1 }, (_, k) => k + 1).map(
      (i) => `WHEN NOT coalesce(p.t${i} >= p.t${i - 1} AND ${within(i, 'p.t0')}, FALSE) THEN ${i - 1}`,
    );
    return `CASE WHEN p.t0 IS NULL THEN -1 ${steps.join(' ')} ELSE ${n - 1} END`;
  }
  if (windowMs === undefined) return 'p.deepest';
  return `CASE ${down.map((i) => `WHEN ${within(i, 'p.anchor')} THEN ${i}`).join(' ')} ELSE -1 END`;
}

/**
 * The funnel as SQL over `journey_stages` (or `journey_facts`), with no joins: one row per journey (its deepest
 * stage and the time it entered each stage), its level under the mode, then one aggregate per period and
 * segment. Reached is monotone: a journey whose deepest stage is k has reached every stage up to k.
 */
export function funnelSql(specInput: FunnelSpec, model: StageModel): string {
  const spec = parse(funnelSpecSchema, specInput);
  const stages = model.stages.map((s, i) => ({ key: s.key, i }));
  const n = stages.length;
  const windowMs = spec.window_days === undefined ? undefined : Math.round(spec.window_days * DAY_MS);
  const segment = spec.by ? text(`p.${spec.by}`) : 'NULL::VARCHAR';
  const periods: [string, string[]][] = [['current', dayRange('p.created_at', spec)]];
  if (spec.compare) periods.push(['comparison', dayRange('p.created_at', spec.compare)]);
  // Only a breakdown or a date range needs the journeys' own columns (journey_facts): the plain funnel can be
  // drawn before the journeys table is loaded.
  const scoped = spec.by !== undefined || periods.some(([, where]) => where.length > 0);
  // Only the columns used: a CTE read twice (a comparison) is computed once and kept, every column of it.
  const columns = ['deepest', ...stages.map(({ i }) => `t${i}`), ...(scoped ? ['created_at'] : []), ...(spec.by ? [spec.by] : [])];
  const pick = (column: (i: number) => string, from = 0) =>
    `CASE s.idx ${stages.slice(from).map(({ i }) => `WHEN ${i} THEN ${column(i)}`).join(' ')} END`;
  const days = (i: number) => daysBetween(`p.t${i}`, `p.t${i - 1}`);
  const timed = (i: number) => `p.lvl >= ${i}`;
  const timing = (column: (i: number) => string) => (spec.timings === false ? 'NULL::DOUBLE' : pick(column, 1));

  const aggregates = [
    ...stages.map(({ i }) => `${filtered('count', '*', `p.lvl >= ${i}`)} AS r${i}`),
    ...stages.slice(spec.timings === false ? n : 1).flatMap(({ i }) => [
      ...quartileColumns(days(i), (q) => `${q}_${i}`, timed(i)),
      `${filtered('avg', msBetween(`p.t${i}`, `p.t${i - 1}`), timed(i))} / ${DAY_MS} AS a${i}`,
      `${filtered('count', msBetween(`p.t${i}`, `p.t${i - 1}`), timed(i))} AS n${i}`,
    ]),
  ];
  // One aggregate per period; without a breakdown it has no GROUP BY, so an empty range still gives a row of zeros.
  const aggregate = (period: string, where: string[]) =>
    `SELECT ${str(period)} AS period, ${segment} AS segment,
    ${aggregates.join(',\n    ')}
  FROM levels p${where.length ? `\n  WHERE ${where.join(' AND ')}` : ''}${spec.by ? '\n  GROUP BY segment' : ''}`;

  return `WITH ${values('stages', ['stage', 'idx'], stages.map(({ key, i }) => [key, i]))},
per_journey AS (
  SELECT ${columns.join(', ')}, ${reachedAt(model, 0, 'p')} AS anchor FROM ${scoped ? JOURNEY_FACTS : JOURNEY_STAGES} p WHERE deepest IS NOT NULL
),
levels AS (
  SELECT p.*, ${levelSql(n, spec.mode ?? 'reached', windowMs)} AS lvl FROM per_journey p
),
per_segment AS (
  ${periods.map(([period, where]) => aggregate(period, where)).join('\n  UNION ALL\n  ')}
)
SELECT g.period, g.segment, s.stage,
  ${pick((i) => `g.r${i}`)} AS reached,
  ${pick((i) => `g.r${i} / nullif(g.r${i - 1}, 0)`, 1)} AS conversion_from_previous,
  ${pick((i) => `g.r${i} / nullif(g.r0, 0)`)} AS conversion_from_first,
  ${timing((i) => `g.median_${i}`)} AS median_days_from_previous,
  ${pick((i) => `g.r${i - 1} - g.r${i}`, 1)} AS drop_off,
  ${pick((i) => `(g.r${i - 1} - g.r${i}) / nullif(g.r${i - 1}, 0)`, 1)} AS drop_off_rate,
  ${timing((i) => `g.p25_${i}`)} AS p25_days_from_previous,
  ${timing((i) => `g.p75_${i}`)} AS p75_days_from_previous,
  ${timing((i) => `g.a${i}`)} AS mean_days_from_previous,
  ${timing((i) => `g.n${i}`)} AS timed_from_previous
FROM per_segment g CROSS JOIN stages s
ORDER BY g.period = 'comparison', g.r0 DESC, g.segment NULLS LAST, s.idx`;
}

/**
 * Engine rows (any object with the SQL's columns; counts may be BigInt) to typed funnel rows.
 */
export function shapeFunnel(
  rows: Iterable<Record<string, unknown>>,
  specInput: FunnelSpec,
  model: StageModel,
  locale: Locale = 'en',
): FunnelRow[] {
  const spec = parse(funnelSpecSchema, specInput);
  const out: FunnelRow[] = [];
  for (const r of rows) {
    const row: FunnelRow = {
      stage: String(r.stage),
      label: stageLabel(model, String(r.stage), locale),
      reached: Number(r.reached),
      conversion_from_previous: num(r.conversion_from_previous),
      conversion_from_first: num(r.conversion_from_first),
      median_days_from_previous: num(r.median_days_from_previous),
      drop_off: num(r.drop_off),
      drop_off_rate: num(r.drop_off_rate),
      p25_days_from_previous: num(r.p25_days_from_previous),
      p75_days_from_previous: num(r.p75_days_from_previous),
      mean_days_from_previous: num(r.mean_days_from_previous),
      timed_from_previous: num(r.timed_from_previous),
    };
    const head: Record<string, string | null> = {};
    if (spec.compare) head.period = String(r.period);
    if (spec.by) head[spec.by] = (r.segment as string | null) ?? null;
    out.push({ ...head, ...row });
  }
  return out;
}

export type { Dimension };
