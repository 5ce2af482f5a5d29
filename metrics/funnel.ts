import { z } from 'zod';
import { DIMENSIONS, stageLabel, type Dimension, type Locale, type StageModel } from '../model/index.ts';
import { dateLiteral, daysBetween, ident, int, sameAs, values } from './sql.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD')
  // Date.parse accepts 2024-02-30 (as March 1st): a real date survives the round trip.
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'not a calendar date');

export const funnelSpecSchema = z
  .object({
    /** Break the funnel down by one journey attribute. */
    by: z.enum(DIMENSIONS).optional(),
    /** Journeys created on or after this day (UTC). */
    from: isoDate.optional(),
    /** Journeys created on or before this day (UTC). */
    to: isoDate.optional(),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { message: '"from" must not be after "to"', path: ['to'] });
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
 * The funnel as SQL over `journeys` and `stage_events`.
 * Reached is monotone: a journey whose deepest stage is k has reached every stage up to k, so the
 * count for stage k is the number of journeys whose deepest stage is k or later.
 */
export function funnelSql(specInput: FunnelSpec, model: StageModel): string {
  const spec = funnelSpecSchema.parse(specInput);
  const segment = spec.by ? `CAST(${ident(spec.by)} AS VARCHAR)` : 'NULL::VARCHAR';
  const where: string[] = [];
  if (spec.from) where.push(`created_at >= ${dateLiteral(spec.from)}`);
  if (spec.to) where.push(`created_at < ${dateLiteral(nextDay(spec.to))}`);
  const stageRows = model.stages.map((s, i) => [s.key, i]);
  const outName = ident(spec.by ?? 'segment');

  return `WITH ${values('stages', ['stage', 'idx'], stageRows)},
scope AS (
  SELECT journey_id, ${segment} AS segment FROM journeys${where.length ? `\n  WHERE ${where.join(' AND ')}` : ''}
),
entries AS (
  SELECT e.journey_id, s.idx, min(e.entered_at) AS entered_at
  FROM stage_events e JOIN stages s ON s.stage = e.stage JOIN scope USING (journey_id)
  GROUP BY e.journey_id, s.idx
),
deepest AS (
  SELECT sc.segment, max(en.idx) AS idx
  FROM scope sc JOIN entries en USING (journey_id)
  GROUP BY sc.journey_id, sc.segment
),
segments AS (
  ${spec.by ? 'SELECT DISTINCT segment FROM deepest' : 'SELECT NULL::VARCHAR AS segment'}
),
ended AS (
  SELECT segment, idx, count(*) AS n FROM deepest GROUP BY segment, idx
),
reach AS (
  SELECT g.segment, s.idx, s.stage,
    ${int('sum(coalesce(en.n, 0)) OVER (PARTITION BY g.segment ORDER BY s.idx DESC ROWS UNBOUNDED PRECEDING)')} AS reached
  FROM segments g CROSS JOIN stages s
  LEFT JOIN ended en ON ${sameAs('en.segment', 'g.segment')} AND en.idx = s.idx
),
steps AS (
  SELECT sc.segment, cur.idx, median(${daysBetween('cur.entered_at', 'prev.entered_at')}) AS median_days
  FROM scope sc
  JOIN entries cur USING (journey_id)
  JOIN entries prev ON prev.journey_id = cur.journey_id AND prev.idx = cur.idx - 1
  GROUP BY sc.segment, cur.idx
)
SELECT r.segment AS ${outName}, r.stage, r.reached,
  r.reached / nullif(lag(r.reached) OVER w, 0) AS conversion_from_previous,
  r.reached / nullif(first_value(r.reached) OVER w, 0) AS conversion_from_first,
  st.median_days AS median_days_from_previous,
  first_value(r.reached) OVER w AS segment_size
FROM reach r
LEFT JOIN steps st ON ${sameAs('st.segment', 'r.segment')} AND st.idx = r.idx
WINDOW w AS (PARTITION BY r.segment ORDER BY r.idx)
ORDER BY segment_size DESC, r.segment NULLS LAST, r.idx`;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Engine rows (any object with the SQL's columns; counts may be BigInt) to typed funnel rows.
 * `segment_size` only orders segments and is dropped here.
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
    out.push(spec.by ? { [spec.by]: (r[spec.by] as string | null) ?? null, ...row } : row);
  }
  return out;
}

export type { Dimension };
