/**
 * The KPI tiles counted in the page from the journeys as typed arrays (metrics/journey-columns.ts): the numbers the
 * funnel, closed-deal and velocity SQL give the tiles, in a few ms where DuckDB-WASM took 0.8 s at a million
 * journeys. Pure: arrays in, numbers out. tests/node/kpi-columns.test.ts holds it to that SQL (tests/reference/kpi.ts).
 */
import { DAY_MS, nextDay, num, quantilesOf, stageIndex } from '../../metrics/common.ts';
import { funnelRows } from '../../metrics/funnel-columns.ts';
import { codeOf, dayStart, msRange, type JourneyColumns } from '../../metrics/journey-columns.ts';
import { STEP, type Steps } from '../../metrics/steps.ts';
import type { StageModel } from '../../model/index.ts';
import type { KpiMetric } from './kpi-messages.ts';
import type { DayRange, KpiPeriods } from './kpi-periods.ts';

/** A tile's value in the current period and in the previous one; null where it is unknown. */
export type KpiPair = [number | null, number | null];
export type KpiValues = Partial<Record<KpiMetric, KpiPair>>;

/** The MQL stage: the one keyed "mql", else the second stage of a custom model. */
export function mqlStage(model: StageModel): number {
  const i = model.stages.findIndex((s) => s.key === 'mql');
  return i >= 0 ? i : 1;
}

/**
 * The chosen tiles' values over the `selected` journeys (row numbers), in steps (metrics/steps.ts):
 * - leads, MQLs, MQL rate: journeys created in each period that entered the first stage, the MQL stage (or later);
 * - win rate, median cycle, revenue won: deals closed won or lost in each period;
 * - velocity: metrics/velocity.ts over deals closed in each period, as of the period's last day.
 */
export function* kpiValues(c: JourneyColumns, selected: Uint32Array, p: KpiPeriods, model: StageModel, chosen: readonly KpiMetric[]): Steps<KpiValues> {
  const need = (...m: KpiMetric[]) => m.some((k) => chosen.includes(k));
  const out: KpiValues = {};
  if (need('leads', 'mqls', 'mql_rate')) Object.assign(out, yield* leadCounts(c, selected, p, model));
  if (need('win_rate', 'cycle', 'revenue')) Object.assign(out, yield* closedDeals(c, selected, p));
  if (need('velocity')) {
    const opportunity = stageIndex(model, 'opportunity');
    out.velocity = [yield* velocity(c, selected, p.current, opportunity), yield* velocity(c, selected, p.previous, opportunity)];
  }
  return out;
}

/** The outcome codes of won and lost deals. */
const outcomes = (c: JourneyColumns) => ({ won: codeOf(c.categories.outcome, 'won'), lost: codeOf(c.categories.outcome, 'lost') });

/** Leads and MQLs: the funnel's first and MQL stages, reached mode, of journeys created in each period. */
function* leadCounts(c: JourneyColumns, selected: Uint32Array, p: KpiPeriods, model: StageModel): Steps<KpiValues> {
  const rows = yield* funnelRows(c, selected, { ...p.current, compare: p.previous, timings: false }, model);
  const mql = model.stages[mqlStage(model)]!.key;
  const at = (period: string, stage: string) => rows.find((r) => r.period === period && r.stage === stage)!;
  const pair = (stage: string, column: string): KpiPair => [num(at('current', stage)[column]), num(at('comparison', stage)[column])];
  return { leads: pair(model.stages[0]!.key, 'reached'), mqls: pair(mql, 'reached'), mql_rate: pair(mql, 'conversion_from_first') };
}

/**
 * Deals closed won or lost in each period (by closed_at): win rate (won ÷ closed), median days from created to
 * closed of those won, and the sum of their known amounts. A period with no closed deal has none of the three.
 */
function* closedDeals(c: JourneyColumns, selected: Uint32Array, p: KpiPeriods): Steps<KpiValues> {
  const { won, lost } = outcomes(c);
  const ranges = [msRange(p.current), msRange(p.previous)];
  const closed = [0, 0];
  const wins = [0, 0];
  const cycles: number[][] = [[], []];
  const revenue = [0, 0];
  const priced = [false, false];
  const codes = c.categories.outcome.codes;
  for (let s = 0; s < selected.length; s++) {
    if ((s & STEP) === STEP) yield;
    const j = selected[s]!;
    const outcome = codes[j]!;
    if (outcome !== won && outcome !== lost) continue;
    const t = c.closed[j]!;
    // The current period first, as the SQL's CASE does (the two never overlap).
    const k = t >= ranges[0]![0] && t < ranges[0]![1] ? 0 : t >= ranges[1]![0] && t < ranges[1]![1] ? 1 : -1;
    if (k < 0) continue;
    closed[k]!++;
    if (outcome !== won) continue;
    wins[k]!++;
    const created = c.created[j]!;
    if (created === created) cycles[k]!.push((t - created) / DAY_MS);
    const amount = c.amount[j]!;
    if (amount === amount) {
      revenue[k]! += amount;
      priced[k] = true;
    }
  }
  const pair = (f: (k: number) => number | null): KpiPair => [closed[0] ? f(0) : null, closed[1] ? f(1) : null];
  return {
    win_rate: pair((k) => wins[k]! / closed[k]!),
    cycle: pair((k) => quantilesOf(Float64Array.from(cycles[k]!), [0.5])[0]!),
    revenue: pair((k) => (priced[k] ? revenue[k]! : null)),
  };
}

/**
 * Sales velocity (metrics/velocity.ts) over deals closed in `range`, as of the end of its last day: journeys
 * whose deepest stage, as of then, is the opportunity stage or later; open ones counted; won ones' mean amount
 * and mean days from reaching the opportunity stage (its earliest time by then, or a later stage's) to closing.
 */
function* velocity(c: JourneyColumns, selected: Uint32Array, range: DayRange, opportunity: number): Steps<number | null> {
  const { won, lost } = outcomes(c);
  const moment = dayStart(nextDay(range.to)) - 1;
  const [from, until] = msRange(range);
  const n = c.stages;
  const codes = c.categories.outcome.codes;
  let open = 0;
  let wins = 0;
  let losses = 0;
  let amounts = 0;
  let priced = 0;
  let days = 0;
  let timed = 0;
  for (let s = 0; s < selected.length; s++) {
    if ((s & STEP) === STEP) yield;
    const j = selected[s]!;
    if (c.deepest[j]! < opportunity) continue;
    // As of the moment: a stage counts when entered by then or at an unknown time; only times by then are known.
    let entered = false;
    let reachedAt = NaN;
    for (let i = opportunity; i < n; i++) {
      const t = c.times[j * n + i]!;
      if (t <= moment) {
        entered = true;
        if (!(t >= reachedAt)) reachedAt = t;
      } else if (c.untimed[j * n + i]) entered = true;
    }
    if (!entered) continue;
    const outcome = codes[j]!;
    const isClosed = outcome === won || outcome === lost;
    const t = c.closed[j]!;
    // A close of unknown time counts as closed.
    if (!(isClosed && (t !== t || t <= moment))) open++;
    if (!(isClosed && t <= moment && t >= from && t < until)) continue;
    if (outcome === lost) {
      losses++;
      continue;
    }
    wins++;
    const amount = c.amount[j]!;
    if (amount === amount) {
      amounts += amount;
      priced++;
    }
    if (reachedAt === reachedAt) {
      days += (t - reachedAt) / DAY_MS;
      timed++;
    }
  }
  if (!(wins + losses) || !priced || !timed || !days) return null;
  return (open * (wins / (wins + losses)) * (amounts / priced)) / (days / timed);
}
