/**
 * The funnel counted in plain TypeScript from the journeys as typed arrays (metrics/journey-columns.ts): funnelSql's
 * rows, in the same order, for any spec. A page counts its funnels itself: the plain funnel from the stage events
 * alone, before DuckDB-WASM has started (it takes 1.5–3 s), and every funnel of a cross-filter click in tens of
 * ms, where DuckDB took 0.2–0.5 s. tests/node/funnel-columns.test.ts holds it to funnelSql.
 */
import { parse } from '../model/schema.ts';
import type { Dimension, StageModel } from '../model/index.ts';
import { DAY_MS, compareText, quantilesOf } from './common.ts';
import { funnelSpecSchema, type FunnelSpec } from './funnel.ts';
import { msRange, type Category, type JourneyColumns, type StageFacts } from './journey-columns.ts';
import { STEP, type Steps } from './steps.ts';

/** What a funnel reads: the stage facts always; the journeys' own columns for a breakdown or dates. */
export type FunnelColumns = StageFacts & Partial<Pick<JourneyColumns, 'created' | 'categories'>>;

/** One aggregate of funnelSql: a period and segment, its counts per stage and the days between stages. */
interface Group {
  period: string;
  segment: string | null;
  reached: Float64Array;
  /** Per stage i ≥ 1, the days from stage i − 1, of journeys counted at i with both times known (the first `timed[i]`). */
  days: Float64Array[];
  timed: Float64Array;
  ms: Float64Array;
}

/**
 * funnelSql's rows over the `selected` journeys (row numbers; null: every journey), in steps (metrics/steps.ts).
 * Counts are BigInt, as DuckDB gives them. Throws when the spec needs columns `c` lacks.
 */
export function* funnelRows(c: FunnelColumns, selected: Uint32Array | null, specInput: FunnelSpec, model: StageModel): Steps<Record<string, unknown>[]> {
  const spec = parse(funnelSpecSchema, specInput);
  const n = model.stages.length;
  const windowMs = spec.window_days === undefined ? undefined : Math.round(spec.window_days * DAY_MS);
  const strict = spec.mode === 'strict';
  const timings = spec.timings !== false;
  const periods: [string, [number, number] | null][] = [['current', spec.from || spec.to ? msRange(spec) : null]];
  if (spec.compare) periods.push(['comparison', msRange(spec.compare)]);
  const category: Category | undefined = spec.by ? columnOf(c, spec.by) : undefined;
  if (periods.some(([, range]) => range) && !c.created) throw new Error('internal: a funnel over dates needs the journeys read');
  const { deepest, times } = c;
  const count = selected ? selected.length : c.journeys;

  // Each journey's level under the mode (-1: none; -2: no stage entered, in no aggregate), once for every period.
  const level = new Int8Array(count);
  const plain = !strict && windowMs === undefined;
  for (let s = 0; s < count; s++) {
    if ((s & STEP) === STEP) yield;
    const j = selected ? selected[s]! : s;
    const d = deepest[j]!;
    level[s] = d < 0 ? -2 : plain ? d : levelOf(times, j * n, n, strict, windowMs);
  }

  const groups: Group[] = [];
  const group = new Int32Array(count); // each journey's group in the period (-1: none)
  for (const [period, range] of periods) {
    // Groups by segment code + 1 (no value: 0); without a breakdown, one group that exists even when empty.
    const mine: Group[] = [];
    const byCode = new Int32Array(category ? category.values.length + 1 : 1).fill(-1);
    const make = (code: number) => {
      mine.push({ period, segment: category && code >= 0 ? category.values[code]! : null, reached: new Float64Array(n), days: [], timed: new Float64Array(n), ms: new Float64Array(n) });
      return (byCode[code + 1] = mine.length - 1);
    };
    if (!category) make(-1);
    const created = c.created;
    for (let s = 0; s < count; s++) {
      if ((s & STEP) === STEP) yield;
      const lvl = level[s]!;
      const j = selected ? selected[s]! : s;
      if (lvl === -2 || (range && !(created![j]! >= range[0] && created![j]! < range[1]))) {
        group[s] = -1;
        continue;
      }
      const code = category ? category.codes[j]! : -1;
      const g = byCode[code + 1]! >= 0 ? byCode[code + 1]! : make(code);
      group[s] = g;
      const reached = mine[g]!.reached;
      for (let i = 0; i <= lvl; i++) reached[i]!++;
    }
    if (timings) {
      // The days between stages, into arrays sized by the counts (a journey counted at i may have no time).
      for (const g of mine) g.days = Array.from({ length: n }, (_, i) => new Float64Array(i ? g.reached[i]! : 0));
      for (let s = 0; s < count; s++) {
        if ((s & STEP) === STEP) yield;
        const g = group[s]!;
        if (g < 0) continue;
        const { days, timed, ms } = mine[g]!;
        const at = (selected ? selected[s]! : s) * n;
        for (let i = 1; i <= level[s]!; i++) {
          const d = times[at + i]! - times[at + i - 1]!; // NaN when either time is unknown
          if (d !== d) continue;
          days[i]![timed[i]!++] = d / DAY_MS;
          ms[i]! += d;
        }
      }
    }
    groups.push(...mine.sort(bySize));
  }
  const rows: Record<string, unknown>[] = [];
  for (const g of groups) rows.push(...(yield* rowsOf(g, model, timings)));
  return rows;
}

/**
 * The level a journey reaches (funnelSql's levelSql) from its stage times at [at, at + n), in strict mode or
 * within a window. Comparisons with NaN are false: an unknown time is in order with nothing and within no window,
 * as NULL in the SQL.
 */
function levelOf(times: Float64Array, at: number, n: number, strict: boolean, windowMs: number | undefined): number {
  const limit = windowMs ?? Infinity;
  if (strict) {
    const t0 = times[at]!;
    if (t0 !== t0) return -1;
    // Each stage entered at a known time, no earlier than the one before (and within the window of the first).
    for (let i = 1; i < n; i++) if (!(times[at + i]! >= times[at + i - 1]! && times[at + i]! - t0 <= limit)) return i - 1;
    return n - 1;
  }
  // The deepest stage entered within the window of the earliest known stage time.
  let anchor = NaN;
  for (let i = 0; i < n; i++) if (times[at + i]! < anchor || anchor !== anchor) anchor = times[at + i]!;
  for (let i = n - 1; i >= 0; i--) if (times[at + i]! - anchor <= limit) return i;
  return -1;
}

/** funnelSql's order within a period: most journeys at the first stage first, then the segment (no value last). */
function bySize(a: Group, b: Group): number {
  return b.reached[0]! - a.reached[0]! || compareText(a.segment, b.segment);
}

/** The rows of one group, stage by stage, as funnelSql's final SELECT; a step after each stage's quartiles. */
function* rowsOf(g: Group, model: StageModel, timings: boolean): Steps<Record<string, unknown>[]> {
  const r = g.reached;
  const ratio = (a: number, b: number) => (b ? a / b : null);
  const rows: Record<string, unknown>[] = [];
  for (const [i, s] of model.stages.entries()) {
    if (timings && i) yield; // quartiles of up to every journey: ~40 ms at a million
    const k = g.timed[i]!;
    const [p25, median, p75] = timings && i ? quantilesOf(g.days[i]!.subarray(0, k), [0.25, 0.5, 0.75]) : [null, null, null];
    const timed = (v: number | null) => (timings && i ? v : null);
    rows.push({
      period: g.period,
      segment: g.segment,
      stage: s.key,
      reached: BigInt(r[i]!),
      conversion_from_previous: i ? ratio(r[i]!, r[i - 1]!) : null,
      conversion_from_first: ratio(r[i]!, r[0]!),
      median_days_from_previous: timed(median!),
      drop_off: i ? BigInt(r[i - 1]! - r[i]!) : null,
      drop_off_rate: i ? ratio(r[i - 1]! - r[i]!, r[i - 1]!) : null,
      p25_days_from_previous: timed(p25!),
      p75_days_from_previous: timed(p75!),
      mean_days_from_previous: timed(k ? g.ms[i]! / k / DAY_MS : null),
      timed_from_previous: timings && i ? BigInt(k) : null,
    });
  }
  return rows;
}

function columnOf(c: FunnelColumns, d: Dimension): Category {
  if (!c.categories) throw new Error('internal: a funnel broken down needs the journeys read');
  return c.categories[d];
}
