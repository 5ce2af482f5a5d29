/**
 * Reverse planning: from a revenue target, the won deals needed (target ÷ average won deal size) and,
 * through the measured stage conversion rates, how many journeys each earlier stage needs.
 * The rates are the funnel's (reached mode) over journeys created in from/to: the history the plan trusts.
 * Chaining conversion rates back from Won telescopes: stage k needs won_needed × reached(k) ÷ reached(Won).
 */
import { parse, v } from '../model/schema.ts';
import { stageLabel, type Locale, type StageModel } from '../model/index.ts';
import { dayRange, isoDate, num, rangeOrder } from './common.ts';
import { stageTimesCte } from './journey-stages.ts';
import { asDouble, filtered, str, values } from './sql.ts';

export const planSpecSchema = v.pipe(
  v.object({
    /** Revenue to win, in the base currency (amount_base). */
    target: v.pipe(v.number(), v.finite(), v.gtValue(0)),
    /** Journeys created on or after / on or before these days (UTC): the history rates and deal size come from. */
    from: v.optional(isoDate),
    to: v.optional(isoDate),
  }),
  rangeOrder(),
);
export type PlanSpec = v.InferInput<typeof planSpecSchema>;

export interface PlanRow {
  stage: string;
  label: string;
  /** Journeys that reached the stage in the measured history. */
  reached: number;
  /** reached at the next stage ÷ reached here; null for the last stage or when 0 reached here. */
  conversion_to_next: number | null;
  /** Journeys the stage needs to meet the target (fractional). */
  needed: number | null;
  /** needed, rounded up to whole journeys. */
  needed_rounded: number | null;
  target: number;
  average_won_amount: number | null;
  won_needed: number | null;
}

export function planSql(specInput: PlanSpec, model: StageModel): string {
  const spec = parse(planSpecSchema, specInput);
  const n = model.stages.length;
  const last = n - 1;
  const where = dayRange('j.created_at', spec);
  const scope = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const pick = (col: (i: number) => string) => `CASE s.idx ${model.stages.map((_, i) => `WHEN ${i} THEN ${col(i)}`).join(' ')} END`;
  return `WITH ${values('stages', ['stage', 'idx'], model.stages.map((s, i) => [s.key, i]))},
${stageTimesCte(model, { everyJourney: true })},
history AS (
  SELECT ${model.stages.map((_, i) => `${asDouble(filtered('count', '*', `j.deepest >= ${i}`))} AS r${i}`).join(', ')},
    ${filtered('avg', 'j.amount_base', "j.outcome = 'won'")} AS average_won_amount
  FROM stage_times j ${scope}
),
plan AS (
  SELECT h.*, ${asDouble(str(String(spec.target)))} / nullif(h.average_won_amount, 0) AS won_needed FROM history h
)
SELECT s.stage, ${pick((i) => `p.r${i}`)} AS reached,
  ${pick((i) => (i === last ? 'NULL' : `p.r${i + 1} / nullif(p.r${i}, 0)`))} AS conversion_to_next,
  p.won_needed * ${pick((i) => `p.r${i}`)} / nullif(p.r${last}, 0) AS needed,
  p.average_won_amount, p.won_needed
FROM plan p CROSS JOIN stages s
ORDER BY s.idx`;
}

/** Whole journeys needed: rounded up, after forgiving float noise (30.000000000000004 needs 30, not 31). */
export function wholeJourneys(x: number | null): number | null {
  return x === null ? null : Math.ceil(x - 1e-9);
}

export function shapePlan(rows: Iterable<Record<string, unknown>>, specInput: PlanSpec, model: StageModel, locale: Locale = 'en'): PlanRow[] {
  const spec = parse(planSpecSchema, specInput);
  return [...rows].map((r) => ({
    stage: String(r.stage),
    label: stageLabel(model, String(r.stage), locale),
    reached: Number(r.reached),
    conversion_to_next: num(r.conversion_to_next),
    needed: num(r.needed),
    needed_rounded: wholeJourneys(num(r.needed)),
    target: spec.target,
    average_won_amount: num(r.average_won_amount),
    won_needed: num(r.won_needed),
  }));
}
