import { z } from 'zod';
import { DIMENSIONS, stageLabel, type Dimension, type Locale, type StageModel } from '../model/index.ts';
import { dateLiteral, daysBetween, filtered, ident, str, values } from './sql.ts';

/** A real day written YYYY-MM-DD (Date.parse accepts 2024-02-30 as March 1st: a real date survives the round trip). */
function isCalendarDay(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD')
  .refine(isCalendarDay, 'not a calendar date');

export const funnelSpecSchema = z
  .object({
    /** Break the funnel down by one journey attribute. */
    by: z.enum(DIMENSIONS).optional(),
    /** Journeys created on or after this day (UTC). */
    from: isoDate.optional(),
    /** Journeys created on or before this day (UTC). */
    to: isoDate.optional(),
  })
  .refine((s) => !s.from || !s.to || !isCalendarDay(s.from) || !isCalendarDay(s.to) || s.from <= s.to, {
    message: '"from" must not be after "to"',
    path: ['to'],
  });
export type FunnelSpec = z.input<typeof funnelSpecSchema>;

export interface FunnelRow {
  stage: string;
  label: string;
  /** Journeys that entered this stage or any later one. */
  reached: number;
  /** reached ÷ reached at the previous stage; null for the first stage or when the previous is 0. */
  conversion_from_previous: number | null;
  /** reached ÷ reached at the first stage; null when the first is 0. */
  conversion_from_first: number | null;
  /** Median days from entering the previous stage to entering this one, over journeys with both times. */
  median_days_from_previous: number | null;
  /** The breakdown value, under the dimension's own name, when the spec has `by`. */
  [dimension: string]: string | number | null;
}

function nextDay(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The funnel as SQL over `journeys` and `stage_events`, in two passes and no self-joins: one row per
 * journey (its deepest stage and the time it entered each stage), then one aggregate per segment.
 * Reached is monotone: a journey whose deepest stage is k has reached every stage up to k.
 */
export function funnelSql(specInput: FunnelSpec, model: StageModel): string {
  const spec = funnelSpecSchema.parse(specInput);
  const stages = model.stages.map((s, i) => ({ key: s.key, i }));
  const segment = spec.by ? `CAST(j.${ident(spec.by)} AS VARCHAR)` : 'NULL::VARCHAR';
  const where: string[] = [];
  if (spec.from) where.push(`j.created_at >= ${dateLiteral(spec.from)}`);
  if (spec.to) where.push(`j.created_at < ${dateLiteral(nextDay(spec.to))}`);
  // Only a breakdown or a date range needs the journeys table: every event's journey is in it.
  const scoped = spec.by !== undefined || where.length > 0;
  const pick = (column: (i: number) => string, from = 0) =>
    `CASE s.idx ${stages.slice(from).map(({ i }) => `WHEN ${i} THEN ${column(i)}`).join(' ')} END`;

  return `WITH ${values('stages', ['stage', 'idx'], stages.map(({ key, i }) => [key, i]))},
per_journey AS (
  SELECT e.journey_id,
    max(CASE e.stage ${stages.map(({ key, i }) => `WHEN ${str(key)} THEN ${i}`).join(' ')} END) AS deepest,
    ${stages.map(({ key, i }) => `${filtered('min', 'e.entered_at', `e.stage = ${str(key)}`)} AS t${i}`).join(',\n    ')}
  FROM stage_events e
  WHERE e.stage IN (${stages.map(({ key }) => str(key)).join(', ')})
  GROUP BY e.journey_id
),
per_segment AS (
  SELECT ${segment} AS segment,
    ${stages.map(({ i }) => `${filtered('count', '*', `p.deepest >= ${i}`)} AS r${i}`).join(',\n    ')},
    ${stages.slice(1).map(({ i }) => `median(${daysBetween(`p.t${i}`, `p.t${i - 1}`)}) AS m${i}`).join(',\n    ')}
  ${scoped ? `FROM journeys j JOIN per_journey p ON p.journey_id = j.journey_id${where.length ? `\n  WHERE ${where.join(' AND ')}` : ''}` : 'FROM per_journey p'}${spec.by ? '\n  GROUP BY segment' : ''}
)
SELECT g.segment, s.stage,
  ${pick((i) => `g.r${i}`)} AS reached,
  ${pick((i) => `g.r${i} / nullif(g.r${i - 1}, 0)`, 1)} AS conversion_from_previous,
  ${pick((i) => `g.r${i} / nullif(g.r0, 0)`)} AS conversion_from_first,
  ${pick((i) => `g.m${i}`, 1)} AS median_days_from_previous
FROM per_segment g CROSS JOIN stages s
ORDER BY g.r0 DESC, g.segment NULLS LAST, s.idx`;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Engine rows (any object with the SQL's columns; counts may be BigInt) to typed funnel rows.
 */
export function shapeFunnel(
  rows: Iterable<Record<string, unknown>>,
  specInput: FunnelSpec,
  model: StageModel,
  locale: Locale = 'en',
): FunnelRow[] {
  const spec = funnelSpecSchema.parse(specInput);
  const out: FunnelRow[] = [];
  for (const r of rows) {
    const row: FunnelRow = {
      stage: String(r.stage),
      label: stageLabel(model, String(r.stage), locale),
      reached: Number(r.reached),
      conversion_from_previous: num(r.conversion_from_previous),
      conversion_from_first: num(r.conversion_from_first),
      median_days_from_previous: num(r.median_days_from_previous),
    };
    out.push(spec.by ? { [spec.by]: (r.segment as string | null) ?? null, ...row } : row);
  }
  return out;
}

export type { Dimension };
