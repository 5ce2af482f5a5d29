import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, openDuckDB, queryRows, type Connection } from '../../cli/duckdb.ts';
import { funnelSql, shapeFunnel } from '../../metrics/index.ts';
import { runSync, type SyncSummary } from '../../sync/index.ts';
import { fixture, tempDir } from '../support/paths.ts';

let conn: Connection;
beforeAll(async () => {
  ({ conn } = await openDuckDB());
});

async function syncAndLoad(name: string) {
  const out = join(tempDir(), name);
  const summary = await runSync({ source: 'salesforce', inDir: fixture(name), outDir: out });
  const manifest = await loadDataset(conn, out);
  return { out, summary, manifest };
}

function reconciles(summary: SyncSummary) {
  for (const f of summary.files) expect(f.read, f.file).toBe(f.kept + f.rejected);
}

const funnel = (manifest: Awaited<ReturnType<typeof syncAndLoad>>['manifest'], by?: 'source') =>
  shapeFunnel(queryRows(conn, funnelSql({ by }, manifest.stage_model)), { by }, manifest.stage_model);

describe('salesforce-devorg (report-style dates 02/23/26 08:55 PM, TRUE/FALSE)', () => {
  let result: Awaited<ReturnType<typeof syncAndLoad>>;
  beforeAll(async () => {
    result = await syncAndLoad('salesforce-devorg');
  });

  it('accounts for every row of every file', () => {
    const { summary } = result;
    reconciles(summary);
    // Data rows counted with a CSV reader by hand: lines minus the header.
    expect(summary.files.map((f) => [f.file, f.read])).toEqual([
      ['Account.csv', 18],
      ['Lead.csv', 22],
      ['Opportunity.csv', 36],
      ['OpportunityHistory.csv', 48],
    ]);
    expect(summary.not_read).toEqual(['Contact.csv', 'OpportunityHistoryGroup.csv']);
  });

  it('rejects the history rows that say Closed Won for deals whose IsWon is FALSE, by line', () => {
    // In OpportunityHistory.csv, lines 8, 12, 19, 22, 34, 35 and 45 are "Closed Won" rows of the
    // seven opportunities that Opportunity.csv has as IsClosed TRUE, IsWon FALSE.
    const rejects = readFileSync(join(result.out, result.summary.rejects_file), 'utf8').trim().split(/\r?\n/).slice(1);
    expect(rejects.map((r) => r.split(',').slice(0, 3).join(','))).toEqual(
      [8, 12, 19, 22, 34, 35, 45].map((line) => `OpportunityHistory.csv,${line},StageName`),
    );
    expect(result.summary.files.find((f) => f.file === 'OpportunityHistory.csv')?.rejected).toBe(7);
  });

  it('makes 53 journeys with the funnel counted from the raw rows', () => {
    // 22 leads + 36 opportunities − 5 leads whose ConvertedOpportunityId is in Opportunity.csv = 53.
    // Every journey reached Lead; the 36 opportunities reached Opportunity (and so MQL and SQL);
    // 12 rows have IsWon TRUE; no stage maps to POC, so reaching POC means reaching Won.
    expect(result.summary.journeys).toBe(53);
    expect(funnel(result.manifest).map((r) => [r.stage, r.reached])).toEqual([
      ['lead', 53],
      ['mql', 36],
      ['sql', 36],
      ['opportunity', 36],
      ['poc', 12],
      ['won', 12],
    ]);
  });

  it('breaks down by source: the opportunity\'s LeadSource, else the lead\'s', () => {
    // Web: 7 leads with LeadSource Web (3 converted into Web opportunities) + opportunity
    // 006bm00000LKJNlAAP (Web, Closed Won, no lead) = 8; opportunities 4; won 1.
    const web = funnel(result.manifest, 'source').filter((r) => r.source === 'Web');
    expect(web.map((r) => r.reached)).toEqual([8, 4, 4, 4, 1, 1]);
  });

  it('reads two-digit-year dates with AM/PM as UTC', () => {
    const [row] = queryRows(
      conn,
      `SELECT epoch_ms(entered_at) AS t FROM stage_events WHERE journey_id = '006bm00000LKJNPAA5' AND stage = 'won'`,
    );
    // OpportunityHistory.csv line 4: Closed Won at 02/23/26 08:55 PM.
    expect(Number(row!.t)).toBe(Date.UTC(2026, 1, 23, 20, 55));
  });
});

describe('salesforce-sfdc-assets (UTF-8 BOM, ISO datetimes with +0000, false as blank)', () => {
  let result: Awaited<ReturnType<typeof syncAndLoad>>;
  beforeAll(async () => {
    result = await syncAndLoad('salesforce-sfdc-assets');
  });

  it('accounts for every row and lists the stage names it does not know', () => {
    reconciles(result.summary);
    expect(result.summary.files.map((f) => [f.file, f.read, f.rejected])).toEqual([
      ['Account.csv', 22, 0],
      ['Lead.csv', 60, 0],
      ['Opportunity.csv', 50, 0],
    ]);
    // StageName counts in Opportunity.csv: Negotiation 9, Discovery 9, Proposal/Quote 8 are not
    // Salesforce standard names.
    expect(result.summary.unmapped_stages).toEqual([
      { object: 'Opportunity', name: 'Negotiation', rows: 9 },
      { object: 'Opportunity', name: 'Discovery', rows: 9 },
      { object: 'Opportunity', name: 'Proposal/Quote', rows: 8 },
    ]);
  });

  it('makes the funnel counted from the raw rows', () => {
    // 60 leads, none converted, + 50 opportunities = 110 journeys. Lead Status: Qualified 24 (→ SQL),
    // New 21, Working 15. IsWon is 1 on 12 rows; blank IsWon means false.
    expect(funnel(result.manifest).map((r) => [r.stage, r.reached])).toEqual([
      ['lead', 110],
      ['mql', 74],
      ['sql', 74],
      ['opportunity', 50],
      ['poc', 12],
      ['won', 12],
    ]);
    const outcomes = queryRows(conn, `SELECT outcome, count(*)::INT AS n FROM journeys GROUP BY ALL ORDER BY 1`);
    // IsClosed 1 with IsWon blank: 3 rows.
    expect(outcomes).toEqual([
      { outcome: 'lost', n: 3 },
      { outcome: 'open', n: 95 },
      { outcome: 'won', n: 12 },
    ]);
  });

  it('reads 2024-01-22T16:14:25.000+0000 as UTC', () => {
    const [row] = queryRows(conn, `SELECT epoch_ms(created_at) AS t FROM journeys WHERE journey_id = '006Ec00000AieKFIAZ'`);
    expect(Number(row!.t)).toBe(Date.UTC(2024, 0, 22, 16, 14, 25));
  });
});
