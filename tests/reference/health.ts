/** Pipeline health and velocity with plain loops, from the definitions in metrics/health.ts and velocity.ts. */
import {
  DAY,
  addPeriods,
  asOfMoment,
  attr,
  compareText,
  dayMs,
  inDays,
  mean,
  periodStart,
  quantile,
  ratio,
  reachedAt,
  stageTimes,
  type Cell,
  type RefData,
  type RefJourney,
  type StageTimes,
  type Unit,
} from './common.ts';

type Row = Record<string, Cell>;

interface State {
  j: RefJourney | undefined;
  st: StageTimes;
  open: boolean;
  /** Per stage: when the journey left it (null: not left or unknown), whether to Lost, ms spent (when measurable). */
  exit: (number | null)[];
  toLost: boolean[];
  ms: (number | null)[];
}

/** Every journey with an event counted as of then, with where it stood. */
export function journeyStates(stages: string[], data: RefData, asOf: number): State[] {
  const byId = new Map(data.journeys.map((j) => [j.journey_id, j]));
  const times = stageTimes(stages, data.events, (e) => e.entered_at === null || e.entered_at <= asOf);
  const out: State[] = [];
  for (const [id, st] of times) {
    const j = byId.get(id);
    const closedBy = j && (j.outcome === 'won' || j.outcome === 'lost') && (j.closed_at == null || j.closed_at <= asOf);
    const open = j !== undefined && !closedBy;
    const lostAt = j && j.outcome === 'lost' && j.closed_at != null && j.closed_at <= asOf ? j.closed_at : null;
    const exit: (number | null)[] = [];
    const toLost: boolean[] = [];
    const ms: (number | null)[] = [];
    stages.forEach((_, i) => {
      let x: number | null = null;
      let lost = false;
      if (st.entered[i]) {
        const next = st.entered.findIndex((e, k) => k > i && e);
        if (next >= 0) x = st.time[next]!;
        else if (lostAt !== null) {
          x = lostAt;
          lost = true;
        }
      }
      exit.push(x);
      toLost.push(lost);
      const t = st.time[i]!;
      ms.push(x !== null && t !== null && x - t >= 0 ? x - t : null);
    });
    out.push({ j, st, open, exit, toLost, ms });
  }
  return out;
}

export function referenceHealth(
  stages: string[],
  data: RefData,
  opts: { unit?: Unit; from?: string; to?: string; k?: number; asOf?: string } = {},
): Record<'flow' | 'time_in_stage' | 'stagnant', Row[]> {
  const unit = opts.unit ?? 'month';
  const k = opts.k ?? 2;
  const asOf = asOfMoment(data, opts.asOf);
  // With no timestamp at all there is no as-of moment, but events with no time still count.
  const states = journeyStates(stages, data, asOf ?? -Infinity);

  // Flow: entering a stage, leaving it onward, leaving it to Lost, at known times in range.
  const happenings: { at: number; i: number; kind: 'inflow' | 'advanced' | 'lost' }[] = [];
  for (const s of states) {
    stages.forEach((_, i) => {
      const t = s.st.time[i]!;
      if (t !== null && inDays(t, opts)) happenings.push({ at: t, i, kind: 'inflow' });
      const x = s.exit[i]!;
      if (x !== null && inDays(x, opts)) happenings.push({ at: x, i, kind: s.toLost[i] ? 'lost' : 'advanced' });
    });
  }
  const flow: Row[] = [];
  const first = opts.from ? periodStart(unit, dayMs(opts.from)) : happenings.length ? periodStart(unit, Math.min(...happenings.map((h) => h.at))) : null;
  const last = opts.to ? periodStart(unit, dayMs(opts.to)) : happenings.length ? periodStart(unit, Math.max(...happenings.map((h) => h.at))) : null;
  if (first !== null && last !== null) {
    for (let n = 0; addPeriods(unit, first, n) <= last; n++) {
      const p = addPeriods(unit, first, n);
      stages.forEach((stage, i) => {
        const here = happenings.filter((h) => h.i === i && periodStart(unit, h.at) === p);
        const count = (kind: string) => here.filter((h) => h.kind === kind).length;
        const [inflow, advanced, lost] = [count('inflow'), count('advanced'), count('lost')];
        flow.push({ period: p, stage, inflow, advanced, lost, outflow: advanced + lost, net: inflow - advanced - lost });
      });
    }
  }

  const medians: (number | null)[] = [];
  const timeInStage: Row[] = stages.map((stage, i) => {
    const ms = states.map((s) => s.ms[i]!).filter((m): m is number => m !== null);
    medians.push(quantile(ms, 0.5));
    const days = (v: number | null) => (v === null ? null : v / DAY);
    return {
      stage,
      journeys: ms.length,
      p25_days: days(quantile(ms, 0.25)),
      median_days: days(quantile(ms, 0.5)),
      p75_days: days(quantile(ms, 0.75)),
      mean_days: days(mean(ms)),
      open_now: states.filter((s) => s.open && s.st.deepest === i).length,
    };
  });

  const stagnant: Row[] = [];
  for (const s of states) {
    if (!s.open || asOf === null) continue;
    const i = s.st.deepest;
    const entered = s.st.time[i]!;
    const median = medians[i]!;
    if (entered === null || median === null) continue;
    const ms = asOf! - entered;
    if (!(ms > k * median)) continue;
    stagnant.push({
      journey_id: s.j!.journey_id,
      name: attr(s.j, 'name'),
      owner: attr(s.j, 'owner'),
      stage: stages[i]!,
      entered_at: entered,
      days_in_stage: ms / DAY,
      median_days: median / DAY,
      ratio: median === 0 ? null : ms / median,
      amount: s.j?.amount_base ?? null,
    });
  }
  stagnant.sort(
    (a, b) =>
      (a.ratio === null ? 1 : 0) - (b.ratio === null ? 1 : 0) ||
      (b.ratio as number) - (a.ratio as number) ||
      (b.days_in_stage as number) - (a.days_in_stage as number) ||
      compareText(a.journey_id as string, b.journey_id as string),
  );
  return { flow, time_in_stage: timeInStage, stagnant };
}

export function referenceVelocity(
  stages: string[],
  data: RefData,
  opts: { by?: string; stage?: string; from?: string; to?: string; asOf?: string } = {},
): Row[] {
  const opp = stages.indexOf(opts.stage ?? 'opportunity');
  const asOf = asOfMoment(data, opts.asOf);
  const states = journeyStates(stages, data, asOf ?? -Infinity).filter((s) => s.j && s.st.deepest >= opp);
  const groups = new Map<string | null, State[]>();
  for (const s of states) {
    const key = attr(s.j, opts.by);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  if (!opts.by && !groups.size) groups.set(null, []);
  const rows: Row[] = [];
  for (const [segment, list] of groups) {
    const closedIn = (s: State) =>
      (s.j!.outcome === 'won' || s.j!.outcome === 'lost') && s.j!.closed_at != null && s.j!.closed_at <= (asOf ?? -Infinity) && inDays(s.j!.closed_at, opts);
    const won = list.filter((s) => closedIn(s) && s.j!.outcome === 'won');
    const lost = list.filter((s) => closedIn(s) && s.j!.outcome === 'lost').length;
    const open = list.filter((s) => s.open).length;
    const winRate = ratio(won.length, won.length + lost);
    const amount = mean(won.map((s) => s.j!.amount_base).filter((a): a is number => a != null));
    const cycles = won
      .map((s) => ({ from: reachedAt(s.st, opp), to: s.j!.closed_at! }))
      .filter((c): c is { from: number; to: number } => c.from !== null)
      .map((c) => (c.to - c.from) / DAY);
    const cycle = mean(cycles);
    const velocity = winRate === null || amount === null || cycle === null || cycle === 0 ? null : (open * winRate * amount) / cycle;
    rows.push({ segment, open_opportunities: open, won: won.length, lost, win_rate: winRate, average_won_amount: amount, average_cycle_days: cycle, velocity_per_day: velocity });
  }
  return rows;
}
