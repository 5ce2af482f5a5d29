// journey_stages is derived at load and read beside journeys row for row (metrics/journey-stages.ts):
// these check the derived rows against hand counts, and that a dataset whose tables do not line up is refused.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, openDuckDB, queryRows, type Connection } from '../../cli/duckdb.ts';
import { journeyFactsSql, journeyStagesSql, lineUpSql } from '../../metrics/index.ts';
import { DEFAULT_STAGE_MODEL, type TableName } from '../../model/index.ts';
import type { Row } from '../../sync/types.ts';
import { tableIPC, writeDataset } from '../../sync/write-dataset.ts';

const model = DEFAULT_STAGE_MODEL;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
let conn: Connection;
beforeAll(async () => {
  ({ conn } = await openDuckDB());
});

// J0: lead → mql → sql (sql seen twice: the earlier counts); J1: lead with no time; J2: no stage event.
const EVENTS = [
  { journey_key: 0, journey_id: 'J0', stage: 'lead', entered_at: day('2024-01-01') },
  { journey_key: 0, journey_id: 'J0', stage: 'mql', entered_at: day('2024-01-03') },
  { journey_key: 0, journey_id: 'J0', stage: 'sql', entered_at: day('2024-01-09') },
  { journey_key: 0, journey_id: 'J0', stage: 'sql', entered_at: day('2024-01-07') },
  { journey_key: 1, journey_id: 'J1', stage: 'lead', entered_at: null },
];

function load(keys: number[], events: Row[] = EVENTS) {
  const journeys = keys.map((k) => ({ journey_key: k, journey_id: `J${k}`, stage: 'lead', outcome: 'open' }));
  for (const [name, rows] of [['journeys', journeys], ['stage_events', events]] as const) {
    conn.query(`DROP TABLE IF EXISTS ${name}`);
    conn.insertArrowFromIPCStream(tableIPC(name, rows), { name, create: true });
  }
  conn.query(journeyStagesSql(model, keys.length));
  const counts = queryRows(conn, lineUpSql(keys.length))[0]!;
  return { misplaced: Number(counts.misplaced), orphans: Number(counts.orphans) };
}

/** A dataset written as a sync writes it, then one table replaced by `rows` (manifest bytes and checksum kept true). */
async function datasetWith(name: TableName, rows: Row[]): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'revlens-facts-')), 'data');
  const manifest = await writeDataset(out, {
    source: 'test', generator: 'journey-facts.test', stageModel: model, rejects: [], sources: [], unmappedStages: [],
    journeys: [0, 1, 2].map((k) => ({ journey_id: `J${k}`, created_at: day('2024-01-01'), stage: 'lead', outcome: 'open' })),
    stageEvents: EVENTS.map(({ journey_key: _, ...e }) => e),
  });
  const bytes = tableIPC(name, rows);
  writeFileSync(join(out, manifest.tables[name].file), bytes);
  const json = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  json.tables[name].bytes = bytes.byteLength;
  json.tables[name].sha256 = createHash('sha256').update(bytes).digest('hex');
  json.tables[name].rows = rows.length;
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(json));
  return out;
}

describe('journey_stages and journey_facts', () => {
  it('one row per journey in key order: deepest stage, earliest times, stages entered and untimed as bits', () => {
    expect(load([0, 1, 2])).toEqual({ misplaced: 0, orphans: 0 });
    conn.query(journeyFactsSql(model));
    const rows = queryRows(conn, 'SELECT journey_id, deepest, t0, t1, t2, entered, untimed FROM journey_facts');
    const bits = (v: unknown) => (v === null ? null : Number(v));
    expect(rows.map((r) => [r.journey_id, r.deepest, r.t0, r.t1, r.t2, bits(r.entered), bits(r.untimed)])).toEqual([
      ['J0', 2, day('2024-01-01'), day('2024-01-03'), day('2024-01-07'), 0b111, 0],
      ['J1', 0, null, null, null, 0b1, 0b1],
      ['J2', null, null, null, null, null, null],
    ]);
  });

  it('counts journeys out of journey_key order, and stage events that point at no journey', () => {
    expect(load([2, 1, 0]).misplaced).toBe(2); // J1 is in its place, J2 and J0 are not
    expect(load([0, 1, 2], [...EVENTS, { journey_key: 3, journey_id: 'J3', stage: 'lead', entered_at: null }]).orphans).toBe(1);
  });

  it('loading refuses such a dataset, naming the file to sync again', async () => {
    const reordered = await datasetWith('journeys', [2, 0, 1].map((k) => ({ journey_key: k, journey_id: `J${k}`, stage: 'lead', outcome: 'open' })));
    await expect(loadDataset(conn, reordered)).rejects.toThrow(/journeys\.[0-9a-f]+\.arrow: 3 journeys are out of journey_key order: sync the dataset again/);
    const orphaned = await datasetWith('stage_events', [...EVENTS, { journey_key: 7, journey_id: 'J7', stage: 'mql', entered_at: null }]);
    await expect(loadDataset(conn, orphaned)).rejects.toThrow(/stage_events\.[0-9a-f]+\.arrow: 1 stage events point at no journey/);
  });
});
