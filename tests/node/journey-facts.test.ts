// journey_stages is derived at load and read beside journeys row for row (metrics/journey-stages.ts):
// these check the derived rows against hand counts, and that a dataset out of journey_key order is caught.
import { beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB, queryRows, type Connection } from '../../cli/duckdb.ts';
import { journeyFactsSql, journeyStagesSql, misplacedJourneysSql } from '../../metrics/index.ts';
import { DEFAULT_STAGE_MODEL } from '../../model/index.ts';
import { tableIPC } from '../../sync/write-dataset.ts';

const model = DEFAULT_STAGE_MODEL;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
let conn: Connection;
beforeAll(async () => {
  ({ conn } = await openDuckDB());
});

function load(keys: number[]) {
  const journeys = keys.map((k) => ({ journey_key: k, journey_id: `J${k}`, stage: 'lead', outcome: 'open' }));
  // J0: lead → mql → sql (sql seen twice: the earlier counts); J1: lead with no time; J2: no stage event.
  const events = [
    { journey_key: 0, journey_id: 'J0', stage: 'lead', entered_at: day('2024-01-01') },
    { journey_key: 0, journey_id: 'J0', stage: 'mql', entered_at: day('2024-01-03') },
    { journey_key: 0, journey_id: 'J0', stage: 'sql', entered_at: day('2024-01-09') },
    { journey_key: 0, journey_id: 'J0', stage: 'sql', entered_at: day('2024-01-07') },
    { journey_key: 1, journey_id: 'J1', stage: 'lead', entered_at: null },
  ];
  for (const [name, rows] of [['journeys', journeys], ['stage_events', events]] as const) {
    conn.query(`DROP TABLE IF EXISTS ${name}`);
    conn.insertArrowFromIPCStream(tableIPC(name, rows), { name, create: true });
  }
  conn.query(journeyStagesSql(model, keys.length));
}

describe('journey_stages and journey_facts', () => {
  it('one row per journey in key order: deepest stage, earliest times, stages entered and untimed as bits', () => {
    load([0, 1, 2]);
    conn.query(journeyFactsSql(model));
    const rows = queryRows(conn, 'SELECT journey_id, deepest, t0, t1, t2, entered, untimed FROM journey_facts');
    expect(rows.map((r) => [r.journey_id, r.deepest, r.t0, r.t1, r.t2, r.entered === null ? null : Number(r.entered), r.untimed === null ? null : Number(r.untimed)])).toEqual([
      ['J0', 2, day('2024-01-01'), day('2024-01-03'), day('2024-01-07'), 0b111, 0],
      ['J1', 0, null, null, null, 0b1, 0b1],
      ['J2', null, null, null, null, null, null],
    ]);
    expect(Number(queryRows(conn, misplacedJourneysSql())[0]!.n)).toBe(0);
  });

  it('counts the journeys out of journey_key order', () => {
    load([2, 1, 0]); // J1 is in its place, J2 and J0 are not
    expect(Number(queryRows(conn, misplacedJourneysSql())[0]!.n)).toBe(2);
  });
});
