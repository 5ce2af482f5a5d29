import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { WINLOSS_SECTIONS, shapeWinloss, winlossSql, type WinlossSpec } from '../../metrics/index.ts';
import { dayMs, type RefData } from '../reference/common.ts';
import { referenceWinloss } from '../reference/winloss.ts';
import { BATCH, BATCHES, RUNS, STAGES, batchArb, datasetArb, expectSameSections, metricsEngine, model, runner } from '../reference/datasets.ts';

let engine: Awaited<ReturnType<typeof metricsEngine>>;
let run: ReturnType<typeof runner>;
beforeAll(async () => {
  engine = await metricsEngine();
  run = runner(engine.conn);
});

type Opts = Parameters<typeof referenceWinloss>[2];
const CASES: [WinlossSpec, Opts][] = [
  [{}, {}],
  [{ by: 'owner', by2: 'region', period: 'week', from: '2024-01-15', to: '2024-04-30' }, { by: 'owner', by2: 'region', unit: 'week', from: '2024-01-15', to: '2024-04-30' }],
];
const KEYS: Record<string, (r: Record<string, unknown>) => string> = {
  rates: (r) => `${r.segment}|${r.segment2}`,
  reasons: (r) => `${r.segment}|${r.loss_reason}`,
  poc_reasons: (r) => `${r.segment}|${r.loss_reason}`,
  deals: (r) => `${r.segment}|${r.outcome}`,
  trend: (r) => `${r.segment}|${r.period}`,
  poc: (r) => `${r.segment}|${r.poc_result}`,
};

function check(data: RefData, cases: [WinlossSpec, Opts][]) {
  engine.load(data);
  for (const [spec, opts] of cases) {
    const sqls = winlossSql(spec, model);
    const got = Object.fromEntries(WINLOSS_SECTIONS.map((s) => [s, run(sqls[s])]));
    expectSameSections(got, referenceWinloss(STAGES, data, opts), (s, r) => KEYS[s]!(r), JSON.stringify(spec));
  }
}

describe('win-loss: SQL and the plain-TypeScript reference agree on generated datasets', () => {
  it(`${RUNS} datasets, one at a time × ${CASES.length} specs × ${WINLOSS_SECTIONS.length} sections`, () => {
    fc.assert(fc.property(datasetArb, (d) => check(d, CASES)), { numRuns: RUNS });
  });
  it(`${BATCHES * BATCH} more datasets, ${BATCH} at a time (by team)`, () => {
    const byTeam = CASES.map(([s, o]) => [{ ...s, by: 'team' }, { ...o, by: 'team' }] as [WinlossSpec, Opts]);
    fc.assert(fc.property(batchArb, (d) => check(d, byTeam)), { numRuns: BATCHES });
  });
});

describe('win-loss: hand-counted', () => {
  const j = (id: string, outcome: string, created: string, closed: string | null, amount: number | null, extra: Record<string, string | null> = {}) => ({
    journey_id: id, created_at: dayMs(created), closed_at: closed ? dayMs(closed) : null, outcome, amount_base: amount, stage: 'lead', ...extra,
  });
  // Ann: won 2 (100, 300), lost 1 (price). Bo: lost 3 (price, timing, none), one after a POC that failed.
  const data: RefData = {
    journeys: [
      j('a1', 'won', '2024-01-01', '2024-01-11', 100, { owner: 'Ann' }),
      j('a2', 'won', '2024-01-01', '2024-02-01', 300, { owner: 'Ann', poc_result: 'pass' }),
      j('a3', 'lost', '2024-01-05', '2024-01-25', 50, { owner: 'Ann', loss_reason: 'price' }),
      j('b1', 'lost', '2024-01-10', '2024-02-09', null, { owner: 'Bo', loss_reason: 'price', poc_result: 'fail' }),
      j('b2', 'lost', '2024-01-10', '2024-02-19', 20, { owner: 'Bo', loss_reason: 'timing' }),
      j('b3', 'lost', '2024-01-10', null, 10, { owner: 'Bo' }),
      j('o1', 'open', '2024-01-10', null, 999, { owner: 'Bo' }),
    ],
    events: [],
  };
  beforeAll(() => engine.load(data));
  const winloss = (spec: WinlossSpec) => {
    const sqls = winlossSql(spec, model);
    return shapeWinloss(Object.fromEntries(WINLOSS_SECTIONS.map((s) => [s, run(sqls[s])])) as never, spec, model);
  };

  it('win rate overall and per owner; loss reasons as a Pareto', () => {
    const all = winloss({});
    expect(all.rates).toEqual([{ won: 2, lost: 4, win_rate: 2 / 6 }]);
    expect(all.reasons.map((r) => [r.loss_reason, r.lost, r.cumulative_share])).toEqual([['price', 2, 0.5], ['timing', 1, 0.75], [null, 1, 1]]);
    const by = winloss({ by: 'owner' });
    expect(by.rates.map((r) => [r.owner, r.won, r.lost, r.win_rate])).toEqual([['Ann', 2, 1, 2 / 3], ['Bo', 0, 3, 0]]);
  });

  it('deal size and cycle days, won vs lost; win rate by close month; POC results', () => {
    const all = winloss({});
    const won = all.deals.find((r) => r.outcome === 'won')!;
    // Won amounts 100, 300 → median 200; cycles 10 and 31 days → mean 20.5.
    expect([won.deals, won.amount_median, won.amount_p25, won.cycle_days_mean]).toEqual([2, 200, 150, 20.5]);
    const lost = all.deals.find((r) => r.outcome === 'lost')!;
    // Lost amounts 50, 20, 10 (b1 unknown) → median 20; cycles 20, 30, 40 days (b3 never dated).
    expect([lost.deals, lost.amount_n, lost.amount_median, lost.cycle_days_n, lost.cycle_days_median]).toEqual([4, 3, 20, 3, 30]);
    expect(all.trend.map((r) => [r.period, r.won, r.lost])).toEqual([['2024-01-01', 1, 1], ['2024-02-01', 1, 2]]);
    expect(all.poc.map((r) => [r.poc_result, r.won, r.lost])).toEqual([['fail', 0, 1], ['pass', 1, 0]]);
    expect(all.poc_reasons.map((r) => [r.loss_reason, r.lost])).toEqual([['price', 1]]);
  });

  it('a range keeps deals closed in it; no closed deals gives a null win rate, not NaN', () => {
    expect(winloss({ from: '2024-02-01', to: '2024-02-29' }).rates).toEqual([{ won: 1, lost: 2, win_rate: 1 / 3 }]);
    expect(winloss({ from: '2030-01-01' }).rates).toEqual([{ won: 0, lost: 0, win_rate: null }]);
    expect(() => winlossSql({ by2: 'region' }, model)).toThrow(/by2 needs by/);
  });
});
