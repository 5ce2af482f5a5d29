/**
 * The funnel computed with plain loops over rows: no SQL, no engine. Tests hold the SQL builder
 * against it. Written from the definition, not from the SQL.
 */
import { DAY, quantile, stageTimes, type RefEvent, type RefJourney as AnyJourney } from './common.ts';

export type { RefEvent };
/** A journey as the funnel tests write it: every field a value or null. */
export interface RefJourney {
  journey_id: string;
  created_at: number | null;
  [field: string]: string | number | null;
}
export interface RefFunnelRow {
  segment: string | null;
  stage: string;
  reached: number;
  conversion_from_previous: number | null;
  conversion_from_first: number | null;
  median_days_from_previous: number | null;
  drop_off: number | null;
  drop_off_rate: number | null;
  p25_days_from_previous: number | null;
  p75_days_from_previous: number | null;
  mean_days_from_previous: number | null;
  timed_from_previous: number | null;
}

export interface RefFunnelOptions {
  by?: string;
  from?: number;
  toExclusive?: number;
  mode?: 'reached' | 'strict';
  windowDays?: number;
}

/** The deepest stage a journey counts at under the mode and window; -1 for none. */
function level(time: (number | null)[], deepest: number, opts: RefFunnelOptions): number {
  const windowMs = opts.windowDays === undefined ? undefined : Math.round(opts.windowDays * DAY);
  if (opts.mode === 'strict') {
    // Every stage 0..k entered at a known time, in order (ties allowed), within the window of stage 0.
    if (time[0] === null) return -1;
    let k = 0;
    while (
      k + 1 < time.length &&
      time[k + 1] !== null &&
      time[k + 1]! >= time[k]! &&
      (windowMs === undefined || time[k + 1]! - time[0]! <= windowMs)
    )
      k++;
    return k;
  }
  if (windowMs === undefined) return deepest;
  // The deepest stage entered at a known time within the window of the journey's earliest known time.
  const known = time.filter((t): t is number => t !== null);
  if (!known.length) return -1;
  const anchor = Math.min(...known);
  let best = -1;
  time.forEach((t, i) => {
    if (t !== null && t - anchor <= windowMs) best = i;
  });
  return best;
}

export function referenceFunnel(stages: string[], journeys: AnyJourney[], events: RefEvent[], opts: RefFunnelOptions = {}): RefFunnelRow[] {
  const inScope = journeys.filter(
    (j) =>
      (opts.from === undefined || (j.created_at !== null && j.created_at >= opts.from)) &&
      (opts.toExclusive === undefined || (j.created_at !== null && j.created_at < opts.toExclusive)),
  );
  // Earliest time per journey and stage; a stage seen with no time still counts as entered.
  const times = stageTimes(stages, events);
  const segments = new Map<string | null, AnyJourney[]>();
  for (const j of inScope) {
    if (!times.has(j.journey_id)) continue;
    const key = opts.by ? ((j[opts.by] as string | null | undefined) ?? null) : null;
    segments.set(key, [...(segments.get(key) ?? []), j]);
  }
  if (!opts.by && !segments.has(null)) segments.set(null, []);

  const rows: RefFunnelRow[] = [];
  for (const [segment, members] of segments) {
    const levels = members.map((j) => {
      const st = times.get(j.journey_id)!;
      return { st, lvl: level(st.time, st.deepest, opts) };
    });
    const reached = stages.map((_, k) => levels.filter((l) => l.lvl >= k).length);
    stages.forEach((stage, k) => {
      const gaps: number[] = [];
      const gapMs: number[] = [];
      if (k > 0) {
        for (const { st, lvl } of levels) {
          const cur = st.time[k];
          const prev = st.time[k - 1];
          if (lvl >= k && cur != null && prev != null) {
            gaps.push((cur - prev) / DAY);
            gapMs.push(cur - prev);
          }
        }
      }
      const prev = k === 0 ? null : reached[k - 1]!;
      rows.push({
        segment,
        stage,
        reached: reached[k]!,
        conversion_from_previous: prev === null || prev === 0 ? null : reached[k]! / prev,
        conversion_from_first: reached[0] === 0 ? null : reached[k]! / reached[0]!,
        median_days_from_previous: quantile(gaps, 0.5),
        drop_off: prev === null ? null : prev - reached[k]!,
        drop_off_rate: prev === null || prev === 0 ? null : (prev - reached[k]!) / prev,
        p25_days_from_previous: quantile(gaps, 0.25),
        p75_days_from_previous: quantile(gaps, 0.75),
        mean_days_from_previous: gapMs.length ? gapMs.reduce((a, b) => a + b, 0) / gapMs.length / DAY : null,
        timed_from_previous: k === 0 ? null : gaps.length,
      });
    });
  }
  return rows;
}
