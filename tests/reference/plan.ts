/** Reverse planning and channel economics with plain loops, from metrics/plan.ts and metrics/channels.ts. */
import { attr, compareText, inDays, mean, periodStart, ratio, stageTimes, type Cell, type RefData, type RefJourney } from './common.ts';

type Row = Record<string, Cell>;

export function referencePlan(stages: string[], data: RefData, opts: { target: number; from?: string; to?: string }): Row[] {
  const scope = data.journeys.filter((j) => inDays(j.created_at, opts));
  const times = stageTimes(stages, data.events);
  const reached = stages.map((_, k) => scope.filter((j) => (times.get(j.journey_id)?.deepest ?? -1) >= k).length);
  const average = mean(scope.filter((j) => j.outcome === 'won' && j.amount_base != null).map((j) => j.amount_base!));
  const wonNeeded = average === null || average === 0 ? null : opts.target / average;
  const last = reached.at(-1)!;
  return stages.map((stage, k) => ({
    stage,
    reached: reached[k]!,
    conversion_to_next: k === stages.length - 1 ? null : ratio(reached[k + 1]!, reached[k]!),
    needed: wonNeeded === null || last === 0 ? null : (wonNeeded * reached[k]!) / last,
    average_won_amount: average,
    won_needed: wonNeeded,
  }));
}

export function referenceChannels(stages: string[], data: RefData, opts: { by?: string; from?: string; to?: string } = {}): Record<'channels' | 'regions' | 'industries', Row[]> {
  const scope = data.journeys.filter((j) => inDays(j.created_at, opts));
  const times = stageTimes(stages, data.events);
  const mqlIndex = stages.indexOf('mql');
  const isMql = (j: RefJourney) => mqlIndex >= 0 && (times.get(j.journey_id)?.deepest ?? -1) >= mqlIndex;
  const won = (j: RefJourney) => j.outcome === 'won';
  const by = opts.by ?? 'channel';
  const channelOf = (j: RefJourney) => (by === 'channel' ? (attr(j, 'channel') || attr(j, 'source')) : attr(j, by));
  // Spend of the months the range touches.
  const fromMonth = opts.from ? periodStart('month', Date.parse(`${opts.from}T00:00:00Z`)) : undefined;
  const spendIn = (data.spend ?? []).filter((s) => (fromMonth === undefined || s.month >= fromMonth) && inDays(s.month, { to: opts.to }));

  const section = (key: (j: RefJourney) => string | null, withSpend: boolean): Row[] => {
    const keys = new Set<string | null>(scope.map(key));
    if (withSpend) for (const s of spendIn) keys.add(s.channel);
    const counts = (list: RefJourney[]) => ({
      journeys: list.length,
      mqls: mqlIndex >= 0 ? list.filter(isMql).length : null,
      won: list.filter(won).length,
      revenue: list.filter((j) => won(j) && j.amount_base != null).reduce((a, j) => a + j.amount_base!, 0),
    });
    const rows = [...keys].map((k) => ({ key: k, list: scope.filter((j) => key(j) === k) }));
    const totalWon = rows.reduce((a, r) => a + r.list.filter(won).length, 0);
    const totalRevenue = rows.reduce((a, r) => a + counts(r.list).revenue, 0);
    const out = rows.map(({ key: k, list }) => {
      const c = counts(list);
      const row: Row = { key: k, ...c, won_share: ratio(c.won, totalWon), revenue_share: ratio(c.revenue, totalRevenue) };
      if (!withSpend) return row;
      const mine = spendIn.filter((s) => s.channel === k);
      const known = mine.map((s) => s.amount_base).filter((a): a is number => a !== null);
      const spend = known.length ? known.reduce((a, b) => a + b, 0) : null;
      const months = new Set(mine.map((s) => s.month));
      const matched = counts(list.filter((j) => j.created_at !== null && months.has(periodStart('month', j.created_at))));
      const per = (n: number | null) => (spend === null || n === null ? null : ratio(spend, n));
      return {
        ...row,
        spend,
        cost_per_lead: per(matched.journeys),
        cost_per_mql: per(matched.mqls),
        cost_per_win: per(matched.won),
        roi: spend === null ? null : ratio(matched.revenue - spend, spend),
      };
    });
    return out.sort(
      (a, b) =>
        (b.revenue as number) - (a.revenue as number) ||
        (b.won as number) - (a.won as number) ||
        (b.journeys as number) - (a.journeys as number) ||
        compareText(a.key as string | null, b.key as string | null),
    );
  };
  return {
    channels: section(channelOf, by === 'channel'),
    regions: section((j) => attr(j, 'region'), false),
    industries: section((j) => attr(j, 'industry'), false),
  };
}
