import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filteredSql, funnelSql, shapeFunnel, type FunnelSpec } from '../../metrics/index.ts';
import { funnelRows } from '../../metrics/funnel-columns.ts';
import { selectJourneys, stageFacts } from '../../metrics/journey-columns.ts';
import { tableIPC } from '../../sync/write-dataset.ts';
import { TableWriter } from '../../sync/table-writer.ts';
import { eventColumns, readEvents } from '../../widgets/engine/event-columns.ts';
import { dayMs, DAY, type RefData } from '../reference/common.ts';
import { BASE, BATCH, BATCHES, RUNS, STAGES, batchArb, datasetArb, eventRows, expectSameRows, model, pageColumns, withNumbers, boardFilterArb, dayAfterBase as day, sqlEngine } from '../reference/datasets.ts';
import { finish } from '../../metrics/steps.ts';

const { load, run } = sqlEngine();

/** What a page counts from a stage_events file's bytes, counts as numbers (as the SQL runner gives them). */
function counted(bytes: Uint8Array, journeys: number) {
  return finish(funnelRows(stageFacts(model, journeys, eventColumns(readEvents(bytes), model)), null, {}, model)).map(withNumbers);
}

/** Events of a stage outside the model and of no journey in the table: funnelSql counts neither. */
function withStrays(data: RefData, picks: number[]): RefData {
  const strays = picks.map((p, k) => ({ journey_id: data.journeys[p % Math.max(1, data.journeys.length)]?.journey_id ?? 'none', stage: 'nurture', entered_at: dayMs('2024-01-01') + k }));
  return { ...data, events: [...data.events, ...strays, { journey_id: 'gone', stage: 'won', entered_at: null }] };
}

const key = (r: Record<string, unknown>) => `${r.period}|${r.segment}|${r.stage}`;

describe('the plain funnel counted in the page from a stage_events file equals funnelSql', () => {
  it(`${RUNS} generated datasets (skipped stages, unknown times, stages entered twice, out of order)`, () => {
    fc.assert(
      fc.property(datasetArb, fc.array(fc.nat(), { maxLength: 3 }), (generated, picks) => {
        const data = withStrays(generated, picks);
        load(data);
        expectSameRows(counted(tableIPC('stage_events', eventRows(data)), data.journeys.length), run(funnelSql({}, model)), key, 'plain funnel');
      }),
      { numRuns: RUNS },
    );
  });

  it(`${BATCHES} datasets of ${BATCH} datasets each (hundreds of journeys: the quartiles interpolate)`, () => {
    fc.assert(
      fc.property(batchArb, (data) => {
        load(data);
        expectSameRows(counted(tableIPC('stage_events', eventRows(data)), data.journeys.length), run(funnelSql({}, model)), key, 'plain funnel');
      }),
      { numRuns: BATCHES },
    );
  });

  it('a file of several record batches, each with its own stage dictionary, as a sync writes it', async () => {
    // 30,000 journeys, 70,000+ events: two batches and more. Journey j enters stages 0 … j % 6, a day apart,
    // each 3rd stage at an unknown time, each 7th journey skipping MQL; dates before 1970 too. From journey
    // 15,000 on, the events come latest stage first, so the next batch's dictionary lists the stages in another order.
    const journeys = Array.from({ length: 30_000 }, (_, j) => ({ journey_id: `j${j}`, created_at: null }));
    const events: RefData['events'] = [];
    journeys.forEach((_, j) => {
      for (let k = 0; k <= j % 6; k++) {
        const i = j < 15_000 ? k : j % 6 - k;
        if (i === 1 && j % 7 === 0) continue;
        events.push({ journey_id: `j${j}`, stage: STAGES[i]!, entered_at: (j + i) % 3 === 0 ? null : (j % 2 ? BASE : -BASE) + (j % 50) * DAY + i * DAY * (1 + (j % 4)) });
      }
    });
    const data: RefData = { journeys, events };
    const dir = await mkdtemp(join(tmpdir(), 'revlens-events-'));
    try {
      const writer = new TableWriter('stage_events', join(dir, 'stage_events.arrow'));
      for (const row of eventRows(data)) writer.add(row);
      const { path } = await writer.finish();
      const bytes = new Uint8Array(await readFile(path));
      expect(readEvents(bytes).batches.length).toBeGreaterThan(1);
      load(data);
      expectSameRows(counted(bytes, journeys.length), run(funnelSql({}, model)), key, 'plain funnel');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an empty stage_events file (written with no dictionary) gives a row of zeros per stage, as funnelSql does', () => {
    const rows = shapeFunnel(counted(tableIPC('stage_events', []), 3), {}, model, 'en');
    expect(rows.map((r) => [r.reached, r.conversion_from_first, r.drop_off, r.drop_off_rate])).toEqual(STAGES.map((_, i) => [0, null, i ? 0 : null, null]));
  });

  it('counts by hand, through shapeFunnel as a widget reads it', () => {
    const t = (d: string) => dayMs(d);
    // a: lead 01-01 → mql 01-03 → sql 01-02 (out of order) → won 01-20; lead entered again 01-04 (the earliest counts)
    // b: lead 01-05 → mql 01-06 → sql 01-16 → opportunity (time unknown)
    // c: mql 01-10 only; d: no event of a funnel stage
    const data: RefData = {
      journeys: ['a', 'b', 'c', 'd'].map((id) => ({ journey_id: id, created_at: t('2024-01-01') })),
      events: [
        { journey_id: 'a', stage: 'lead', entered_at: t('2024-01-01') },
        { journey_id: 'a', stage: 'lead', entered_at: t('2024-01-04') },
        { journey_id: 'a', stage: 'mql', entered_at: t('2024-01-03') },
        { journey_id: 'a', stage: 'sql', entered_at: t('2024-01-02') },
        { journey_id: 'a', stage: 'won', entered_at: t('2024-01-20') },
        { journey_id: 'b', stage: 'lead', entered_at: t('2024-01-05') },
        { journey_id: 'b', stage: 'mql', entered_at: t('2024-01-06') },
        { journey_id: 'b', stage: 'sql', entered_at: t('2024-01-16') },
        { journey_id: 'b', stage: 'opportunity', entered_at: null },
        { journey_id: 'c', stage: 'mql', entered_at: t('2024-01-10') },
        { journey_id: 'd', stage: 'nurture', entered_at: t('2024-01-10') },
      ],
    };
    const raw = finish(funnelRows(stageFacts(model, 4, eventColumns(readEvents(tableIPC('stage_events', eventRows(data))), model)), null, {}, model));
    expect(typeof raw[0]!.reached).toBe('bigint'); // as DuckDB gives counts
    const rows = shapeFunnel(raw, {}, model, 'en');
    expect(rows.map((r) => r.reached)).toEqual([3, 3, 2, 2, 1, 1]);
    expect(rows.map((r) => r.drop_off)).toEqual([null, 0, 1, 0, 1, 0]);
    expect(rows.map((r) => r.conversion_from_first)).toEqual([1, 1, 2 / 3, 2 / 3, 1 / 3, 1 / 3]);
    // lead → mql: a 2 days, b 1 day (c has no lead time).
    expect(rows[1]).toMatchObject({ median_days_from_previous: 1.5, p25_days_from_previous: 1.25, p75_days_from_previous: 1.75, mean_days_from_previous: 1.5, timed_from_previous: 2 });
    // mql → sql: a −1 day (as recorded), b 10 days.
    expect(rows[2]).toMatchObject({ median_days_from_previous: 4.5, p25_days_from_previous: 1.75, timed_from_previous: 2 });
    // sql → opportunity: no time at all; poc → won: a has no poc event, so no time.
    expect(rows[3]).toMatchObject({ median_days_from_previous: null, mean_days_from_previous: null, timed_from_previous: 0 });
    expect(rows[5]).toMatchObject({ reached: 1, timed_from_previous: 0 });
    expect(rows[0]).toMatchObject({ conversion_from_previous: null, median_days_from_previous: null, timed_from_previous: null });
  });
});

/** A range of days within the generated data's months (either side may be open). */
const rangeArb = fc.tuple(fc.integer({ min: -10, max: 150 }), fc.integer({ min: 0, max: 90 })).map(([start, days]) => ({ from: day(start), to: day(start + days) }));
/** Any funnel spec a page or the CLI may ask for. */
const specArb: fc.Arbitrary<FunnelSpec> = fc
  .record(
    {
      by: fc.constantFrom('source', 'region', 'owner', 'channel', 'loss_reason'),
      range: rangeArb,
      open: fc.constantFrom('from', 'to', 'neither'),
      mode: fc.constantFrom('reached', 'strict'),
      window_days: fc.constantFrom(0, 2, 10.5, 30),
      compare: rangeArb,
      timings: fc.boolean(),
    },
    { requiredKeys: [] },
  )
  .map(({ range, open, ...spec }) => ({
    ...spec,
    ...(range ? { from: open === 'from' ? undefined : range.from, to: open === 'to' ? undefined : range.to } : {}),
  })) as fc.Arbitrary<FunnelSpec>;

describe('any funnel counted in the page from the journeys equals funnelSql over the filtered journeys', () => {
  const check = (data: RefData, spec: FunnelSpec, filter: Parameters<typeof filteredSql>[1]) => {
    load(data);
    const c = pageColumns(data);
    const got = finish(funnelRows(c, finish(selectJourneys(c, filter, model)), spec, model)).map(withNumbers);
    const want = run(filteredSql(funnelSql(spec, model), filter, model));
    const where = `${JSON.stringify(spec)} ${JSON.stringify(filter)}`;
    expectSameRows(got, want, key, where);
    // In funnelSql's order too: a widget draws the rows as they come.
    expect(got.map(key), where).toEqual(want.map(key));
  };

  it(`${RUNS} generated datasets, specs and filters`, () => {
    fc.assert(fc.property(datasetArb, specArb, boardFilterArb, check), { numRuns: RUNS });
  });

  it(`${BATCHES} datasets of ${BATCH} datasets each (segments tie and interpolate)`, () => {
    fc.assert(fc.property(batchArb, specArb, boardFilterArb, check), { numRuns: BATCHES });
  });
});
