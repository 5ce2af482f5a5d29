/**
 * One row per journey from its stage events: the deepest stage entered and when each stage was first
 * entered. The building block of every metric that follows journeys through stages.
 *
 * Grouping two million stage events by journey costs about a second in the browser, and every widget did it
 * on every click. So the grouping runs once, when a dataset is loaded, into the table `journey_stages`
 * (journeyStagesSql; every engine that loads a dataset runs it), and metrics read that table.
 */
import type { StageModel } from '../model/index.ts';
import { earliestOf, str } from './sql.ts';

/** The table derived from stage_events at load: see journeyStagesSql. */
export const JOURNEY_STAGES = 'journey_stages';

/**
 * The grouping, from `stage_events` (or a CTE of that name) rows that pass `where`: journey_key; deepest, the
 * index of the deepest stage entered; t0 … tn, the earliest known time stage i was entered (NULL when not
 * entered or entered at an unknown time); entered, a bit per stage entered at all (with or without a time);
 * latest, the latest known time of any of its events.
 */
function groupedSql(model: StageModel, where: string[]): string {
  const stages = model.stages.map((s, i) => ({ key: s.key, i }));
  // Stage index first, then integer filters: a third of the time of comparing stage names per aggregate.
  return `SELECT e.journey_key,
    max(e.idx) AS deepest,
    ${stages.map(({ i }) => `min(e.entered_at) FILTER (WHERE e.idx = ${i}) AS t${i}`).join(',\n    ')},
    bit_or(1::BIGINT << e.idx) AS entered,
    max(e.entered_at) AS latest
  FROM (
    SELECT journey_key, entered_at, CASE stage ${stages.map(({ key, i }) => `WHEN ${str(key)} THEN ${i}`).join(' ')} END AS idx
    FROM stage_events
    WHERE ${[`stage IN (${stages.map(({ key }) => str(key)).join(', ')})`, ...where].join(' AND ')}
  ) e
  GROUP BY e.journey_key`;
}

/** Builds `journey_stages` for a loaded dataset under its stage model (run once per load, after stage_events). */
export function journeyStagesSql(model: StageModel): string {
  return `CREATE OR REPLACE TABLE ${JOURNEY_STAGES} AS ${groupedSql(model, [])}`;
}

export interface StageTimesOptions {
  /** Leave out events after as_of.moment (needs the as_of CTE); events with no time stay in. */
  asOf?: boolean;
  /** Also `e{i}`: whether stage i was entered at all (with or without a time). */
  entered?: boolean;
}

/**
 * CTE `stage_times(journey_key, deepest, t0 … tn[, e0 … en])` over `journey_stages`. With asOf, a journey
 * whose events all happened by then is taken as it is; only the few with later events are grouped again
 * from their events up to as_of (a journey with none left drops out, as its events do).
 */
export function stageTimesCte(model: StageModel, options: StageTimesOptions = {}): string {
  const columns = [
    'journey_key',
    'deepest',
    ...model.stages.map((_, i) => `t${i}`),
    ...(options.entered ? model.stages.map((_, i) => `((entered >> ${i}) & 1) = 1 AS e${i}`) : []),
  ].join(', ');
  if (!options.asOf) return `stage_times AS (SELECT ${columns} FROM ${JOURNEY_STAGES})`;
  const asOf = '(SELECT moment FROM as_of)';
  const later = `SELECT journey_key FROM ${JOURNEY_STAGES} WHERE latest > ${asOf}`;
  return `stage_times AS (
  SELECT ${columns} FROM ${JOURNEY_STAGES} WHERE latest IS NULL OR latest <= ${asOf}
  UNION ALL
  SELECT ${columns} FROM (${groupedSql(model, [`(entered_at IS NULL OR entered_at <= ${asOf})`, `journey_key IN (${later})`])})
)`;
}

/** The earliest known time among stages from..n-1 of a stage_times row: when the journey reached stage `from`. */
export function reachedAt(model: StageModel, from: number, alias = 's'): string {
  const ts = model.stages.map((_, i) => i).filter((i) => i >= from).map((i) => `${alias}.t${i}`);
  return earliestOf(ts);
}
