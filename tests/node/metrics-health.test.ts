import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_SECTIONS, healthSql, shapeHealth, shapeVelocity, velocitySql, type HealthSpec, type VelocitySpec } from '../../metrics/index.ts';
import { dayMs, type RefData } from '../reference/common.ts';
import { referenceHealth, referenceVelocity } from '../reference/health.ts';
import { BATCH, BATCHES, RUNS, STAGES, batchArb, datasetArb, expectSameRows, expectSameSections, metricsEngine, model, runner } from '../reference/datasets.ts';

let engine: Awaited<ReturnType<typeof metricsEngine>>;
let run: ReturnType<typeof runner>;
beforeAll(async () => {
  engine = await metricsEngine();
  run = runner(engine.conn);
});

type HOpts = Parameters<typeof referenceHealth>[2];
type VOpts = Parameters<typeof referenceVelocity>[2];
const HEALTH: [HealthSpec, HOpts][] = [
  [{}, {}],
  [{ period: 'week', k: 1.5, as_of: '2024-03-20', from: '2024-01-08', to: '2024-04-30' }, { unit: 'week', k: 1.5, asOf: '2024-03-20', from: '2024-01-08', to: '2024-04-30' }],
];
const VELOCITY: [VelocitySpec, VOpts][] = [
  [{}, {}],
  [{ by: 'owner', stage: 'sql', from: '2024-02-01', as_of: '2024-04-10' }, { by: 'owner', stage: 'sql', from: '2024-02-01', asOf: '2024-04-10' }],
];
const KEYS: Record<string, (r: Record<string, unknown>) => string> = {
  flow: (r) => `${r.period}|${r.stage}`,
  time_in_stage: (r) => String(r.stage),
  stagnant: (r) => String(r.journey_id),
};

function check(data: RefData, velocity: [VelocitySpec, VOpts][]) {
  engine.load(data);
  for (const [spec, opts] of HEALTH) {
    const sqls = healthSql(spec, model);
    const got = Object.fromEntries(HEALTH_SECTIONS.map((s) => [s, run(sqls[s])]));
    const want = referenceHealth(STAGES, data, opts);
    expectSameSections(got, want, (s, r) => KEYS[s]!(r), JSON.stringify(spec));
    // The stagnation list is ordered: most stuck first.
    if (got.stagnant!.length === want.stagnant.length) expect(got.stagnant!.map((r) => r.journey_id)).toEqual(want.stagnant.map((r) => r.journey_id));
  }
  for (const [spec, opts] of velocity) {
    expectSameRows(run(velocitySql(spec, model)), referenceVelocity(STAGES, data, opts), (r) => String(r.segment), JSON.stringify(spec));
  }
}

describe('health and velocity: SQL and the plain-TypeScript reference agree on generated datasets', () => {
  it(`${RUNS} datasets, one at a time × ${HEALTH.length} health specs × 3 sections, ${VELOCITY.length} velocity specs`, () => {
    fc.assert(fc.property(datasetArb, (d) => check(d, VELOCITY)), { numRuns: RUNS });
  });
  it(`${BATCHES * BATCH} more datasets, ${BATCH} at a time (velocity by team; health over the whole load)`, () => {
    const byTeam = VELOCITY.map(([s, o]) => [{ ...s, by: 'team' }, { ...o, by: 'team' }] as [VelocitySpec, VOpts]);
    fc.assert(fc.property(batchArb, (d) => check(d, byTeam)), { numRuns: BATCHES });
  });
});

describe('health and velocity: hand-counted', () => {
  const t = dayMs;
  // Time in lead: a 2 days, b 4 days, c 6 days → median 4. e has been in lead since 01-01: 30 days by 01-31.
  // d: opportunity since 01-21 (10 days; nobody has left opportunity, so no median: not listed).
  const data: RefData = {
    journeys: [
      { journey_id: 'a', name: 'A', owner: 'Ann', created_at: t('2024-01-01'), closed_at: t('2024-01-20'), outcome: 'won', amount_base: 1000, stage: 'won' },
      { journey_id: 'b', name: 'B', owner: 'Ann', created_at: t('2024-01-02'), closed_at: t('2024-01-10'), outcome: 'lost', amount_base: 500, stage: 'opportunity' },
      { journey_id: 'c', name: 'C', owner: 'Bo', created_at: t('2024-01-03'), closed_at: t('2024-01-09'), outcome: 'lost', amount_base: null, stage: 'lead' },
      { journey_id: 'd', name: 'D', owner: 'Bo', created_at: t('2024-01-04'), closed_at: null, outcome: 'open', amount_base: 700, stage: 'opportunity' },
      { journey_id: 'e', name: '客户 E', owner: '王伟', created_at: t('2024-01-01'), closed_at: null, outcome: 'open', amount_base: null, stage: 'lead' },
    ],
    events: [
      { journey_id: 'a', stage: 'lead', entered_at: t('2024-01-01') },
      { journey_id: 'a', stage: 'opportunity', entered_at: t('2024-01-03') },
      { journey_id: 'a', stage: 'won', entered_at: t('2024-01-20') },
      { journey_id: 'b', stage: 'lead', entered_at: t('2024-01-02') },
      { journey_id: 'b', stage: 'opportunity', entered_at: t('2024-01-06') },
      { journey_id: 'c', stage: 'lead', entered_at: t('2024-01-03') },
      { journey_id: 'd', stage: 'lead', entered_at: t('2024-01-04') },
      { journey_id: 'd', stage: 'opportunity', entered_at: t('2024-01-21') },
      { journey_id: 'e', stage: 'lead', entered_at: t('2024-01-01') },
    ],
  };
  beforeAll(() => engine.load(data));
  const health = (spec: HealthSpec) => {
    const sqls = healthSql(spec, model);
    return shapeHealth(Object.fromEntries(HEALTH_SECTIONS.map((s) => [s, run(sqls[s])])) as never, spec, model, 'en');
  };

  it('time in stage, and the stagnation list as of a day', () => {
    // As of the end of 01-31 (just under 31 days for e). Lead: a 2, b 4, c 6 (to lost), d 17 → median 5.
    const h = health({ as_of: '2024-01-31' });
    const lead = h.time_in_stage.find((r) => r.stage === 'lead')!;
    expect([lead.journeys, lead.median_days, lead.mean_days, lead.open_now]).toEqual([4, 5, 7.25, 1]);
    expect(h.stagnant.map((r) => [r.journey_id, r.name, r.owner, r.stage])).toEqual([['e', '客户 E', '王伟', 'lead']]);
    expect(h.stagnant[0]!.days_in_stage).toBeCloseTo(31 - 1 / 86_400_000, 9);
    // Opportunity: a 17 days (to won), b 4 days (to lost) → median 10.5; d's 11 days are not over 2 × 10.5.
    expect(h.time_in_stage.find((r) => r.stage === 'opportunity')!.median_days).toBe(10.5);
    // k = 1: d (11 − ε > 10.5) is stagnant too, after e (ratio 6.2).
    expect(health({ as_of: '2024-01-31', k: 1 }).stagnant.map((r) => r.journey_id)).toEqual(['e', 'd']);
  });

  it('flow: entering and leaving each stage per month', () => {
    const jan = health({}).flow.filter((r) => r.period === '2024-01-01');
    const row = (stage: string) => jan.find((r) => r.stage === stage)!;
    expect([row('lead').inflow, row('lead').advanced, row('lead').lost]).toEqual([5, 3, 1]);
    expect([row('opportunity').inflow, row('opportunity').advanced, row('opportunity').lost, row('opportunity').net]).toEqual([3, 1, 1, 1]);
  });

  it('velocity: open opportunities × win rate × average won deal ÷ average cycle days', () => {
    const [v] = shapeVelocity(run(velocitySql({}, model)), {}, model);
    // Open opportunities: d. Reached opportunity and closed: a won, b lost → 1/2. Won deal 1000, cycle 01-03 → 01-20 = 17 days.
    expect(v).toEqual({ open_opportunities: 1, won: 1, lost: 1, win_rate: 0.5, average_won_amount: 1000, average_cycle_days: 17, velocity_per_day: (1 * 0.5 * 1000) / 17 });
    engine.load({ journeys: [], events: [] });
    expect(shapeVelocity(run(velocitySql({}, model)), {}, model)[0]).toMatchObject({ open_opportunities: 0, win_rate: null, velocity_per_day: null });
    engine.load(data);
  });
});
