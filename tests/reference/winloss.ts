/** Win-loss with plain loops, from the definitions in metrics/winloss.ts. */
import { DAY, attr, compareText, groupBy, inDays, mean, periodStart, quantile, ratio, stageTimes, type Cell, type RefData, type RefJourney, type Unit } from './common.ts';

type Row = Record<string, Cell>;

function rate(list: RefJourney[]): Row {
  const won = list.filter((j) => j.outcome === 'won').length;
  const lost = list.length - won;
  return { won, lost, win_rate: ratio(won, won + lost) };
}
function pareto(segment: string | null, lost: RefJourney[]): Row[] {
  const counts = [...groupBy(lost, (j) => attr(j, 'loss_reason')).entries()].map(([reason, l]) => ({ reason, n: l.length }));
  counts.sort((a, b) => b.n - a.n || compareText(a.reason, b.reason));
  let running = 0;
  return counts.map(({ reason, n }) => {
    running += n;
    return { segment, loss_reason: reason, lost: n, share: n / lost.length, cumulative_share: running / lost.length };
  });
}
function stats(values: number[], name: string): Row {
  return {
    [`${name}_n`]: values.length,
    [`${name}_p25`]: quantile(values, 0.25),
    [`${name}_median`]: quantile(values, 0.5),
    [`${name}_p75`]: quantile(values, 0.75),
    [`${name}_mean`]: mean(values),
  };
}

export function referenceWinloss(
  stages: string[],
  data: RefData,
  opts: { by?: string; by2?: string; from?: string; to?: string; unit?: Unit } = {},
): Record<'rates' | 'reasons' | 'deals' | 'trend' | 'poc' | 'poc_reasons', Row[]> {
  const closed = data.journeys.filter((j) => (j.outcome === 'won' || j.outcome === 'lost') && inDays(j.closed_at, opts));
  const seg = (j: RefJourney) => attr(j, opts.by);
  const poc = stages.indexOf('poc');
  const times = stageTimes(stages, data.events);
  const throughPoc = (j: RefJourney) => (poc >= 0 && (times.get(j.journey_id)?.deepest ?? -1) >= poc) || attr(j, 'poc_result') !== null;

  const rates: Row[] = [];
  if (!opts.by) rates.push(rate(closed));
  else
    for (const [s, list] of groupBy(closed, seg)) {
      if (!opts.by2) rates.push({ segment: s, ...rate(list) });
      else for (const [s2, l2] of groupBy(list, (j) => attr(j, opts.by2))) rates.push({ segment: s, segment2: s2, ...rate(l2) });
    }

  const reasons: Row[] = [];
  const pocReasons: Row[] = [];
  const deals: Row[] = [];
  const trend: Row[] = [];
  const pocRows: Row[] = [];
  for (const [s, list] of groupBy(closed, seg)) {
    const lost = list.filter((j) => j.outcome !== 'won');
    if (lost.length) reasons.push(...pareto(s, lost));
    const lostPoc = lost.filter(throughPoc);
    if (lostPoc.length) pocReasons.push(...pareto(s, lostPoc));
    for (const outcome of ['won', 'lost']) {
      const of = list.filter((j) => j.outcome === outcome);
      if (!of.length) continue;
      const amounts = of.map((j) => j.amount_base).filter((a): a is number => a != null);
      const cycles = of.filter((j) => j.closed_at != null && j.created_at !== null).map((j) => (j.closed_at! - j.created_at!) / DAY);
      deals.push({ segment: s, outcome, deals: of.length, ...stats(amounts, 'amount'), ...stats(cycles, 'cycle_days') });
    }
    const dated = list.filter((j) => j.closed_at != null);
    for (const [p, l] of groupBy(dated, (j) => String(periodStart(opts.unit ?? 'month', j.closed_at!)))) trend.push({ segment: s, period: Number(p), ...rate(l) });
    for (const [r, l] of groupBy(list.filter(throughPoc), (j) => attr(j, 'poc_result'))) pocRows.push({ segment: s, poc_result: r, journeys: l.length, ...rate(l) });
  }
  return { rates, reasons, deals, trend, poc: pocRows, poc_reasons: pocReasons };
}
