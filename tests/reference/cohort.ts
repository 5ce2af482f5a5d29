/** Cohorts with plain loops, from the definition in metrics/cohort.ts's header and README. */
import { addPeriods, asOfMoment, attr, inDays, periodStart, periodsBetween, reachedAt, stageTimes, type RefData, type Unit } from './common.ts';

export interface RefCohortRow {
  segment: string | null;
  cohort: number;
  period: number;
  size: number;
  reached: number;
  share: number | null;
  revenue_won: number;
  complete: boolean;
}

export function referenceCohort(
  stages: string[],
  data: RefData,
  opts: { unit?: Unit; stage?: string; by?: string; from?: string; to?: string; asOf?: string } = {},
): RefCohortRow[] {
  const unit = opts.unit ?? 'month';
  const target = stages.indexOf(opts.stage ?? stages.at(-1)!);
  const asOf = asOfMoment(data, opts.asOf);
  if (asOf === null) return [];
  const times = stageTimes(stages, data.events, (e) => e.entered_at === null || e.entered_at <= asOf);
  const cohorts = new Map<string, { segment: string | null; cohort: number; members: typeof data.journeys }>();
  for (const j of data.journeys) {
    if (j.created_at === null || j.created_at > asOf || !inDays(j.created_at, opts)) continue;
    const segment = attr(j, opts.by);
    const cohort = periodStart(unit, j.created_at);
    const key = JSON.stringify([segment, cohort]);
    const c = cohorts.get(key) ?? { segment, cohort, members: [] };
    c.members.push(j);
    cohorts.set(key, c);
  }
  const rows: RefCohortRow[] = [];
  for (const { segment, cohort, members } of cohorts.values()) {
    // Shown: periods begun by as_of. Complete: periods whose last millisecond is at or before as_of.
    for (let n = 0; addPeriods(unit, cohort, n) <= asOf; n++) {
      const end = addPeriods(unit, cohort, n + 1);
      let reached = 0;
      let revenue = 0;
      for (const j of members) {
        const t = reachedAt(times.get(j.journey_id), target);
        if (t !== null && t < end) reached++;
        if (j.outcome === 'won' && j.closed_at != null && j.closed_at <= asOf && j.closed_at < end && j.amount_base != null) revenue += j.amount_base;
      }
      rows.push({ segment, cohort, period: n, size: members.length, reached, share: reached / members.length, revenue_won: revenue, complete: end - 1 <= asOf });
    }
  }
  return rows;
}
// periodsBetween is exported for tests that check period arithmetic on its own.
export { periodsBetween };
