/**
 * Cohorts counted in plain TypeScript from the journeys as typed arrays (metrics/journey-columns.ts): cohortSql's
 * rows, in the same order. A cross-filter click counts them in the page in tens of ms, where DuckDB-WASM took
 * ~0.2 s. tests/node/cohort-columns.test.ts holds it to cohortSql.
 */
import { parse } from '../model/schema.ts';
import type { StageModel } from '../model/index.ts';
import { compareText, nextDay, periodNumber, periodNumberStart, stageIndex } from './common.ts';
import { cohortSpecSchema, type CohortSpec } from './cohort.ts';
import { codeOf, dayStart, latestMoment, msRange, type JourneyColumns } from './journey-columns.ts';
import { STEP, type Steps } from './steps.ts';

/** One cohort: its journeys, and per period since, those that reached the stage and the revenue won then. */
interface Cohort {
  segment: string | null;
  /** Its period's number (periodNumber). */
  start: number;
  size: number;
  reached: Float64Array;
  revenue: Float64Array;
}

/** The as-of moment in ms of a spec's as_of (a day: its last millisecond), else the selected journeys' latest timestamp. */
export function asOfMs(c: JourneyColumns, selected: Uint32Array, asOf: string | undefined): number {
  if (!asOf) return latestMoment(c, selected);
  return asOf.includes('T') ? Date.parse(asOf) : dayStart(nextDay(asOf)) - 1;
}

/** cohortSql's rows over the `selected` journeys (row numbers), in steps (metrics/steps.ts). Sizes are numbers here, BigInt from DuckDB. */
export function* cohortRows(c: JourneyColumns, selected: Uint32Array, specInput: CohortSpec, model: StageModel): Steps<Record<string, unknown>[]> {
  const spec = parse(cohortSpecSchema, specInput);
  const unit = spec.period ?? 'month';
  const target = stageIndex(model, spec.stage ?? model.stages.at(-1)!.key);
  const moment = asOfMs(c, selected, spec.as_of);
  if (moment !== moment) return []; // no as-of: no journey is created by then
  const [from, until] = msRange(spec);
  const n = c.stages;
  const by = spec.by ? c.categories[spec.by] : undefined;
  const outcome = c.categories.outcome;
  const won = codeOf(outcome, 'won');
  const now = periodNumber(unit, moment);
  // Cohorts by segment code + 1, then by period number.
  const cohorts: Map<number, Cohort>[] = Array.from({ length: (by?.values.length ?? 0) + 1 }, () => new Map());
  for (let s = 0; s < selected.length; s++) {
    if ((s & STEP) === STEP) yield;
    const j = selected[s]!;
    const created = c.created[j]!;
    if (!(created <= moment && created >= from && created < until)) continue;
    const code = by ? by.codes[j]! : -1;
    const start = periodNumber(unit, created);
    let cohort = cohorts[code + 1]!.get(start);
    if (!cohort) {
      const shown = now - start + 1;
      cohort = { segment: code < 0 ? null : by!.values[code]!, start, size: 0, reached: new Float64Array(shown), revenue: new Float64Array(shown) };
      cohorts[code + 1]!.set(start, cohort);
    }
    cohort.size++;
    // Reached as of the moment: the earliest time, by then, of the stage or a later one.
    let reachedAt = NaN;
    for (let i = target; i < n; i++) {
      const t = c.times[j * n + i]!;
      if (t <= moment && !(t >= reachedAt)) reachedAt = t;
    }
    if (reachedAt === reachedAt) cohort.reached[Math.max(periodNumber(unit, reachedAt) - start, 0)]!++;
    const closed = c.closed[j]!;
    const amount = c.amount[j]!;
    if (outcome.codes[j] === won && closed <= moment && amount === amount) cohort.revenue[Math.max(periodNumber(unit, closed) - start, 0)]! += amount;
  }
  // A period is complete when its last millisecond is at or before the moment: those before the one holding moment + 1 ms.
  const over = periodNumber(unit, moment + 1);
  const rows: Record<string, unknown>[] = [];
  const ordered = cohorts.flatMap((m) => [...m.values()]).sort((a, b) => compareText(a.segment, b.segment) || a.start - b.start);
  for (const cohort of ordered) {
    const done = over - cohort.start;
    const start = periodNumberStart(unit, cohort.start);
    let reached = 0;
    let revenue = 0;
    cohort.reached.forEach((hits, period) => {
      reached += hits;
      revenue += cohort.revenue[period]!;
      rows.push({
        segment: cohort.segment,
        cohort: start,
        period,
        size: cohort.size,
        reached,
        share: reached / cohort.size,
        revenue_won: revenue,
        complete: period < done,
        as_of: moment,
      });
    });
  }
  return rows;
}
