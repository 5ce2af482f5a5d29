/**
 * Reverse planning counted in plain TypeScript from the journeys as typed arrays (metrics/journey-columns.ts):
 * planSql's rows, stage by stage. tests/node/plan-columns.test.ts holds it to planSql.
 */
import { parse } from '../model/schema.ts';
import type { StageModel } from '../model/index.ts';
import { codeOf, msRange, type JourneyColumns } from './journey-columns.ts';
import { planSpecSchema, type PlanSpec } from './plan.ts';
import { STEP, type Steps } from './steps.ts';

/** planSql's rows over the `selected` journeys (row numbers), in steps (metrics/steps.ts). */
export function* planRows(c: JourneyColumns, selected: Uint32Array, specInput: PlanSpec, model: StageModel): Steps<Record<string, unknown>[]> {
  const spec = parse(planSpecSchema, specInput);
  const n = model.stages.length;
  const [from, until] = msRange(spec);
  const dated = spec.from !== undefined || spec.to !== undefined;
  const won = codeOf(c.categories.outcome, 'won');
  // The history: journeys created in the range, how far each got, and the amounts of those won.
  const reached = new Float64Array(n);
  let amounts = 0;
  let priced = 0;
  for (let s = 0; s < selected.length; s++) {
    if ((s & STEP) === STEP) yield;
    const j = selected[s]!;
    if (dated && !(c.created[j]! >= from && c.created[j]! < until)) continue;
    for (let i = 0; i <= c.deepest[j]!; i++) reached[i]!++;
    if (c.categories.outcome.codes[j] === won && c.amount[j] === c.amount[j]) {
      amounts += c.amount[j]!;
      priced++;
    }
  }
  const average = priced ? amounts / priced : null;
  const wonNeeded = average ? spec.target / average : null;
  const last = reached[n - 1]!;
  return model.stages.map((s, i) => ({
    stage: s.key,
    reached: reached[i]!,
    conversion_to_next: i < n - 1 && reached[i] ? reached[i + 1]! / reached[i]! : null,
    needed: wonNeeded !== null && last ? (wonNeeded * reached[i]!) / last : null,
    average_won_amount: average,
    won_needed: wonNeeded,
  }));
}
