import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS_SECTIONS, channelsSql, planSql, shapeChannels, shapePlan, type ChannelsSpec, type PlanSpec } from '../../metrics/index.ts';
import { dayMs, type RefData } from '../reference/common.ts';
import { referenceChannels, referencePlan } from '../reference/plan.ts';
import { BATCH, BATCHES, RUNS, STAGES, batchArb, datasetArb, expectSameRows, expectSameSections, metricsEngine, model, runner } from '../reference/datasets.ts';

let engine: Awaited<ReturnType<typeof metricsEngine>>;
let run: ReturnType<typeof runner>;
beforeAll(async () => {
  engine = await metricsEngine();
  run = runner(engine.conn);
});

const PLANS: PlanSpec[] = [{ target: 10_000 }, { target: 1234.5, from: '2024-01-20', to: '2024-03-31' }];
const CHANNELS: ChannelsSpec[] = [{}, { from: '2024-02-10', to: '2024-04-15' }, { by: 'owner' }];

function check(data: RefData) {
  engine.load(data);
  for (const spec of PLANS) {
    expectSameRows(run(planSql(spec, model)), referencePlan(STAGES, data, spec), (r) => String(r.stage), JSON.stringify(spec));
  }
  for (const spec of CHANNELS) {
    const sqls = channelsSql(spec, model);
    const got = Object.fromEntries(CHANNELS_SECTIONS.map((s) => [s, run(sqls[s])]));
    expectSameSections(got, referenceChannels(STAGES, data, spec), (s, r) => `${s}|${r.key}`, JSON.stringify(spec));
  }
}

describe('plan and channels: SQL and the plain-TypeScript reference agree on generated datasets', () => {
  it(`${RUNS} datasets, one at a time × ${PLANS.length} plans, ${CHANNELS.length} channel specs × 3 sections`, () => {
    fc.assert(fc.property(datasetArb, check), { numRuns: RUNS });
  });
  it(`${BATCHES * BATCH} more datasets, ${BATCH} at a time (one load each)`, () => {
    fc.assert(fc.property(batchArb, check), { numRuns: BATCHES });
  });
});

describe('plan and channels: hand-counted', () => {
  const t = dayMs;
  // 10 leads; 4 reach opportunity; 2 won (1000 and 3000). Channels: Web (6 leads, won 1000), Ads (channel empty,
  // source Ads: 4 leads, won 3000). Spend: Web January 600, Ads February 400, Radio January 100 (no leads).
  const journeys = Array.from({ length: 10 }, (_, i) => ({
    journey_id: `j${i}`,
    created_at: t(i < 6 ? '2024-01-10' : '2024-02-10'),
    closed_at: i === 0 || i === 6 ? t('2024-03-01') : null,
    outcome: i === 0 || i === 6 ? 'won' : 'open',
    amount_base: i === 0 ? 1000 : i === 6 ? 3000 : null,
    stage: 'lead',
    channel: i < 6 ? 'Web' : '',
    source: i < 6 ? 'Partner' : 'Ads',
    region: i % 2 ? 'North' : null,
  }));
  const events = journeys.flatMap((j, i) => [
    { journey_id: j.journey_id, stage: 'lead', entered_at: j.created_at },
    ...(i < 5 ? [{ journey_id: j.journey_id, stage: 'mql', entered_at: j.created_at }] : []),
    ...([0, 1, 6, 7].includes(i) ? [{ journey_id: j.journey_id, stage: 'opportunity', entered_at: j.created_at }] : []),
    ...(j.outcome === 'won' ? [{ journey_id: j.journey_id, stage: 'won', entered_at: j.closed_at }] : []),
  ]);
  const spend = [
    { channel: 'Web', month: t('2024-01-01'), amount_base: 600 },
    { channel: 'Ads', month: t('2024-02-01'), amount_base: 400 },
    { channel: 'Radio', month: t('2024-01-01'), amount_base: 100 },
  ];
  beforeAll(() => engine.load({ journeys, events, spend }));

  it('plan: won deals needed from the average deal, and each earlier stage through the measured rates', () => {
    const rows = shapePlan(run(planSql({ target: 20_000 }, model)), { target: 20_000 }, model);
    // Average won deal 2000 → 10 wins. Reached: lead 10, mql 7 (j0–j4, and j6, j7 through opportunity), sql 4,
    // opportunity 4, poc 2, won 2. Each stage needs 10 × reached ÷ 2.
    expect(rows.map((r) => [r.stage, r.reached, r.needed_rounded])).toEqual([
      ['lead', 10, 50],
      ['mql', 7, 35],
      ['sql', 4, 20],
      ['opportunity', 4, 20],
      ['poc', 2, 10],
      ['won', 2, 10],
    ]);
    expect(rows[0]).toMatchObject({ average_won_amount: 2000, won_needed: 10, conversion_to_next: 0.7 });
  });

  it('channels: revenue and share per channel (falling back to source), cost per lead/MQL/win and ROI from spend', () => {
    const sqls = channelsSql({}, model);
    const c = shapeChannels(Object.fromEntries(CHANNELS_SECTIONS.map((s) => [s, run(sqls[s])])) as never, {}, model);
    expect(c.channels.map((r) => [r.channel, r.journeys, r.mqls, r.won, r.revenue, r.revenue_share, r.spend])).toEqual([
      ['Ads', 4, 2, 1, 3000, 0.75, 400],
      ['Web', 6, 5, 1, 1000, 0.25, 600],
      ['Radio', 0, 0, 0, 0, 0, 100],
    ]);
    const web = c.channels[1]!;
    expect([web.cost_per_lead, web.cost_per_mql, web.cost_per_win, web.roi]).toEqual([100, 120, 600, (1000 - 600) / 600]);
    expect(c.channels[2]).toMatchObject({ cost_per_lead: null, roi: -1 });
    expect(c.regions.map((r) => [r.region, r.journeys, r.won])).toEqual([[null, 5, 2], ['North', 5, 0]]);
  });

  it('channels with no spend rows: cost columns are null, not errors', () => {
    engine.load({ journeys, events, spend: [] });
    const c = run(channelsSql({}, model).channels);
    expect(c.every((r) => r.spend === null && r.cost_per_lead === null && r.roi === null)).toBe(true);
    engine.load({ journeys, events, spend });
  });
});
