/**
 * Sales velocity: money per day the pipeline is expected to turn into, with its four factors:
 *   open opportunities × win rate × average won deal size ÷ average cycle days.
 * - open opportunities: journeys open as of as_of whose deepest stage (as of then) is the opportunity stage or later;
 * - win rate: won ÷ (won + lost) over journeys that reached the opportunity stage and closed (in from/to, by as_of);
 * - average won deal size: mean amount_base of those won (known amounts);
 * - average cycle days: mean days from reaching the opportunity stage (its earliest known time, or a later
 *   stage's when it was skipped) to closing, over those won with both times known.
 * Null when a factor is unknown or the cycle is 0.
 */
import { parse, v } from '../model/schema.ts';
import type { Locale, StageModel } from '../model/index.ts';
import { asOfCte, asOfDate, dayRange, dimension, isoDate, num, openAt, rangeOrder, stageIndex, textOrNull } from './common.ts';
import { reachedAt, stageTimesCte } from './journey-stages.ts';
import { asDouble, daysBetween, filtered, text } from './sql.ts';

export const velocitySpecSchema = v.pipe(
  v.object({
    by: v.optional(dimension),
    /** The stage from which a journey is an opportunity (default "opportunity"). */
    stage: v.optional(v.string()),
    /** Closed on or after / on or before these days (UTC): the deals win rate, size and cycle are measured on. */
    from: v.optional(isoDate),
    to: v.optional(isoDate),
    as_of: asOfDate,
  }),
  rangeOrder(),
);
export type VelocitySpec = v.InferInput<typeof velocitySpecSchema>;

export interface VelocityRow {
  open_opportunities: number;
  won: number;
  lost: number;
  win_rate: number | null;
  average_won_amount: number | null;
  average_cycle_days: number | null;
  /** Money per day. */
  velocity_per_day: number | null;
  [dimension: string]: string | number | null;
}

export function velocitySql(specInput: VelocitySpec, model: StageModel): string {
  const spec = parse(velocitySpecSchema, specInput);
  const opp = stageIndex(model, spec.stage ?? 'opportunity');
  const segment = spec.by ? text(`j.${spec.by}`) : 'NULL::VARCHAR';
  const closedIn = ['j.closed_at <= (SELECT moment FROM as_of)', ...dayRange('j.closed_at', spec)].join(' AND ');
  const won = "j.outcome = 'won'";
  // Only the stage times as of then: the stagnation CTEs (exits, durations) are not needed here.
  return `WITH ${asOfCte(spec.as_of)},
${stageTimesCte(model, { asOf: true, reached: opp })},
opportunities AS (
  SELECT ${segment} AS segment, ${openAt('j', 'a.moment')} AS open, j.outcome, ${reachedAt(model, opp, 'j')} AS reached_at,
    j.closed_at, j.amount_base, ${closedIn} AND j.outcome IN ('won', 'lost') AS closed_in
  FROM stage_times j CROSS JOIN as_of a
),
factors AS (
  SELECT ${spec.by ? 'segment' : 'NULL::VARCHAR AS segment'},
    ${asDouble(filtered('count', '*', 'open'))} AS open_opportunities,
    ${asDouble(filtered('count', '*', `closed_in AND ${won}`))} AS won,
    ${asDouble(filtered('count', '*', `closed_in AND j.outcome = 'lost'`))} AS lost,
    ${filtered('avg', 'amount_base', `closed_in AND ${won}`)} AS average_won_amount,
    ${filtered('avg', daysBetween('closed_at', 'reached_at'), `closed_in AND ${won}`)} AS average_cycle_days
  FROM opportunities j
  ${spec.by ? 'GROUP BY segment' : ''}
)
SELECT f.segment, f.open_opportunities, f.won, f.lost, f.won / nullif(f.won + f.lost, 0) AS win_rate,
  f.average_won_amount, f.average_cycle_days,
  f.open_opportunities * (f.won / nullif(f.won + f.lost, 0)) * f.average_won_amount / nullif(f.average_cycle_days, 0) AS velocity_per_day
FROM factors f
ORDER BY f.open_opportunities DESC, f.segment NULLS LAST`;
}

export function shapeVelocity(
  rows: Iterable<Record<string, unknown>>,
  specInput: VelocitySpec,
  _model: StageModel,
  _locale: Locale = 'en',
): VelocityRow[] {
  const spec = parse(velocitySpecSchema, specInput);
  return [...rows].map((r) => {
    const row: VelocityRow = {
      open_opportunities: Number(r.open_opportunities),
      won: Number(r.won),
      lost: Number(r.lost),
      win_rate: num(r.win_rate),
      average_won_amount: num(r.average_won_amount),
      average_cycle_days: num(r.average_cycle_days),
      velocity_per_day: num(r.velocity_per_day),
    };
    return spec.by ? { [spec.by]: textOrNull(r.segment), ...row } : row;
  });
}
