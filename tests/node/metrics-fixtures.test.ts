/**
 * The metrics on real exports (../shared/fixtures/crm), synced through the mapped-CSV reader with the example
 * mappings, against numbers counted from the raw CSV files with python3's csv module (below, written in).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, openDuckDB, queryRows, type Connection } from '../../cli/duckdb.ts';
import { WINLOSS_SECTIONS, cohortSql, funnelSql, shapeCohort, shapeFunnel, shapeWinloss, winlossSql, type WinlossSpec } from '../../metrics/index.ts';
import { DEFAULT_STAGE_MODEL as model } from '../../model/index.ts';
import { runSync } from '../../sync/index.ts';
import { ROOT, fixture, tempDir } from '../support/paths.ts';
import { join } from 'node:path';

/** Closed deals per sector (accounts.csv by account name): [won, lost]. */
const MAVEN_SECTOR: Record<string, [number, number]> = {
  "employment": [179, 107],
  "entertainment": [260, 142],
  "finance": [375, 238],
  "marketing": [404, 219],
  "medical": [592, 358],
  "retail": [799, 468],
  "services": [223, 129],
  "software": [450, 254],
  "technolgy": [671, 387],
  "telecommunications": [285, 171],
};
/** Closed deals per sales agent: [won, lost]. */
const MAVEN_AGENT: Record<string, [number, number]> = {
  "Anna Snelling": [208, 128],
  "Boris Faz": [101, 52],
  "Cassey Cress": [163, 98],
  "Cecily Lampkin": [107, 53],
  "Corliss Cosme": [150, 79],
  "Daniell Hammack": [114, 73],
  "Darcel Schlecht": [349, 204],
  "Donn Cantrell": [158, 117],
  "Elease Gluck": [80, 46],
  "Garret Kinder": [75, 48],
  "Gladys Colclough": [135, 97],
  "Hayden Neloms": [107, 45],
  "James Ascencio": [135, 71],
  "Jonathan Berthelot": [171, 93],
  "Kami Bicknell": [174, 98],
  "Kary Hendrixson": [209, 126],
  "Lajuana Vencill": [127, 104],
  "Markita Hansen": [130, 97],
  "Marty Freudenburg": [122, 72],
  "Maureen Marcano": [149, 64],
  "Moses Frase": [129, 66],
  "Niesha Huffines": [105, 70],
  "Reed Clapper": [155, 82],
  "Rosalina Dieter": [72, 38],
  "Rosie Papadopoulos": [78, 43],
  "Versie Hillebrand": [176, 88],
  "Vicki Laflamme": [221, 126],
  "Violet Mclelland": [122, 71],
  "Wilburn Farren": [55, 24],
  "Zane Levy": [161, 100],
};
/** Monthly cohorts by engage_date: [month, deals, won by the end of months 0 … 6 since (cumulative, by close_date)]. */
const MAVEN_COHORTS: [string, number, number[]][] = [
  ['2016-10-01', 7, [0, 0, 0, 0, 0, 7, 7]],
  ['2016-11-01', 115, [0, 0, 0, 0, 83, 83, 83]],
  ['2016-12-01', 236, [0, 0, 0, 160, 160, 160, 160]],
  ['2017-01-01', 312, [0, 0, 118, 118, 166, 181, 181]],
  ['2017-02-01', 515, [0, 66, 66, 192, 277, 277, 277]],
  ['2017-03-01', 792, [97, 154, 279, 440, 440, 440, 440]],
  ['2017-04-01', 874, [228, 292, 386, 386, 424, 427, 427]],
  ['2017-05-01', 722, [75, 152, 152, 302, 366, 366, 366]],
  ['2017-06-01', 792, [99, 172, 288, 453, 453, 453, 453]],
  ['2017-07-01', 1198, [235, 309, 410, 410, 437, 441, 441]],
  ['2017-08-01', 793, [68, 146, 146, 264, 341, 341, 341]],
  ['2017-09-01', 779, [92, 146, 261, 425, 425, 425, 425]],
  ['2017-10-01', 761, [225, 294, 400, 400, 400, 400, 400]],
  ['2017-11-01', 283, [77, 157, 157, 157, 157, 157, 157]],
  ['2017-12-01', 121, [80, 80, 80, 80, 80, 80, 80]],
];
/** MQLs per origin (blank origin: null) and how many of them are in the closed-deals file: [mqls, won]. */
const OLIST_ORIGIN: Record<string, [number, number]> = {
  "(blank)": [60, 14],
  "direct_traffic": [499, 56],
  "display": [118, 6],
  "email": [493, 15],
  "organic_search": [2296, 271],
  "other": [150, 4],
  "other_publicities": [65, 3],
  "paid_search": [1586, 195],
  "referral": [284, 24],
  "social": [1350, 75],
  "unknown": [1099, 179],
};

async function synced(name: string): Promise<Connection> {
  const out = join(tempDir(), name);
  await runSync({ source: 'csv', inDir: fixture(name), outDir: out, configPath: join(ROOT, 'examples/mappings', `${name}.json`) });
  const { conn } = await openDuckDB();
  await loadDataset(conn, out);
  return conn;
}

const winloss = (conn: Connection, spec: WinlossSpec) => {
  const sqls = winlossSql(spec, model);
  return shapeWinloss(Object.fromEntries(WINLOSS_SECTIONS.map((s) => [s, queryRows(conn, sqls[s])])) as never, spec, model);
};

describe('maven-crm (8,800 opportunities)', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await synced('maven-crm');
  });

  it('win rate per sector', () => {
    const rows = winloss(conn, { by: 'industry' }).rates;
    expect(Object.fromEntries(rows.map((r) => [r.industry, [r.won, r.lost]]))).toEqual(MAVEN_SECTOR);
    for (const r of rows) expect(r.win_rate).toBe((r.won as number) / ((r.won as number) + (r.lost as number)));
  });

  it('win rate per sales agent', () => {
    const rows = winloss(conn, { by: 'owner' }).rates;
    expect(Object.fromEntries(rows.map((r) => [r.owner, [r.won, r.lost]]))).toEqual(MAVEN_AGENT);
  });

  it('monthly cohorts by engage_date: deals, and won by the end of each month since (cumulative)', () => {
    const rows = shapeCohort(queryRows(conn, cohortSql({ period: 'month' }, model)), { period: 'month' }, model);
    const asOf = rows[0]!.as_of!;
    const months = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
    expect(rows.map((r) => r.cohort).filter((c, i, all) => all.indexOf(c) === i)).toEqual(MAVEN_COHORTS.map(([m]) => m));
    for (const [month, size, won] of MAVEN_COHORTS) {
      const mine = rows.filter((r) => r.cohort === month);
      // Shown: every month from the cohort's to the as-of month; only the as-of month is incomplete.
      expect(mine.map((r) => r.period)).toEqual(Array.from({ length: months(month, asOf) + 1 }, (_, n) => n));
      for (const r of mine) {
        expect([r.size, r.reached], `${month} +${r.period}`).toEqual([size, won[Math.min(r.period, won.length - 1)]]);
        expect(r.complete).toBe(r.period < months(month, asOf));
      }
    }
  });
});

describe('olist-funnel (8,000 MQLs, 842 closed deals)', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await synced('olist-funnel');
  });

  it('MQL → won by origin', () => {
    const rows = shapeFunnel(queryRows(conn, funnelSql({ by: 'source' }, model)), { by: 'source' }, model);
    const at = (origin: string | null, stage: string) => rows.find((r) => r.source === origin && r.stage === stage)!.reached;
    for (const [origin, [mqls, won]] of Object.entries(OLIST_ORIGIN)) {
      const key = origin === '(blank)' ? null : origin;
      expect([at(key, 'mql'), at(key, 'won')], origin).toEqual([mqls, won]);
    }
  });
});
