import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_MODEL, type Manifest } from '../../model/index.ts';
import { mergeContent, mergeIntoDataset, type PreviousTables } from '../../sync/merge.ts';
import { readDataset } from '../../sync/read-dataset.ts';
import type { Row } from '../../sync/types.ts';
import { writeDataset, type DatasetContent } from '../../sync/write-dataset.ts';
import { tempDir } from '../support/paths.ts';

/*
 * Small hand-built datasets. Times are whole days after 2025-01-01 so that the expected winners can
 * be read off the test: day(20) is later than day(10).
 */
const day = (n: number) => Date.UTC(2025, 0, 1) + n * 86_400_000;
const month = (m: number) => Date.UTC(2025, m - 1, 1);

const STAGES = ['lead', 'mql', 'sql', 'opportunity', 'poc', 'won'];

/** A journey that reached `deepest`, with one event per stage up to it, and a label to tell versions apart. */
function journey(id: string, updated: number | null, deepest: string, label: string): { journey: Row; events: Row[] } {
  const reached = STAGES.slice(0, STAGES.indexOf(deepest) + 1);
  return {
    journey: { journey_id: id, name: label, created_at: day(0), updated_at: updated, stage: deepest, outcome: deepest === 'won' ? 'won' : 'open', source: 'Web' },
    events: reached.map((stage, i) => ({ journey_id: id, stage, entered_at: day(i), crm_stage: `${label} ${stage}` })),
  };
}

function content(journeys: ReturnType<typeof journey>[], spend: Row[] = []): DatasetContent {
  return {
    source: 'test',
    generator: 'tests/node/sync-merge.test.ts',
    stageModel: DEFAULT_STAGE_MODEL,
    journeys: journeys.map((j) => j.journey),
    stageEvents: journeys.flatMap((j) => j.events),
    spend,
    rejects: [],
    sources: [{ file: 'Opportunity.csv', object: 'Opportunity', encoding: 'utf-8', read: journeys.length, kept: journeys.length, rejected: 0 }],
    unmappedStages: [],
  };
}

const previousOf = (c: DatasetContent): PreviousTables => ({ journeys: c.journeys, stageEvents: c.stageEvents, spend: c.spend ?? [] });
const names = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.journey_id, r.name]));
const eventsOf = (rows: Row[], id: string) => rows.filter((e) => e.journey_id === id).map((e) => `${String(e.stage)}:${String(e.crm_stage)}`);
const shas = (m: Manifest) => Object.fromEntries(Object.entries(m.tables).map(([k, t]) => [k, t.sha256]));

describe('mergeContent', () => {
  it('upserts by journey_id: new journeys are added, newer records replace, the others stay', () => {
    const previous = content([journey('j1', day(10), 'sql', 'old-1'), journey('j2', day(10), 'mql', 'old-2')]);
    const incoming = content([journey('j2', day(20), 'opportunity', 'new-2'), journey('j3', day(5), 'lead', 'new-3')]);
    const { content: out, merged } = mergeContent(previousOf(previous), incoming);
    expect(names(out.journeys)).toEqual({ j1: 'old-1', j2: 'new-2', j3: 'new-3' });
    // j1: lead, mql, sql (3); j2 now: lead … opportunity (4); j3: lead (1).
    expect(out.stageEvents).toHaveLength(8);
    expect(merged.journeys).toEqual({ previous: 2, incoming: 2, added: 1, replaced: 1, kept: 0, carried: 1, total: 3 });
    // This run's sources, not the dataset's.
    expect(out.sources).toBe(incoming.sources);
  });

  it('the record with the later updated_at wins, whichever side it is on', () => {
    const previous = content([journey('j1', day(30), 'poc', 'old-1'), journey('j2', day(10), 'poc', 'old-2')]);
    const incoming = content([journey('j1', day(20), 'sql', 'new-1'), journey('j2', day(11), 'sql', 'new-2')]);
    const { content: out, merged } = mergeContent(previousOf(previous), incoming);
    expect(names(out.journeys)).toEqual({ j1: 'old-1', j2: 'new-2' });
    expect(merged.journeys).toMatchObject({ replaced: 1, kept: 1, added: 0, carried: 0, total: 2 });
  });

  it('a known updated_at beats an unknown one; on a tie (equal or both unknown) this run wins', () => {
    const previous = content([
      journey('a', null, 'lead', 'old-a'),
      journey('b', day(5), 'lead', 'old-b'),
      journey('c', null, 'lead', 'old-c'),
      journey('d', day(7), 'lead', 'old-d'),
    ]);
    const incoming = content([
      journey('a', day(1), 'lead', 'new-a'),
      journey('b', null, 'lead', 'new-b'),
      journey('c', null, 'lead', 'new-c'),
      journey('d', day(7), 'lead', 'new-d'),
    ]);
    const { content: out, merged } = mergeContent(previousOf(previous), incoming);
    expect(names(out.journeys)).toEqual({ a: 'new-a', b: 'old-b', c: 'new-c', d: 'new-d' });
    expect(merged.journeys).toMatchObject({ replaced: 3, kept: 1 });
  });

  it("a journey's stage events are those of the record that won, never a mix", () => {
    // kept: the dataset's j1 (newer) reached sql; this run's older j1 only mql.
    // replaced: this run's j2 (newer) is back at mql (a CRM correction); the dataset's had reached poc.
    const previous = content([journey('j1', day(30), 'sql', 'old-1'), journey('j2', day(10), 'poc', 'old-2')]);
    const incoming = content([journey('j1', day(20), 'mql', 'new-1'), journey('j2', day(40), 'mql', 'new-2')]);
    const { content: out } = mergeContent(previousOf(previous), incoming);
    expect(eventsOf(out.stageEvents, 'j1')).toEqual(['lead:old-1 lead', 'mql:old-1 mql', 'sql:old-1 sql']);
    expect(eventsOf(out.stageEvents, 'j2')).toEqual(['lead:new-2 lead', 'mql:new-2 mql']);
  });

  it('spend is upserted by (channel, month); a run without spend keeps the dataset\'s', () => {
    const previousSpend = [
      { channel: 'Web', month: month(1), amount: 100 },
      { channel: 'Web', month: month(2), amount: 200 },
      { channel: 'Ads', month: month(1), amount: 50 },
    ];
    const incomingSpend = [
      { channel: 'Web', month: month(2), amount: 250 },
      { channel: 'Ads', month: month(3), amount: 70 },
    ];
    const previous = content([journey('j1', day(1), 'lead', 'x')], previousSpend);
    const { content: out, merged } = mergeContent(previousOf(previous), content([], incomingSpend));
    expect(out.spend!.map((r) => [r.channel, new Date(r.month as number).toISOString().slice(0, 7), r.amount])).toEqual([
      ['Ads', '2025-01', 50],
      ['Ads', '2025-03', 70],
      ['Web', '2025-01', 100],
      ['Web', '2025-02', 250],
    ]);
    expect(merged.spend).toEqual({ previous: 3, incoming: 2, replaced: 1, total: 4 });

    const { content: crmOnly } = mergeContent(previousOf(previous), content([journey('j2', day(1), 'lead', 'y')]));
    expect(crmOnly.spend).toHaveLength(3);
  });

  it('stops on journeys the data cannot tell apart', () => {
    const twice = content([journey('j1', day(1), 'lead', 'a'), journey('j1', day(2), 'lead', 'b')]);
    expect(() => mergeContent(previousOf(content([])), twice)).toThrow(/journey j1 twice/);
    const orphan = content([journey('j1', day(1), 'lead', 'a')]);
    orphan.stageEvents.push({ journey_id: 'j9', stage: 'lead', entered_at: day(1) });
    expect(() => mergeContent(previousOf(orphan), content([]))).toThrow(/stage event of journey j9/);
  });
});

describe('sync --merge (mergeIntoDataset)', () => {
  const X = () =>
    content(
      [journey('j1', day(10), 'sql', 'x-1'), journey('j2', day(30), 'poc', 'x-2'), journey('j3', null, 'lead', 'x-3'), journey('j5', day(3), 'mql', 'x-5')],
      [{ channel: 'Web', month: month(1), amount: 10 }],
    );
  const Y = () =>
    content(
      // j1 newer here, j2 older here, j3 unknown in X but known here, j4 only here; j5 only in X.
      [journey('j4', day(1), 'won', 'y-4'), journey('j2', day(20), 'sql', 'y-2'), journey('j1', day(15), 'opportunity', 'y-1'), journey('j3', day(2), 'mql', 'y-3')],
      [{ channel: 'Ads', month: month(2), amount: 20 }],
    );

  it('the same export twice gives the same tables', async () => {
    const folder = join(tempDir(), 'dataset');
    const first = await mergeIntoDataset(folder, X());
    expect(first.merged.journeys).toMatchObject({ previous: 0, added: 4, total: 4 });
    const second = await mergeIntoDataset(folder, X());
    expect(second.merged.journeys).toMatchObject({ previous: 4, incoming: 4, replaced: 4, added: 0, total: 4 });
    expect(shas(second.manifest)).toEqual(shas(first.manifest));

    // The same export with its rows in another order; and onto a dataset it was synced into without --merge.
    const shuffled = X();
    shuffled.journeys.reverse();
    shuffled.stageEvents.reverse();
    const again = await mergeIntoDataset(join(tempDir(), 'dataset'), shuffled);
    expect(shas(again.manifest)).toEqual(shas(first.manifest));
    const plain = join(tempDir(), 'dataset');
    await writeDataset(plain, shuffled);
    const merged = await mergeIntoDataset(plain, X());
    expect(shas(merged.manifest)).toEqual(shas(first.manifest));
  });

  it('two exports give the same tables whichever is merged first', async () => {
    const xy = join(tempDir(), 'dataset');
    await mergeIntoDataset(xy, X());
    const a = await mergeIntoDataset(xy, Y());
    const yx = join(tempDir(), 'dataset');
    await mergeIntoDataset(yx, Y());
    const b = await mergeIntoDataset(yx, X());
    expect(shas(b.manifest)).toEqual(shas(a.manifest));

    // And the winners are the ones the updated_at values name.
    const read = await readDataset(xy);
    expect(names(read.journeys)).toEqual({ j1: 'y-1', j2: 'x-2', j3: 'y-3', j4: 'y-4', j5: 'x-5' });
    // j1 y-1: lead … opportunity (4), j2 x-2: lead … poc (5), j3 y-3: lead, mql (2), j4 y-4: all six (6), j5 x-5: lead, mql (2).
    expect(read.stageEvents).toHaveLength(19);
    expect(read.spend.map((s) => s.channel)).toEqual(['Ads', 'Web']);
    expect(a.merged.journeys).toEqual({ previous: 4, incoming: 4, added: 1, replaced: 2, kept: 1, carried: 1, total: 5 });
  });

  it("the manifest's sources and rejects are this run's", async () => {
    const folder = join(tempDir(), 'dataset');
    await mergeIntoDataset(folder, X());
    const y = Y();
    y.sources = [{ file: 'Deals.csv', object: 'Deal', encoding: 'utf-8', read: 5, kept: 4, rejected: 1 }];
    y.rejects = [{ file: 'Deals.csv', line: 3, field: 'Amount', reason: '"lots" is not a number', record_id: 'd3' }];
    const { manifest } = await mergeIntoDataset(folder, y);
    expect(manifest.sources).toEqual(y.sources);
    expect(manifest.rejects.rows).toBe(1);
    expect(readFileSync(join(folder, manifest.rejects.file), 'utf8')).toContain('Deals.csv,3,Amount');
  });

  it('stops, leaving the dataset as it was, when the dataset it merges into is damaged', async () => {
    const folder = join(tempDir(), 'dataset');
    const { manifest } = await mergeIntoDataset(folder, X());
    const path = join(folder, manifest.tables.stage_events.file);
    writeFileSync(path, readFileSync(path).subarray(0, 100));
    await expect(mergeIntoDataset(folder, Y())).rejects.toThrow(/--merge cannot read the dataset.*does not match its checksum/);
    expect(JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')).generated_at).toBe(manifest.generated_at);
  });
});

describe('readDataset', () => {
  it('gives back the rows written: times as ms, categories as text, empty cells as null', async () => {
    const folder = join(tempDir(), 'dataset');
    const rows = content([journey('j1', day(3), 'mql', '名字 "quoted"'), journey('j2', null, 'lead', 'two')], [{ channel: 'Web', month: month(4), amount: 12.5, currency: 'CNY' }]);
    rows.journeys[1]!.amount = 1234.56;
    await writeDataset(folder, rows);
    const read = await readDataset(folder);
    expect(read.journeys[0]).toMatchObject({ journey_id: 'j1', name: '名字 "quoted"', updated_at: day(3), stage: 'mql', outcome: 'open', amount: null, region: null });
    expect(read.journeys[1]).toMatchObject({ journey_id: 'j2', updated_at: null, amount: 1234.56 });
    expect(read.stageEvents.map((e) => [e.journey_id, e.stage, e.entered_at])).toEqual([
      ['j1', 'lead', day(0)],
      ['j1', 'mql', day(1)],
      ['j2', 'lead', day(0)],
    ]);
    expect(read.spend).toEqual([{ channel: 'Web', month: month(4), amount: 12.5, currency: 'CNY', amount_base: null }]);
    expect(read.manifest.tables.journeys.rows).toBe(2);
  });

  it('checks the schema version and every checksum', async () => {
    const folder = join(tempDir(), 'dataset');
    const manifest = await writeDataset(folder, content([journey('j1', day(3), 'mql', 'one')]));
    const manifestPath = join(folder, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, schema_version: 99 }));
    await expect(readDataset(folder)).rejects.toThrow(/schema_version 99/);
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, tables: { ...manifest.tables, journeys: { ...manifest.tables.journeys, sha256: '0'.repeat(64) } } }));
    await expect(readDataset(folder)).rejects.toThrow(/journeys\.[0-9a-f]{16}\.arrow does not match its checksum/);
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, tables: { ...manifest.tables, spend: { ...manifest.tables.spend, rows: 3 } } }));
    await expect(readDataset(folder)).rejects.toThrow(/Arrow read 0 rows, manifest\.json says 3/);
  });
});
