/**
 * The bad-input catalogue: what real exports get wrong, one test each, every one asserting that
 * read = kept + rejected per file (in sync()). Row problems go to the rejects file with file, line,
 * field and reason; problems that make a file unreadable stop sync with a message naming the file,
 * the line and what to do. More cases: csv.test.ts (line counting, delimiters, encodings) and
 * sync-readers.test.ts (dates: ambiguous and contradicting day/month order, time zones; missing FX rates).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, openDuckDB, queryRows, type Connection } from '../../cli/duckdb.ts';
import { runSync, type SyncSummary } from '../../sync/index.ts';
import { tempDir } from '../support/paths.ts';

let conn: Connection;
beforeAll(async () => {
  ({ conn } = await openDuckDB());
});

/** Writes CSV files into a fresh export folder: name → lines (joined with CRLF) or raw bytes. */
function exportFolder(files: Record<string, string[] | Uint8Array>): string {
  const dir = join(tempDir(), 'export');
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), content instanceof Uint8Array ? content : `${content.join('\r\n')}\r\n`);
  }
  return dir;
}

async function sync(files: Record<string, string[] | Uint8Array>, configJson?: unknown) {
  const inDir = exportFolder(files);
  const out = join(tempDir(), 'dataset');
  let configPath: string | undefined;
  if (configJson !== undefined) {
    configPath = join(inDir, '..', 'revlens.config.json');
    writeFileSync(configPath, typeof configJson === 'string' ? configJson : JSON.stringify(configJson));
  }
  const summary = await runSync({ source: 'salesforce', inDir, outDir: out, configPath });
  for (const f of summary.files) expect(f.read, `${f.file} read = kept + rejected`).toBe(f.kept + f.rejected);
  const rejects = parse(readFileSync(join(out, summary.rejects_file), 'utf8'), { columns: true }) as Record<string, string>[];
  return { summary, out, rejects };
}

const file = (s: SyncSummary, name: string) => s.files.find((f) => f.file === name)!;

const OPP_HEADER = 'Id,IsDeleted,Name,StageName,Amount,CloseDate,IsClosed,IsWon,CreatedDate,LeadSource';

describe('rows sync cannot use go to rejects.csv with file, line, field and reason', () => {
  it('deleted, duplicate, unreadable amount and date, and ragged rows', async () => {
    const { summary, rejects } = await sync({
      'Opportunity.csv': [
        OPP_HEADER,
        '006A,false,Good,Prospecting,100,2024-03-01,false,false,2024-01-01,Web',
        '006B,true,Deleted,Prospecting,100,2024-03-01,false,false,2024-01-01,Web',
        '006A,false,Again,Prospecting,100,2024-03-01,false,false,2024-01-01,Web',
        '006C,false,Bad amount,Prospecting,12abc,2024-03-01,false,false,2024-01-01,Web',
        '006D,false,Bad date,Prospecting,5,2024-03-01,false,false,next week,Web',
        '006E,false,Short,Prospecting,5',
        '006F,false,"Quoted, with comma and',
        'a line break",Closed Won,7,2024-03-01,true,true,2024-01-02,Web',
        '006G,false,Negative,Prospecting,-3,2024-03-01,false,false,2024-01-01,Web',
      ],
    });
    const opp = file(summary, 'Opportunity.csv');
    expect([opp.read, opp.kept, opp.rejected]).toEqual([8, 2, 6]);
    expect(summary.journeys).toBe(2);
    const cells = rejects.map((r) => `${r.file},${r.line},${r.field}`);
    expect(cells).toEqual([
      'Opportunity.csv,3,IsDeleted',
      'Opportunity.csv,4,Id',
      'Opportunity.csv,5,Amount',
      'Opportunity.csv,6,CreatedDate',
      'Opportunity.csv,7,',
      'Opportunity.csv,10,Amount',
    ]);
    expect(rejects[1]!.reason).toMatch(/duplicate Id: the record on line 2/);
    expect(rejects[3]!.reason).toMatch(/"next week" is not a date/);
  });

  it('history rows of an opportunity the export does not have', async () => {
    const { summary, rejects } = await sync({
      'Opportunity.csv': [OPP_HEADER, '006A,false,A,Prospecting,1,2024-03-01,false,false,2024-01-01,Web'],
      'OpportunityHistory.csv': [
        'Id,OpportunityId,CreatedDate,StageName,IsDeleted',
        '008a,006A,2024-01-02,Qualification,false',
        '008b,006Z,2024-01-02,Qualification,false',
      ],
    });
    expect(file(summary, 'OpportunityHistory.csv')).toMatchObject({ read: 2, kept: 1, rejected: 1 });
    expect(rejects[0]).toMatchObject({ file: 'OpportunityHistory.csv', line: '3', field: 'OpportunityId' });
    expect(rejects[0]!.reason).toMatch(/^opportunity 006Z is not in Opportunity\.csv/);
  });

  it('history and leads of a rejected opportunity say why', async () => {
    const { summary, rejects, out } = await sync({
      'Lead.csv': ['Id,Status,CreatedDate,IsConverted,ConvertedOpportunityId,ConvertedDate', '00QA,Closed - Converted,2024-01-01,true,006B,2024-01-05'],
      'Opportunity.csv': [OPP_HEADER, '006B,false,B,Prospecting,lots,2024-03-01,false,false,2024-01-05,Web'],
      'OpportunityHistory.csv': ['Id,OpportunityId,CreatedDate,StageName,IsDeleted', '008a,006B,2024-01-06,Qualification,false'],
    });
    expect(rejects.map((r) => `${r.file},${r.line},${r.field}`)).toEqual(['Opportunity.csv,2,Amount', 'OpportunityHistory.csv,2,OpportunityId']);
    expect(rejects[1]!.reason).toBe('its opportunity 006B was rejected (Opportunity.csv line 2: "lots" is not a number)');
    // The converted lead still reached Opportunity (when it converted), and the summary says so.
    expect(summary.notes.join('\n')).toMatch(/1 converted leads point at opportunities not among those read/);
    await loadDataset(conn, out);
    expect(queryRows(conn, `SELECT stage, epoch_ms(entered_at)::DOUBLE AS t FROM stage_events ORDER BY t`)).toEqual([
      { stage: 'lead', t: Date.UTC(2024, 0, 1) },
      { stage: 'opportunity', t: Date.UTC(2024, 0, 5) },
    ]);
  });

  it('neutralizes cells that Excel would run as formulas', async () => {
    const { rejects } = await sync({
      'Opportunity.csv': [OPP_HEADER, '006A,false,A,Prospecting,1,2024-03-01,false,false,2024-01-01,Web', '"=HYPERLINK(""x"")",false,B,Prospecting,x,,,,,'],
    });
    expect(rejects.at(-1)!.record_id).toBe(`'=HYPERLINK("x")`);
  });
});

describe('encodings and layouts', () => {
  it('reads a weekly export: Windows-1252, all quoted, 0/1, padded dates, empty lookups, NUL bytes', async () => {
    const text = [
      '"Id","IsDeleted","Company","Status","LeadSource","CreatedDate","IsConverted","ConvertedOpportunityId","Title"',
      '"00QA","0","Müller & Söhne GmbH – O\u2019Brien","Working - Contacted","Web","2024-02-01 00:00:00","0","000000000000000AAA","Directeur\0 général"',
    ].join('\r\n');
    // Windows-1252 bytes of the text above: ü = FC, ö = F6, é = E9, and from the range where
    // Windows-1252 differs from Latin-1, – = 96 and ’ = 92.
    const cp1252: Record<string, number> = { '–': 0x96, '\u2019': 0x92 };
    const bytes = Uint8Array.from([...text].map((c) => cp1252[c] ?? c.charCodeAt(0)));
    const { summary, out } = await sync({ 'Lead.csv': bytes });
    expect(file(summary, 'Lead.csv')).toMatchObject({ encoding: 'windows-1252', read: 1, kept: 1 });
    await loadDataset(conn, out);
    const [row] = queryRows(conn, 'SELECT name, opportunity_id, epoch_ms(created_at)::DOUBLE AS t FROM journeys');
    expect(row).toEqual({ name: 'Müller & Söhne GmbH – O\u2019Brien', opportunity_id: null, t: Date.UTC(2024, 1, 1) });
  });

  it('reads UTF-16LE tab-separated text (Excel "Unicode text") with Chinese', async () => {
    const text = '\ufeffId\tCompany\tStatus\tCreatedDate\r\n00QA\t上海某某科技有限公司\tMarketing Qualified\t2024-02-01\r\n';
    const bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
    const { summary, out } = await sync({ 'Lead.csv': bytes });
    expect(file(summary, 'Lead.csv')).toMatchObject({ encoding: 'utf-16le', read: 1, kept: 1 });
    await loadDataset(conn, out);
    expect(queryRows(conn, 'SELECT name, stage FROM journeys')).toEqual([{ name: '上海某某科技有限公司', stage: 'mql' }]);
  });

  it('reads UTF-16BE tab-separated text with a byte-order mark (Excel "Unicode text", big-endian)', async () => {
    const text = [
      '\ufeffId\tIsDeleted\tCompany\tStatus\tLeadSource\tCreatedDate',
      '00QA\tfalse\t上海某某科技有限公司\tMarketing Qualified\t展会\t2024-02-01',
      '00QB\tfalse\t"北京示例\t有限公司"\tWorking - Contacted\tWeb\t2024-02-03',
      '00QC\ttrue\t深圳已删除公司\tNew\tWeb\t2024-02-05',
      '',
    ].join('\r\n');
    // Big-endian: each UTF-16 code unit high byte first, so the file starts FE FF.
    const bytes = new Uint8Array(Buffer.from(text, 'utf16le').swap16());
    expect([...bytes.subarray(0, 4)]).toEqual([0xfe, 0xff, 0x00, 0x49]);
    const { summary, out, rejects } = await sync({ 'Lead.csv': bytes });
    // Counted by hand: three leads read; 00QC is deleted (rejected), 00QA and 00QB are kept.
    expect(file(summary, 'Lead.csv')).toMatchObject({ encoding: 'utf-16be', read: 3, kept: 2, rejected: 1 });
    expect(rejects.map((r) => `${r.file},${r.line},${r.field},${r.record_id}`)).toEqual(['Lead.csv,4,IsDeleted,00QC']);
    // Two journeys: 00QA an MQL (its status), 00QB a lead; the tab inside the quoted company stays.
    expect(summary.journeys).toBe(2);
    await loadDataset(conn, out);
    expect(queryRows(conn, 'SELECT journey_id, name, source, stage, epoch_ms(created_at)::DOUBLE AS t FROM journeys ORDER BY 1')).toEqual([
      { journey_id: '00QA', name: '上海某某科技有限公司', source: '展会', stage: 'mql', t: Date.UTC(2024, 1, 1) },
      { journey_id: '00QB', name: '北京示例\t有限公司', source: 'Web', stage: 'lead', t: Date.UTC(2024, 1, 3) },
    ]);
    // Stage events: 00QA entered lead and mql, 00QB lead: three.
    expect(summary.stage_events).toBe(3);
  });

  it('builds journeys from OpportunityHistory.csv alone', async () => {
    const { summary, out } = await sync({
      'OpportunityHistory.csv': [
        'Id,OpportunityId,CreatedDate,StageName,IsDeleted',
        '008a,006A,2024-01-02,Prospecting,false',
        '008b,006A,2024-01-09,Closed Won,false',
        '008c,006B,2024-01-03,Prospecting,false',
        '008d,006B,2024-02-03,Closed Lost,false',
      ],
    });
    expect(summary.journeys).toBe(2);
    await loadDataset(conn, out);
    expect(queryRows(conn, 'SELECT journey_id, outcome, epoch_ms(closed_at)::DOUBLE AS closed FROM journeys ORDER BY 1')).toEqual([
      { journey_id: '006A', outcome: 'won', closed: Date.UTC(2024, 0, 9) },
      { journey_id: '006B', outcome: 'lost', closed: Date.UTC(2024, 1, 3) },
    ]);
  });
});

describe('values that cannot be right', () => {
  it('a stage entered in the future is rejected, an expected close date in the future is not', async () => {
    const { rejects, summary } = await sync({
      'Opportunity.csv': [
        OPP_HEADER,
        '006A,false,A,Prospecting,1,2099-03-01,false,false,2024-01-01,Web',
        '006B,false,B,Prospecting,1,2024-03-01,false,false,2099-01-01,Web',
      ],
    });
    expect(summary.journeys).toBe(1);
    expect(rejects.map((r) => [r.line, r.field])).toEqual([['3', 'CreatedDate']]);
    expect(rejects[0]!.reason).toMatch(/"2099-01-01" is in the future/);
  });

  it('a stage entered before the journey was created is kept, and the summary says how often', async () => {
    const { summary } = await sync({
      'Lead.csv': ['Id,Status,CreatedDate,MQL_Date__c', '00QA,Marketing Qualified,2024-03-01,2024-01-15', '00QB,Marketing Qualified,2024-03-01,2024-03-02'],
    });
    expect(summary.journeys).toBe(2);
    expect(summary.notes.join('\n')).toMatch(/1 journeys entered a stage more than a day before they were created \(e\.g\. 00QA: mql on 2024-01-15, created 2024-03-01\)/);
  });

  it('amounts that are text, not a number, or negative are rejected naming the cell', async () => {
    const { rejects } = await sync({
      'Opportunity.csv': [
        OPP_HEADER,
        '006A,false,A,Prospecting,about 5k,2024-03-01,false,false,2024-01-01,Web',
        '006B,false,B,Prospecting,NaN,2024-03-01,false,false,2024-01-01,Web',
        '006C,false,C,Prospecting,-100,2024-03-01,false,false,2024-01-01,Web',
        '006D,false,D,Prospecting,"1,000.50",2024-03-01,false,false,2024-01-01,Web',
      ],
    });
    expect(rejects.map((r) => [r.line, r.field, r.reason])).toEqual([
      ['2', 'Amount', '"about 5k" is not a number'],
      ['3', 'Amount', '"NaN" is not a number'],
      ['4', 'Amount', '"-100" is negative; amounts must be 0 or more'],
    ]);
  });

  it('stage names not in the map count as Opportunity and are listed', async () => {
    const { summary } = await sync({
      'Opportunity.csv': [OPP_HEADER, '006A,false,A,Discovery Call,1,2024-03-01,false,false,2024-01-01,Web', '006B,false,B,discovery  call,1,2024-03-01,false,false,2024-01-01,Web'],
    });
    expect(summary.unmapped_stages).toEqual([{ object: 'Opportunity', name: 'Discovery Call', rows: 2 }]);
  });

  it('trailing empty columns are harmless; extra non-empty ones reject the row', async () => {
    const { rejects, summary } = await sync({
      'Lead.csv': ['Id,Status,CreatedDate', '00QA,New,2024-01-01,,', '00QB,New,2024-01-01,oops'],
    });
    expect(summary.journeys).toBe(1);
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([['3', 'the record has 4 fields but the header has 3 (the extra ones are not empty): a field may hold an unquoted comma or a stray quote']]);
  });
});

describe('how records link up', () => {
  it('matches 15-character ids (reports) with 18-character ones (Data Loader)', async () => {
    const { summary } = await sync({
      'Lead.csv': ['Id,Status,CreatedDate,IsConverted,ConvertedOpportunityId', '00Q5g00000LEADAAA1,Closed - Converted,2024-01-01,true,0065g00000XYZAB'],
      'Opportunity.csv': [OPP_HEADER, '0065g00000XYZABAAZ,false,A,Prospecting,1,2024-03-01,false,false,2024-01-05,Web'],
      'OpportunityHistory.csv': ['Id,OpportunityId,CreatedDate,StageName,IsDeleted', '008a,0065g00000XYZAB,2024-01-06,Qualification,false'],
    });
    expect(summary.journeys).toBe(1);
    expect(summary.rejected).toBe(0);
  });

  it('closes a deal lost, reopened and lost again on its last loss', async () => {
    const { out } = await sync({
      'Opportunity.csv': [OPP_HEADER, '006A,false,A,Closed Lost,1,2024-03-01,true,false,2024-01-01,Web'],
      'OpportunityHistory.csv': [
        'Id,OpportunityId,CreatedDate,StageName,IsDeleted',
        '008a,006A,2024-01-02,Prospecting,false',
        '008b,006A,2024-01-10,Closed Lost,false',
        '008c,006A,2024-02-01,Qualification,false',
        '008d,006A,2024-03-01,Closed Lost,false',
      ],
    });
    await loadDataset(conn, out);
    expect(queryRows(conn, 'SELECT outcome, epoch_ms(closed_at)::DOUBLE AS closed FROM journeys')).toEqual([
      { outcome: 'lost', closed: Date.UTC(2024, 2, 1) },
    ]);
  });

  it('reads column names in any case, as some Data Loader settings write them', async () => {
    const { summary } = await sync({ 'Opportunity.csv': ['ID,ISDELETED,NAME,STAGENAME,AMOUNT,CREATEDDATE', '006A,false,A,Prospecting,5,2024-01-01'] });
    expect(summary.journeys).toBe(1);
  });
});

describe('problems that stop sync name the file, where, and what to do', () => {
  const fails = (files: Record<string, string[] | Uint8Array>, config?: unknown) => sync(files, config).then(() => 'no error', (e: Error) => e.message);

  it('a missing required column', async () => {
    expect(await fails({ 'Opportunity.csv': ['Id,Name', '006A,A'] })).toMatch(/Opportunity\.csv has no StageName column: export Opportunity with StageName/);
  });

  it('an empty file', async () => {
    expect(await fails({ 'Lead.csv': new Uint8Array() })).toMatch(/Lead\.csv is empty/);
  });

  it('header-only files: nothing usable', async () => {
    expect(await fails({ 'Lead.csv': ['Id,Status'] })).toMatch(/nothing usable .*0 records read/);
  });

  it('a quote that never closes', async () => {
    expect(await fails({ 'Lead.csv': ['Id,Company', '00QA,Fine', '00QB,"Never closed', '00QC,x'] })).toMatch(/Lead\.csv line 3: a quoted field never closes/);
  });

  it('a folder with no Salesforce files', async () => {
    expect(await fails({ 'Contact.csv': ['Id', '003A'] })).toMatch(/has no Lead\.csv, Opportunity\.csv or OpportunityHistory\.csv \(a Salesforce export folder\) \(CSV files there: Contact\.csv\)/);
  });

  it('a config with unknown settings and stage targets', async () => {
    const message = await fails({ 'Lead.csv': ['Id', '00QA'] }, { stagse: {}, stages: { Demo: 'demo' } });
    expect(message).toMatch(/revlens\.config\.json has 2 problem/);
    expect(message).toMatch(/unknown setting\(s\) "stagse"/);
    expect(message).toMatch(/stages\.Demo: "demo" is not an opportunity stage; use one of: opportunity, poc, won, lost/);
  });

  it('a config that is not JSON', async () => {
    expect(await fails({ 'Lead.csv': ['Id', '00QA'] }, '{ stages: ')).toMatch(/revlens\.config\.json is not valid JSON/);
  });

  it('a file that mixes encodings', async () => {
    // UTF-8 Chinese, then one Windows-1252 byte (é = E9) pasted into line 3.
    const bytes = Buffer.concat([Buffer.from('Id,Company,CreatedDate\r\n00QA,上海科技,2024-01-01\r\n00QB,Caf', 'utf8'), Buffer.from([0xe9]), Buffer.from(',2024-01-01\r\n')]);
    expect(await fails({ 'Lead.csv': new Uint8Array(bytes) })).toMatch(/Lead\.csv line 3: a byte that is not UTF-8 in a file that otherwise is \(mixed encodings/);
  });

  it('a line longer than any CRM record (a 1 GB line: here 70 MB, past the 64 MB limit)', async () => {
    const huge = Buffer.alloc(70 << 20, 'x');
    const bytes = Buffer.concat([Buffer.from('Id,Company\n00QA,Fine\n00QB,'), huge, Buffer.from('\n')]);
    expect(await fails({ 'Lead.csv': new Uint8Array(bytes) })).toMatch(/Lead\.csv line 3: a record longer than 64 MB/);
  }, 60_000);

  it('an --out folder that is not a dataset is left alone', async () => {
    const inDir = exportFolder({ 'Lead.csv': ['Id', '00QA'] });
    const out = tempDir();
    writeFileSync(join(out, 'precious.txt'), 'keep me');
    await expect(runSync({ inDir, outDir: out })).rejects.toThrow(/is not a RevLens dataset/);
    expect(existsSync(join(out, 'precious.txt'))).toBe(true);
  });
});

describe('the config maps an org\'s own names', () => {
  it('stage names, lead statuses and stage date columns', async () => {
    const { summary, out } = await sync(
      {
        'Lead.csv': [
          'Id,Status,CreatedDate,MQL_Date__c,IsConverted,ConvertedOpportunityId',
          '00QA,Hot,2024-01-01,2024-01-04,true,006A',
          '00QB,Nurture,2024-01-02,,false,',
        ],
        'Opportunity.csv': [OPP_HEADER, '006A,false,A,Technical Demo,1,2024-03-01,false,false,2024-01-10,Web'],
      },
      { stages: { 'Technical Demo': 'poc' }, leadStatuses: { Hot: 'mql', Nurture: 'lead' }, leadStageDates: { mql: 'MQL_Date__c' } },
    );
    expect(summary.unmapped_stages).toEqual([]);
    await loadDataset(conn, out);
    const events = queryRows(conn, `SELECT journey_id, stage, epoch_ms(entered_at)::DOUBLE AS t FROM stage_events ORDER BY 1, 3`);
    expect(events).toEqual([
      { journey_id: '00QA', stage: 'lead', t: Date.UTC(2024, 0, 1) },
      { journey_id: '00QA', stage: 'mql', t: Date.UTC(2024, 0, 4) },
      { journey_id: '00QA', stage: 'opportunity', t: Date.UTC(2024, 0, 10) },
      // The current stage maps to POC; the export does not say when it was entered.
      { journey_id: '00QA', stage: 'poc', t: null },
      { journey_id: '00QB', stage: 'lead', t: Date.UTC(2024, 0, 2) },
    ]);
  });
});
