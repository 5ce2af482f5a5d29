import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  channelsSql,
  cohortSql,
  filteredSql,
  funnelSql,
  healthSql,
  planSql,
  velocitySql,
  winlossSql,
  type JourneyFilter,
} from '../../metrics/index.ts';
import { dayMs, DAY, type RefData, type RefJourney } from '../reference/common.ts';
import { RUNS, STAGES, datasetArb, filterArb, metricsEngine, model, runner } from '../reference/datasets.ts';

let engine: Awaited<ReturnType<typeof metricsEngine>>;
let run: ReturnType<typeof runner>;
beforeAll(async () => {
  engine = await metricsEngine();
  run = runner(engine.conn);
});

/** The filter done by hand over the rows: which journeys, events and spend rows it keeps. */
function filterByHand(data: RefData, f: JourneyFilter): RefData {
  const reachedFrom = f.reached ? STAGES.indexOf(f.reached) : -1;
  const keep = (j: RefJourney) => {
    const t = j.created_at;
    if (f.from && (t === null || t < dayMs(f.from))) return false;
    if (f.to && (t === null || t >= dayMs(f.to) + DAY)) return false;
    for (const [name, values] of Object.entries(f.where ?? {})) {
      if (!values!.includes((j[name] as string | null | undefined) ?? null)) return false;
    }
    if (reachedFrom >= 0 && !data.events.some((e) => e.journey_id === j.journey_id && STAGES.indexOf(e.stage) >= reachedFrom)) return false;
    return true;
  };
  const journeys = data.journeys.filter(keep);
  const ids = new Set(journeys.map((j) => j.journey_id));
  const channels = f.where?.channel;
  const spend = (data.spend ?? []).filter((s) => {
    if (channels && !channels.includes(s.channel)) return false;
    const from = f.from ? Date.UTC(new Date(dayMs(f.from)).getUTCFullYear(), new Date(dayMs(f.from)).getUTCMonth(), 1) : -Infinity;
    return s.month >= from && (!f.to || s.month <= dayMs(f.to));
  });
  return { journeys, events: data.events.filter((e) => ids.has(e.journey_id)), spend };
}

const AS_OF = '2024-04-15';
const METRICS: [string, string][] = [
  ['funnel', funnelSql({ by: 'source' }, model)],
  ['funnel strict', funnelSql({ mode: 'strict', window_days: 20 }, model)],
  ['cohort', cohortSql({ stage: 'sql', by: 'region', as_of: AS_OF }, model)],
  ...Object.entries(winlossSql({ by: 'owner' }, model)).map(([s, sql]): [string, string] => [`winloss ${s}`, sql]),
  ...Object.entries(healthSql({ as_of: AS_OF, period: 'week' }, model)).map(([s, sql]): [string, string] => [`health ${s}`, sql]),
  ['velocity', velocitySql({ as_of: AS_OF }, model)],
  ['plan', planSql({ target: 5000 }, model)],
  ...Object.entries(channelsSql({}, model)).map(([s, sql]): [string, string] => [`channels ${s}`, sql]),
];

/** Rows as sorted text, numbers to 9 significant digits (sums may add in another order). */
function canonical(rows: Record<string, unknown>[]): string[] {
  return rows
    .map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(9)) : v])))
    .sort();
}

describe('filteredSql: a metric over the filtered journeys equals the metric over the same journeys filtered by hand', () => {
  it(`${RUNS} datasets × every metric`, () => {
    fc.assert(
      fc.property(datasetArb, filterArb, (data, filter) => {
        engine.load(data);
        const got = METRICS.map(([, sql]) => canonical(run(filteredSql(sql, filter, model))));
        engine.load(filterByHand(data, filter));
        METRICS.forEach(([name, sql], i) => expect(got[i], `${name} with ${JSON.stringify(filter)}`).toEqual(canonical(run(sql))));
      }),
      { numRuns: RUNS },
    );
  });

  it('a hand-checked case: source Web or none, reached SQL', () => {
    const e = (journey_id: string, stage: string) => ({ journey_id, stage, entered_at: dayMs('2024-02-01') });
    engine.load({
      journeys: [
        { journey_id: 'a', created_at: dayMs('2024-01-05'), source: 'Web' },
        { journey_id: 'b', created_at: dayMs('2024-01-06'), source: null },
        { journey_id: 'c', created_at: dayMs('2024-01-07'), source: 'Partner' },
        { journey_id: 'd', created_at: dayMs('2024-01-08'), source: 'Web' },
      ],
      // a reached SQL, b reached Won (so SQL too), c reached SQL but is not Web, d stopped at MQL.
      events: [e('a', 'lead'), e('a', 'sql'), e('b', 'won'), e('c', 'sql'), e('d', 'mql')],
    });
    const rows = run(filteredSql(funnelSql({}, model), { reached: 'sql', where: { source: ['Web', null] } }, model));
    expect(rows.find((r) => r.stage === 'lead')!.reached).toBe(2);
    expect(rows.find((r) => r.stage === 'won')!.reached).toBe(1);
  });

  it('no filter leaves the SQL as it is; a bad filter names what is wrong', () => {
    const sql = funnelSql({}, model);
    expect(filteredSql(sql, {}, model)).toBe(sql);
    expect(() => filteredSql(sql, { reached: 'closed' }, model)).toThrow(/reached "closed" is not a stage.*lead, mql/);
    expect(() => filteredSql(sql, { from: '2024-05-01', to: '2024-04-01' }, model)).toThrow(/must not be after/);
    expect(() => filteredSql(sql, { where: { source: [] } }, model)).toThrow(/at least one value/);
  });
});
