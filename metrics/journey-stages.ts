/**
 * One row per journey from its stage events: the deepest stage entered and when each stage was first
 * entered. The building block of every metric that follows journeys through stages.
 *
 * Grouping two million stage events by journey costs about a second in the browser, and every widget did it
 * on every click. So the grouping runs once, when a dataset is loaded, into the table `journey_stages`
 * (journeyStagesSql; every engine that loads a dataset runs it). It lines up with `journeys` row for row, and
 * metrics read the two side by side (journey_facts) with no join; a board's filter selects both in one scan.
 */
import type { StageModel } from '../model/index.ts';
import { earliestOf, str } from './sql.ts';

/** The table derived from stage_events at load: see journeyStagesSql. */
export const JOURNEY_STAGES = 'journey_stages';

/**
 * The grouping of `stage_events`: journey_key; deepest, the index of the deepest stage entered; t0 … tn, the
 * earliest known time stage i was entered (NULL when not entered or entered at an unknown time); entered, a
 * bit per stage entered at all (with or without a time); untimed, a bit per stage with an event of unknown time.
 */
function groupedSql(model: StageModel): string {
  const stages = model.stages.map((s, i) => ({ key: s.key, i }));
  // Stage index first, then integer filters: a third of the time of comparing stage names per aggregate.
  return `SELECT e.journey_key, max(e.idx) AS deepest, ${stages.map(({ i }) => `min(e.entered_at) FILTER (WHERE e.idx = ${i}) AS t${i}`).join(', ')},
  bit_or(1::BIGINT << e.idx) AS entered, coalesce(bit_or(1::BIGINT << e.idx) FILTER (WHERE e.entered_at IS NULL), 0) AS untimed
FROM (SELECT journey_key, entered_at, CASE stage ${stages.map(({ key, i }) => `WHEN ${str(key)} THEN ${i}`).join(' ')} END AS idx
  FROM stage_events WHERE stage IN (${stages.map(({ key }) => str(key)).join(', ')})) e
GROUP BY e.journey_key`;
}

/**
 * Builds `journey_stages` for a loaded dataset under its stage model, run once per load after stage_events:
 * one row per journey, in journey_key order (row k is journey k, as in `journeys`), deepest NULL for a journey
 * with no stage event. Row for row, it lines up with `journeys` (journeyFacts), so a filter needs no join.
 */
export function journeyStagesSql(model: StageModel, journeys: number): string {
  return `CREATE OR REPLACE TABLE ${JOURNEY_STAGES} AS SELECT k.journey_key, g.* EXCLUDE (journey_key)
FROM (SELECT CAST(range AS INTEGER) AS journey_key FROM range(${Math.trunc(journeys)})) k
LEFT JOIN (${groupedSql(model)}) g ON g.journey_key = k.journey_key ORDER BY k.journey_key`;
}

/** The columns of journey_stages. */
export function stageColumns(model: StageModel): string[] {
  return ['journey_key', 'deepest', ...model.stages.map((_, i) => `t${i}`), 'entered', 'untimed'];
}

/**
 * Each journey beside its stage columns, with no join: `journeys` and `journey_stages` are read side by side,
 * row k with row k (both are in journey_key order). Names mean the tables, wherever this is placed.
 */
export function journeyFacts(model: StageModel): string {
  return `SELECT * FROM journeys POSITIONAL JOIN (SELECT ${stageColumns(model).slice(1).join(', ')} FROM ${JOURNEY_STAGES})`;
}

/**
 * What would break journey_facts, counted once both tables are in: `misplaced`, journeys rows not at their
 * journey_key's place; `orphans`, stage events that point at no journey (they would be left out of every metric).
 */
export function lineUpSql(journeys: number): string {
  return `SELECT (SELECT count(*) FROM journeys j POSITIONAL JOIN (SELECT journey_key AS k FROM ${JOURNEY_STAGES}) WHERE j.journey_key IS DISTINCT FROM k) AS misplaced,
(SELECT count(*) FROM stage_events WHERE journey_key IS NULL OR journey_key NOT BETWEEN 0 AND ${Math.trunc(journeys) - 1}) AS orphans`;
}

/** The problem lineUpSql's counts show, naming the file to sync again; null when there is none. */
export function lineUpProblem(counts: Record<string, unknown> | undefined, files: { journeys: string; stage_events: string }): string | null {
  const misplaced = Number(counts?.misplaced ?? 0);
  const orphans = Number(counts?.orphans ?? 0);
  const again = 'sync the dataset again';
  if (misplaced > 0) return `${files.journeys}: ${misplaced} journeys are out of journey_key order: ${again}`;
  if (orphans > 0) return `${files.stage_events}: ${orphans} stage events point at no journey: ${again}`;
  return null;
}

/** The view `journey_facts` (journeyFacts), made once both tables are loaded: what metrics read journeys from. */
export const JOURNEY_FACTS = 'journey_facts';
export function journeyFactsSql(model: StageModel): string {
  return `CREATE OR REPLACE VIEW ${JOURNEY_FACTS} AS ${journeyFacts(model)}`;
}

export interface StageTimesOptions {
  /** As the journeys stood at as_of.moment (needs the as_of CTE): events after it left out; events with no time stay in. */
  asOf?: boolean;
  /** With asOf, also `e{i}`: whether stage i had been entered by then (with or without a time). */
  entered?: boolean;
  /** Only journeys whose deepest stage is at least this one (as of as_of, with asOf). */
  reached?: number;
  /** Every journey, those that entered no stage too (deepest and times NULL). */
  everyJourney?: boolean;
}

/**
 * CTE `stage_times`: every column of each journey beside `deepest`, `t0 … tn` (and `e0 … en`), one row per
 * journey that entered a stage (or every journey), from `journey_facts`: metrics read journeys and their stages
 * with no join. With asOf, as they stood then, from the same row: stage i counts as entered when its earliest
 * time is by then or it has an event of unknown time (such events always count), and keeps its time only when
 * that is by then; a journey with no stage left has none, as its events do.
 */
export function stageTimesCte(model: StageModel, options: StageTimesOptions = {}): string {
  const idx = model.stages.map((_, i) => i);
  const from = options.reached ?? 0;
  const everyone = options.everyJourney === true && from === 0;
  if (!options.asOf) {
    return `stage_times AS (SELECT * EXCLUDE (entered, untimed) FROM ${JOURNEY_FACTS}${everyone ? '' : ` WHERE deepest >= ${from}`})`;
  }
  const untimed = (i: number) => `coalesce(((f.untimed >> ${i}) & 1) = 1, FALSE)`;
  const kept = idx.map((i) => `coalesce(f.t${i} <= a.moment, FALSE) OR ${untimed(i)} AS k${i}`);
  const columns = [
    `* EXCLUDE (${stageColumns(model).slice(1).join(', ')}, moment, ${idx.map((i) => `k${i}`).join(', ')})`,
    `CASE ${[...idx].reverse().map((i) => `WHEN k${i} THEN ${i}`).join(' ')} END AS deepest`,
    ...idx.map((i) => `CASE WHEN t${i} <= moment THEN t${i} END AS t${i}`),
    ...(options.entered ? idx.map((i) => `k${i} AS e${i}`) : []),
  ];
  // A journey is never deeper as of a moment than it is now: the stage filter applies before and after.
  return `stage_times AS (
  SELECT ${columns.join(', ')}
  FROM (SELECT f.*, a.moment, ${kept.join(', ')} FROM ${JOURNEY_FACTS} f CROSS JOIN as_of a${everyone ? '' : ` WHERE f.deepest >= ${from}`})${
    everyone ? '' : `\n  WHERE ${idx.slice(from).map((i) => `k${i}`).join(' OR ')}`
  }
)`;
}

/** The earliest known time among stages from..n-1 of a stage_times row: when the journey reached stage `from`. */
export function reachedAt(model: StageModel, from: number, alias = 's'): string {
  const ts = model.stages.map((_, i) => i).filter((i) => i >= from).map((i) => `${alias}.t${i}`);
  return earliestOf(ts);
}
