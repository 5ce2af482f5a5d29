/**
 * The plain funnel (funnelSql with no breakdown, dates, window or filter, in reached mode) counted in plain
 * TypeScript from the stage events, as funnelSql's rows. A page has the stage events in hand well before
 * DuckDB-WASM can run a query (it takes 1.5–3 s to start): counting them itself lets the first funnel be drawn
 * without waiting (widgets/engine/dataset.ts). Pure, like every metric here; the one that runs no SQL, because it
 * runs before the engine can. tests/node/funnel-events.test.ts holds it to funnelSql.
 */
import type { StageModel } from '../model/index.ts';
import { DAY_MS } from './common.ts';

/**
 * Stage events as columns (an Arrow record batch of them, say): journey_key; stage, the index of the stage in the
 * model (-1: a stage outside it); at, when it was entered in ms (NaN: unknown).
 */
export interface EventColumns {
  journey: ArrayLike<number>;
  stage: ArrayLike<number>;
  at: ArrayLike<number>;
}


/** funnelSql's rows for the plain funnel of `journeys` journeys (journey_key 0 … journeys-1), from their stage events. */
export function plainFunnelRows(model: StageModel, journeys: number, events: Iterable<EventColumns>): Record<string, unknown>[] {
  const n = model.stages.length;
  const deepest = new Int8Array(journeys).fill(-1);
  const times = new Float64Array(journeys * n).fill(NaN); // NaN: not entered at a known time
  for (const { journey, stage, at } of events) {
    for (let e = 0; e < journey.length; e++) {
      const j = journey[e]!;
      const i = stage[e]!;
      // As journey_stages: events of other stages, or of no journey in the table, count nowhere.
      if (i < 0 || !(j >= 0 && j < journeys)) continue;
      if (i > deepest[j]!) deepest[j] = i;
      const k = j * n + i;
      if (at[e]! < times[k]! || times[k] !== times[k]) times[k] = at[e]!; // the earliest known time
    }
  }
  const reached = new Float64Array(n);
  for (let j = 0; j < journeys; j++) for (let i = 0; i <= deepest[j]!; i++) reached[i] = reached[i]! + 1;
  // The days from stage i-1 to stage i, of journeys that reached i with both times known.
  const days = model.stages.map((_, i) => new Float64Array(i ? reached[i]! : 0));
  const timed = new Float64Array(n);
  const ms = new Float64Array(n);
  for (let j = 0; j < journeys; j++) {
    for (let i = 1; i <= deepest[j]!; i++) {
      const d = times[j * n + i]! - times[j * n + i - 1]!; // NaN when either time is unknown
      if (d !== d) continue;
      const k = timed[i]!;
      days[i]![k] = d / DAY_MS;
      timed[i] = k + 1;
      ms[i] = ms[i]! + d;
    }
  }
  const ratio = (a: number, b: number) => (b ? a / b : null);
  return model.stages.map((s, i) => {
    const sorted = days[i]!.subarray(0, timed[i]).sort();
    // DuckDB's quantile_cont: between the two nearest values, lo + (hi - lo) × fraction.
    const q = (p: number) => {
      if (!i || !sorted.length) return null;
      const at = p * (sorted.length - 1);
      const lo = sorted[Math.floor(at)]!;
      return lo + (sorted[Math.ceil(at)]! - lo) * (at - Math.floor(at));
    };
    const previous = i ? reached[i - 1]! : NaN;
    // Counts as BigInt, as DuckDB gives them.
    return {
      period: 'current',
      segment: null,
      stage: s.key,
      reached: BigInt(reached[i]!),
      conversion_from_previous: i ? ratio(reached[i]!, previous) : null,
      conversion_from_first: ratio(reached[i]!, reached[0]!),
      median_days_from_previous: q(0.5),
      drop_off: i ? BigInt(previous - reached[i]!) : null,
      drop_off_rate: i ? ratio(previous - reached[i]!, previous) : null,
      p25_days_from_previous: q(0.25),
      p75_days_from_previous: q(0.75),
      mean_days_from_previous: i && timed[i] ? ms[i]! / timed[i]! / DAY_MS : null,
      timed_from_previous: i ? BigInt(timed[i]!) : null,
    };
  });
}
