/**
 * One row per journey from its stage events: the deepest stage entered and when each stage was first
 * entered. The building block of every metric that follows journeys through stages; computed in one pass
 * over stage_events, no self-joins.
 */
import type { StageModel } from '../model/index.ts';
import { earliestOf, filtered, str } from './sql.ts';

export interface StageTimesOptions {
  /** Leave out events after as_of.moment (needs the as_of CTE); events with no time stay in. */
  asOf?: boolean;
  /** Also `e{i}`: whether stage i was entered at all (with or without a time). */
  entered?: boolean;
}

/**
 * CTE `stage_times(journey_key, deepest, t0 … tn[, e0 … en])`: deepest is the index of the deepest stage
 * entered; ti the earliest known time stage i was entered (NULL when not entered or entered at an unknown time).
 */
export function stageTimesCte(model: StageModel, options: StageTimesOptions = {}): string {
  const stages = model.stages.map((s, i) => ({ key: s.key, i }));
  const where = [`e.stage IN (${stages.map(({ key }) => str(key)).join(', ')})`];
  if (options.asOf) where.push('(e.entered_at IS NULL OR e.entered_at <= (SELECT moment FROM as_of))');
  const columns = [
    `max(CASE e.stage ${stages.map(({ key, i }) => `WHEN ${str(key)} THEN ${i}`).join(' ')} END) AS deepest`,
    ...stages.map(({ key, i }) => `${filtered('min', 'e.entered_at', `e.stage = ${str(key)}`)} AS t${i}`),
    ...(options.entered ? stages.map(({ key, i }) => `${filtered('count', '*', `e.stage = ${str(key)}`)} > 0 AS e${i}`) : []),
  ];
  return `stage_times AS (
  SELECT e.journey_key,
    ${columns.join(',\n    ')}
  FROM stage_events e
  WHERE ${where.join(' AND ')}
  GROUP BY e.journey_key
)`;
}

/** The earliest known time among stages from..n-1 of a stage_times row: when the journey reached stage `from`. */
export function reachedAt(model: StageModel, from: number, alias = 's'): string {
  const ts = model.stages.map((_, i) => i).filter((i) => i >= from).map((i) => `${alias}.t${i}`);
  return earliestOf(ts);
}
