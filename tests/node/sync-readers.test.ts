import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, openDuckDB, queryRows, type Connection } from '../../cli/duckdb.ts';
import { funnelSql } from '../../metrics/index.ts';
import { DEFAULT_STAGE_MODEL } from '../../model/index.ts';
import { runSync, type SyncSummary } from '../../sync/index.ts';
import { ROOT, fixture, tempDir } from '../support/paths.ts';

let conn: Connection;
beforeAll(async () => {
  ({ conn } = await openDuckDB());
});

function folder(files: Record<string, string[]>): string {
  const dir = join(tempDir(), 'export');
  mkdirSync(dir);
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), `${lines.join('\r\n')}\r\n`);
  return dir;
}

/** Syncs without --source (detection is part of what is tested) and loads the dataset. */
async function sync(inDir: string, config?: unknown, source?: string) {
  const out = join(tempDir(), 'dataset');
  let configPath: string | undefined;
  if (config) writeFileSync((configPath = join(tempDir(), 'revlens.config.json')), JSON.stringify(config));
  const summary = await runSync({ inDir, outDir: out, configPath, source });
  for (const f of summary.files) expect(f.read, `${f.file}: read = kept + rejected`).toBe(f.kept + f.rejected);
  await loadDataset(conn, out);
  const rejects = parse(readFileSync(join(out, summary.rejects_file), 'utf8'), { columns: true }) as Record<string, string>[];
  return { summary, rejects };
}

const reached = () =>
  Object.fromEntries(queryRows(conn, funnelSql({}, DEFAULT_STAGE_MODEL)).map((r) => [r.stage as string, Number(r.reached)]));
const outcomes = () =>
  Object.fromEntries(queryRows(conn, 'SELECT outcome, count(*)::INT AS n FROM journeys GROUP BY ALL').map((r) => [r.outcome, r.n]));
const at = (journey: string, stage: string) =>
  queryRows(conn, `SELECT epoch_ms(entered_at)::DOUBLE AS t FROM stage_events WHERE journey_id = '${journey}' AND stage = '${stage}'`)[0]?.t;

describe('HubSpot exports', () => {
  let summary: SyncSummary;
  beforeAll(async () => {
    const deals = [
      `Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Create Date,Deal owner,Closed Lost Reason,Date entered "Appointment Scheduled (Sales Pipeline)",Date entered "Technical Demo (Sales Pipeline)",Date entered 'Technical Demo (Sales Pipeline)',Last Modified Date`,
      '101,Acme,Closed Won,Sales Pipeline,5000,2024-03-01 10:00,2024-01-05 09:00,Li Na,,2024-01-06 09:00,,,2024-03-02',
      '102,Beta,Closed Lost,Sales Pipeline,3000,2024-02-20,2024-01-10,Wang Wei,Price,2024-01-10,,,',
      '103,Gamma,Technical Demo,Sales Pipeline,,,2024-02-01,Li Na,,2024-02-01,2024-02-15,2024-02-14,',
    ];
    const contacts = [
      'Record ID,First Name,Company Name,Lifecycle Stage,Create Date,Became a Lead Date,Became a Marketing Qualified Lead Date,Became a Sales Qualified Lead Date,Became an Opportunity Date,Became a Customer Date,Original Source,Associated Deal IDs',
      '1,A,Acme,Customer,2023-12-01,2023-12-01,2023-12-10,2023-12-20,2024-01-05,2024-03-01,ORGANIC_SEARCH,101',
      '2,B,Delta,Marketing Qualified Lead,2024-01-15,2024-01-15,2024-01-20,,,,PAID_SEARCH,',
      '3,C,Epsilon,Subscriber,2024-02-01,,,,,,DIRECT_TRAFFIC,',
    ];
    ({ summary } = await sync(folder({ 'all-deals.csv': deals, 'all-contacts.csv': contacts }), { stages: { 'Technical Demo': 'poc' } }));
  });

  it('is detected and makes one journey of a contact and its associated deal', () => {
    expect(summary.source).toBe('hubspot');
    // Contacts 1 (with deal 101), 2 and 3; deals 102 and 103 on their own.
    expect(summary.journeys).toBe(5);
    expect(summary.files.map((f) => [f.file, f.object, f.read, f.kept])).toEqual([
      ['all-contacts.csv', 'Contact', 3, 3],
      ['all-deals.csv', 'Deal', 3, 3],
    ]);
  });

  it('counts the funnel from lifecycle dates, deal stages and outcomes', () => {
    // lead: all 5. mql: contact 1 (won), contact 2 (MQL), deals 102 and 103 (opportunities) = 4.
    // sql: contact 1, 102, 103 = 3. opportunity: the same 3. poc: 103 (Technical Demo) and
    // contact 1 (won) = 2. won: contact 1.
    expect(reached()).toEqual({ lead: 5, mql: 4, sql: 3, opportunity: 3, poc: 2, won: 1 });
    expect(outcomes()).toEqual({ won: 1, lost: 1, open: 3 });
  });

  it('reads both quote styles of the Date entered columns, the earliest counting', () => {
    expect(at('deal:103', 'poc')).toBe(Date.UTC(2024, 1, 14));
    expect(at('contact:1', 'mql')).toBe(Date.UTC(2023, 11, 10));
  });
});

describe('Pipedrive deals export', () => {
  it('takes outcomes from the status, converts currencies, and rejects deleted deals and missing rates', async () => {
    const deals = [
      'Deal - ID,Deal - Title,Deal - Value,Deal - Currency of value,Deal - Stage,Deal - Status,Deal - Lost reason,Deal - Won time,Deal - Lost time,Deal - Deal created,Deal - Owner,Deal - Update time',
      '1,Alpha,1000,USD,Negotiations Started,Won,,2024-03-01 10:00:00,,2024-01-01 09:00:00,Ann,2024-03-01 10:00:00',
      '2,Beta,500,EUR,Proposal Made,Lost,Too expensive,,2024-02-15 08:00:00,2024-01-10 09:00:00,Bob,',
      '3,Gamma,800,GBP,Demo Scheduled,Open,,,,2024-02-01 09:00:00,Ann,',
      '4,Delta,200,USD,Qualified,Deleted,,,,2024-02-02 09:00:00,Ann,',
    ];
    const { summary, rejects } = await sync(folder({ 'deals-export.csv': deals }), { currency: 'USD', fx: { EUR: 1.1 } });
    expect(summary.source).toBe('pipedrive');
    expect(rejects.map((r) => [r.line, r.field])).toEqual([
      ['4', 'Deal - Currency of value'],
      ['5', 'Deal - Status'],
    ]);
    expect(rejects[0]!.reason).toMatch(/no exchange rate from GBP to the base currency USD/);
    const rows = queryRows(conn, 'SELECT journey_id, outcome, amount, amount_base, loss_reason, epoch_ms(closed_at)::DOUBLE AS closed FROM journeys ORDER BY 1');
    expect(rows).toEqual([
      { journey_id: '1', outcome: 'won', amount: 1000, amount_base: 1000, loss_reason: null, closed: Date.UTC(2024, 2, 1, 10) },
      { journey_id: '2', outcome: 'lost', amount: 500, amount_base: 500 * 1.1, loss_reason: 'Too expensive', closed: Date.UTC(2024, 1, 15, 8) },
    ]);
  });
});

describe('Salesforce report exports', () => {
  it('reads label headers and any file name, and sets the footer aside', async () => {
    const report = [
      '"Opportunity Owner","Account Name","Opportunity Name","Stage","Amount","Close Date","Created Date","Lead Source","Opportunity ID","Won","Closed"',
      '"Jane Doe","Acme","Acme - 100 licences","Closed Won","1,200.00","3/1/2024","1/5/2024","Web","0065g00000AAAAA","1","1"',
      '"Jane Doe","Beta","Beta - pilot","Proposal/Price Quote","500.00","4/30/2024","2/15/2024","Partner","0065g00000BBBBB","0","0"',
      '""',
      '"Grand Totals (2 records)"',
      '""',
      '"Confidential Information - Do Not Distribute"',
      '"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."',
    ];
    const { summary } = await sync(folder({ 'report1708943.csv': report }));
    expect(summary.source).toBe('salesforce');
    expect(summary.files).toEqual([{ file: 'report1708943.csv', object: 'Opportunity', encoding: 'utf-8', read: 2, kept: 2, rejected: 0 }]);
    expect(summary.notes.join('\n')).toMatch(/report1708943\.csv ends with a report footer \(3 lines, "Grand Totals \(2 records\)"\)/);
    const rows = queryRows(conn, 'SELECT name, owner, amount, outcome, epoch_ms(created_at)::DOUBLE AS created FROM journeys ORDER BY 1');
    expect(rows).toEqual([
      { name: 'Acme - 100 licences', owner: 'Jane Doe', amount: 1200, outcome: 'won', created: Date.UTC(2024, 0, 5) },
      { name: 'Beta - pilot', owner: 'Jane Doe', amount: 500, outcome: 'open', created: Date.UTC(2024, 1, 15) },
    ]);
  });
});

describe('any CSV through a mapping: the shipped examples on the real fixtures', () => {
  it('maven-crm: 8800 opportunities, sectors from accounts.csv', async () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'examples/mappings/maven-crm.json'), 'utf8'));
    const { summary } = await sync(fixture('maven-crm'), config);
    expect(summary.source).toBe('csv');
    expect(summary.not_read).toEqual(['products.csv']);
    // deal_stage counts in sales_pipeline.csv: Won 4238, Lost 2473, Engaging 1589, Prospecting 500.
    expect(reached()).toEqual({ lead: 8800, mql: 8800, sql: 8800, opportunity: 8300, poc: 4238, won: 4238 });
    expect(outcomes()).toEqual({ won: 4238, lost: 2473, open: 2089 });
    // Counted with python's csv module: retail won 799 of 1267 closed; 1425 rows have no account.
    const retail = queryRows(conn, `SELECT count(*) FILTER (WHERE outcome = 'won')::INT AS won, count(*) FILTER (WHERE outcome <> 'open')::INT AS closed FROM journeys WHERE industry = 'retail'`);
    expect(retail).toEqual([{ won: 799, closed: 1267 }]);
    expect(queryRows(conn, 'SELECT count(*)::INT AS n FROM journeys WHERE industry IS NULL')).toEqual([{ n: 1425 }]);
  });

  it('olist-funnel: 8000 MQLs, 842 of them won', async () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'examples/mappings/olist-funnel.json'), 'utf8'));
    const { summary } = await sync(fixture('olist-funnel'), config);
    expect(summary.files.map((f) => [f.file, f.read, f.rejected])).toEqual([
      ['olist_closed_deals_dataset.csv', 842, 0],
      ['olist_marketing_qualified_leads_dataset.csv', 8000, 0],
    ]);
    expect(reached()).toEqual({ lead: 8000, mql: 8000, sql: 842, opportunity: 842, poc: 842, won: 842 });
    // origin counts from the raw file: organic_search 2296 MQLs, 271 of them in closed deals.
    const organic = queryRows(conn, `SELECT count(*)::INT AS n, count(*) FILTER (WHERE outcome = 'won')::INT AS won FROM journeys WHERE source = 'organic_search'`);
    expect(organic).toEqual([{ n: 2296, won: 271 }]);
    expect(queryRows(conn, 'SELECT count(*)::INT AS n FROM journeys WHERE source IS NULL')).toEqual([{ n: 60 }]);
  });
});

describe('dates', () => {
  const leads = (...created: string[]) => folder({ 'Lead.csv': ['Id,Status,CreatedDate', ...created.map((c, i) => `00Q${i},New,${c}`)] });
  const fails = (dir: string, config?: unknown) => sync(dir, config).then(() => 'no error', (e: Error) => e.message);

  it('asks for the day/month order when no date in the export decides it', async () => {
    expect(await fails(leads('03/05/2024', '04/06/2024'))).toMatch(
      /cannot tell the day\/month order of dates such as Lead\.csv line 2, CreatedDate "03\/05\/2024".*set "dateOrder": "MDY".*or "DMY"/,
    );
  });

  it('decides the order from the whole column, never row by row', async () => {
    await sync(leads('03/05/2024', '25/12/2024'));
    expect(at('00Q0', 'lead')).toBe(Date.UTC(2024, 4, 3)); // 3 May: 25/12 shows days come first
  });

  it('stops when dates contradict each other', async () => {
    expect(await fails(leads('25/12/2024', '12/25/2024'))).toMatch(/dates disagree on day\/month order: Lead\.csv line 2.*day first, Lead\.csv line 3.*month first/);
  });

  it('follows the config when told', async () => {
    await sync(leads('03/05/2024'), { dateOrder: 'DMY' });
    expect(at('00Q0', 'lead')).toBe(Date.UTC(2024, 4, 3));
  });

  it('reads times without a zone in the configured time zone', async () => {
    await sync(leads('2024-01-01 08:00:00', '2024-07-01T08:00:00Z'), { timezone: 'Asia/Shanghai' });
    expect(at('00Q0', 'lead')).toBe(Date.UTC(2024, 0, 1, 0)); // 08:00 in Shanghai (UTC+8)
    expect(at('00Q1', 'lead')).toBe(Date.UTC(2024, 6, 1, 8)); // an explicit zone wins
    await sync(leads('2024-07-01 08:00:00'), { timezone: 'Europe/Berlin' });
    expect(at('00Q0', 'lead')).toBe(Date.UTC(2024, 6, 1, 6)); // summer time: UTC+2
  });

  it('names a time zone it does not know', async () => {
    expect(await fails(leads('2024-01-01'), { timezone: 'Mars/Olympus' })).toMatch(/timezone: not a time zone the platform knows/);
  });
});
