/**
 * Checks a generated Salesforce export independently of the generator: parses the CSVs with
 * csv-parse, checks ids, links, stage order and dates, and recounts the ground truth from the rows.
 *
 *   npx tsx bench/generate-salesforce.ts --out DIR --opportunities N > counts.json
 *   npx tsx bench/verify-salesforce.ts DIR counts.json
 *
 * Exits non-zero listing the first problems found. Only needs the CSVs and the counts the generator
 * printed; it shares no code with the generator but the column list it expects.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import type { GeneratedCounts, GroundTruth } from './generate-salesforce.ts';

type Row = Record<string, string>;
const [dir, countsPath] = process.argv.slice(2);
if (!dir || !countsPath) throw new Error('usage: npx tsx bench/verify-salesforce.ts DIR counts.json');
const counts = JSON.parse(readFileSync(countsPath, 'utf8')) as GeneratedCounts;
const weekly = counts.layout === 'weekly';
const exportAt = Date.parse(`${counts.asOf}T00:00:00Z`);
const start = new Date(exportAt);
start.setUTCFullYear(start.getUTCFullYear() - 2);
const DAY = 86_400_000;

const problems: string[] = [];
const fail = (msg: string) => {
  if (problems.length < 50) problems.push(msg);
};
function check(ok: boolean, msg: () => string): void {
  if (!ok) fail(msg());
}

// ---------------------------------------------------------------- cell readers per layout

const EMPTY_LOOKUP = '000000000000000AAA';
const lookup = (v: string | undefined): string | null => (!v || v === EMPTY_LOOKUP ? null : v);
const bool = (v: string | undefined): boolean => {
  if (weekly ? v === '1' : v === 'true') return true;
  if (weekly ? v === '0' : v === 'false') return false;
  throw new Error(`not a ${counts.layout} boolean: "${v}"`);
};
const DATETIME = weekly ? /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/ : /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})\.000\+0000$/;
const DATE = weekly ? /^(\d{4}-\d{2}-\d{2}) 00:00:00$/ : /^(\d{4}-\d{2}-\d{2})$/;
function datetime(v: string | undefined): number | null {
  if (!v) return null;
  const m = DATETIME.exec(v);
  if (!m) throw new Error(`not a ${counts.layout} datetime: "${v}"`);
  return Date.parse(`${m[1]}T${m[2]}Z`);
}
function date(v: string | undefined): number | null {
  if (!v) return null;
  const m = DATE.exec(v);
  if (!m) throw new Error(`not a ${counts.layout} date: "${v}"`);
  return Date.parse(`${m[1]}T00:00:00Z`);
}
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
function validId(id: string | null, prefix: string): boolean {
  if (!id || !/^[0-9A-Za-z]{18}$/.test(id) || !id.startsWith(prefix)) return false;
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) if (/[A-Z]/.test(id[chunk * 5 + i]!)) flags |= 1 << i;
    if (id[15 + chunk] !== SUFFIX[flags]) return false;
  }
  return true;
}

/**
 * Windows-1252 bytes 0x80–0x9F (WHATWG index). Decoded by hand because Node 20's
 * TextDecoder('windows-1252') decodes them as Latin-1 C1 controls (’ becomes U+0092).
 */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
function decodeChunk(chunk: Buffer, utf8: TextDecoder): string {
  if (!weekly) return utf8.decode(chunk, { stream: true });
  return chunk.toString('latin1').replace(/[\x80-\x9f]/g, (c) => {
    const d = CP1252_HIGH[c.charCodeAt(0) - 0x80]!;
    if (d === c) throw new Error(`byte 0x${c.charCodeAt(0).toString(16)} is undefined in Windows-1252`);
    return d;
  });
}

/** Streams a file's records as objects; checks raw-byte properties of the layout on the way. */
async function* rows(file: string): AsyncGenerator<Row> {
  const path = join(dir!, file);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let sawLf = false;
  let sawCrLf = false;
  const decode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) (chunk[i - 1] === 0x0d ? (sawCrLf = true) : (sawLf = true));
      done(null, decodeChunk(chunk, decoder));
    },
    flush(done) {
      done(null, weekly ? '' : decoder.decode());
    },
  });
  const parser = createReadStream(path).pipe(decode).pipe(parse({ columns: true, bom: false, relax_quotes: false }));
  for await (const r of parser) yield r as Row;
  // A chunk boundary between CR and LF makes one LF look bare: only trust this for the weekly CRLF check.
  if (weekly) check(sawCrLf, () => `${file}: no CRLF line ends`);
  else check(!sawCrLf, () => `${file}: CRLF in a dataloader file (expected LF)`);
  void sawLf;
}

const CLOSED = new Set(['Closed Won', 'Closed Lost']);
const ORDER = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proof of Concept', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];
const fileRows: Record<string, number> = {};
let nulFields = 0;

// ---------------------------------------------------------------- users and accounts

const users = new Set<string>();
const userNames: string[] = [];
fileRows['User.csv'] = 0;
for await (const r of rows('User.csv')) {
  fileRows['User.csv']++;
  userNames.push(r.Name!);
  check(validId(r.Id!, '005'), () => `bad user id ${r.Id}`);
  users.add(r.Id!);
}

// Names that only survive a correct encoder and decoder: Windows-1252's curly apostrophe, Latin-1 accents.
check(userNames.includes('David O\u2019Brien') && userNames.includes('Zo\u00eb Lef\u00e8vre'), () => `user names mangled: ${userNames.join(', ')}`);
check(userNames.includes(weekly ? 'Wei Wang' : '\u738b\u4f1f'), () => `expected ${weekly ? 'pinyin' : 'Chinese'} user names: ${userNames.join(', ')}`);

const accountCreated = new Map<string, number>();
fileRows['Account.csv'] = 0;
for await (const r of rows('Account.csv')) {
  fileRows['Account.csv']++;
  check(validId(r.Id!, '001') && !accountCreated.has(r.Id!), () => `bad or repeated account id ${r.Id}`);
  check(users.has(r.OwnerId!), () => `account ${r.Id} owner ${r.OwnerId} is no user`);
  const created = datetime(r.CreatedDate)!;
  check(created >= start.getTime() && created < exportAt, () => `account ${r.Id} created ${r.CreatedDate} outside the window`);
  accountCreated.set(r.Id!, created);
}

// ---------------------------------------------------------------- opportunities and history

interface Opp { created: number; stage: string; isClosed: boolean; isWon: boolean; closeDate: number; poc: string; loss: string; hadPoc: boolean; histories: number; fromLead: boolean }
const opps = new Map<string, Opp>();
fileRows['Opportunity.csv'] = 0;
for await (const r of rows('Opportunity.csv')) {
  fileRows['Opportunity.csv']++;
  const id = r.Id!;
  check(validId(id, '006') && !opps.has(id), () => `bad or repeated opportunity id ${id}`);
  const accountId = lookup(r.AccountId);
  check(accountId !== null && accountCreated.has(accountId), () => `opportunity ${id} account ${r.AccountId} not in Account.csv`);
  check(users.has(r.OwnerId!), () => `opportunity ${id} owner is no user`);
  const created = datetime(r.CreatedDate)!;
  check(created >= start.getTime() && created < exportAt, () => `opportunity ${id} created ${r.CreatedDate} outside the window`);
  check(accountId === null || accountCreated.get(accountId)! <= created, () => `opportunity ${id} created before its account`);
  check(datetime(r.LastModifiedDate)! >= created && datetime(r.LastModifiedDate)! < exportAt, () => `opportunity ${id} LastModifiedDate out of range`);
  const o: Opp = {
    created, stage: r.StageName!, isClosed: bool(r.IsClosed), isWon: bool(r.IsWon), closeDate: date(r.CloseDate)!,
    poc: r.POC_Result__c!, loss: r.Loss_Reason__c!, hadPoc: false, histories: 0, fromLead: false,
  };
  check(o.isClosed === CLOSED.has(o.stage) && o.isWon === (o.stage === 'Closed Won'), () => `opportunity ${id} IsClosed/IsWon disagree with ${o.stage}`);
  check(o.isClosed ? o.closeDate < exportAt : o.closeDate >= exportAt + DAY, () => `opportunity ${id} (${o.stage}) CloseDate ${r.CloseDate}`);
  check((o.stage === 'Closed Lost') === (o.loss !== ''), () => `opportunity ${id} loss reason "${o.loss}" at ${o.stage}`);
  check(Number(r.Amount) > 0, () => `opportunity ${id} amount ${r.Amount}`);
  opps.set(id, o);
}

fileRows['OpportunityHistory.csv'] = 0;
const historyIds = new Set<string>();
interface Walk { id: string; o: Opp; last: number; stage: string; lastClose: number; passed: boolean; key: string }
/** The opportunity whose history rows are being read (they are contiguous). */
let current = null as Walk | null;
const finish = () => {
  if (!current) return;
  const { id, o } = current;
  check(current.stage === o.stage, () => `opportunity ${id}: last history stage ${current!.stage} ≠ StageName ${o.stage}`);
  if (o.isClosed) check(current.lastClose === o.closeDate && Math.floor(current.last / DAY) * DAY === o.closeDate, () => `opportunity ${id}: close date is not the closing row's day`);
  const expectPoc = !o.hadPoc ? '' : o.stage === 'Closed Lost' && !current.passed ? 'Failed' : current.passed ? 'Passed' : '';
  check(o.poc === expectPoc, () => `opportunity ${id}: POC_Result__c "${o.poc}", expected "${expectPoc}"`);
};
for await (const r of rows('OpportunityHistory.csv')) {
  fileRows['OpportunityHistory.csv']++;
  check(validId(r.Id!, '008') && !historyIds.has(r.Id!), () => `bad or repeated history id ${r.Id}`);
  historyIds.add(r.Id!);
  const oppId = lookup(r.OpportunityId)!;
  const o = opps.get(oppId);
  if (!o) {
    fail(`history ${r.Id} names opportunity ${r.OpportunityId}, not in Opportunity.csv`);
    continue;
  }
  const at = datetime(r.CreatedDate)!;
  if (current?.id !== oppId) {
    finish();
    check(o.histories === 0, () => `history of ${oppId} is not contiguous`);
    check(at === o.created, () => `opportunity ${oppId}: first history row ${r.CreatedDate} is not at its creation`);
    current = { id: oppId, o, last: at, stage: r.StageName!, lastClose: 0, passed: false, key: '' };
  }
  check(ORDER.includes(r.StageName!), () => `unknown stage ${r.StageName}`);
  check(at >= current.last && at < exportAt, () => `history ${r.Id}: ${r.CreatedDate} out of order or after asOf`);
  check(!CLOSED.has(current.stage) || current.stage === r.StageName, () => `opportunity ${oppId} moves after closing`);
  check(users.has(r.CreatedById!), () => `history ${r.Id} CreatedById is no user`);
  // Every history row records a change: of stage, amount or close date.
  const key = `${r.StageName}|${r.Amount}|${r.CloseDate}`;
  check(key !== current.key, () => `history ${r.Id} repeats the previous row of ${oppId} unchanged`);
  current.key = key;
  check(!o.isClosed || date(r.CloseDate)! < exportAt, () => `history ${r.Id} of closed ${oppId} has CloseDate ${r.CloseDate} after asOf`);
  if (r.StageName === 'Proof of Concept') o.hadPoc = true;
  // A POC passed when the deal went on from it to a proposal, a negotiation or a win.
  else if (o.hadPoc && ['Proposal/Price Quote', 'Negotiation/Review', 'Closed Won'].includes(r.StageName!)) current.passed = true;
  current.last = at;
  current.stage = r.StageName!;
  current.lastClose = date(r.CloseDate)!;
  o.histories++;
}
finish();
for (const [id, o] of opps) check(o.histories > 0, () => `opportunity ${id} has no history`);

// ---------------------------------------------------------------- leads, and the truth recount

const oppStage = (o: Opp) => (o.isWon ? 5 : o.hadPoc ? 4 : 3);
const deepest = [0, 0, 0, 0, 0, 0];
const leads = { total: 0, mql: 0, sql: 0, converted: 0, closedNotConverted: 0, open: 0 };
let deleted = 0;
const leadIds = new Set<string>();
const STATUS = new Set(['Open - Not Contacted', 'Working - Contacted', 'Marketing Qualified', 'Sales Qualified', 'Closed - Converted', 'Closed - Not Converted']);
fileRows['Lead.csv'] = 0;
for await (const r of rows('Lead.csv')) {
  fileRows['Lead.csv']++;
  const id = r.Id!;
  check(validId(id, '00Q') && !leadIds.has(id), () => `bad or repeated lead id ${id}`);
  leadIds.add(id);
  for (const v of Object.values(r)) if (v.includes('\u0000')) nulFields++;
  check(users.has(r.OwnerId!), () => `lead ${id} owner is no user`);
  check(STATUS.has(r.Status!), () => `lead ${id} status ${r.Status}`);
  if (bool(r.IsDeleted)) {
    deleted++;
    continue;
  }
  leads.total++;
  const created = datetime(r.CreatedDate)!;
  const mql = datetime(r.MQL_Date__c);
  const sql = datetime(r.SQL_Date__c);
  const converted = bool(r.IsConverted);
  const convertedDay = date(r.ConvertedDate);
  const lastMod = datetime(r.LastModifiedDate)!;
  check(created >= start.getTime() && created < exportAt, () => `lead ${id} created ${r.CreatedDate} outside the window`);
  check(lastMod >= created && lastMod < exportAt, () => `lead ${id} LastModifiedDate out of range`);
  check(mql === null || (mql >= created && mql < exportAt), () => `lead ${id} MQL ${r.MQL_Date__c} before creation or after asOf`);
  check(sql === null || (mql !== null && sql >= mql && sql < exportAt), () => `lead ${id} SQL ${r.SQL_Date__c} without/before MQL`);
  check(converted === (r.Status === 'Closed - Converted'), () => `lead ${id} IsConverted vs Status ${r.Status}`);
  check(r.Status !== 'Marketing Qualified' || (mql !== null && sql === null), () => `lead ${id} Marketing Qualified without MQL date`);
  check(r.Status !== 'Sales Qualified' || sql !== null, () => `lead ${id} Sales Qualified without SQL date`);
  if (mql !== null) leads.mql++;
  if (sql !== null) leads.sql++;
  if (r.Status === 'Closed - Not Converted') leads.closedNotConverted++;
  if (!converted) {
    check(convertedDay === null && !lookup(r.ConvertedOpportunityId) && !lookup(r.ConvertedAccountId) && !lookup(r.ConvertedContactId), () => `unconverted lead ${id} has conversion fields`);
    if (r.Status !== 'Closed - Not Converted') leads.open++;
    deepest[sql !== null ? 2 : mql !== null ? 1 : 0]!++;
    continue;
  }
  leads.converted++;
  const oppId = lookup(r.ConvertedOpportunityId);
  const o = oppId ? opps.get(oppId) : undefined;
  check(validId(lookup(r.ConvertedContactId), '003'), () => `lead ${id} ConvertedContactId ${r.ConvertedContactId}`);
  if (!o) {
    fail(`lead ${id} ConvertedOpportunityId ${r.ConvertedOpportunityId} not in Opportunity.csv`);
    continue;
  }
  check(!o.fromLead, () => `opportunity ${oppId} converted from two leads`);
  o.fromLead = true;
  check(accountCreated.has(lookup(r.ConvertedAccountId) ?? ''), () => `lead ${id} ConvertedAccountId not in Account.csv`);
  check(sql !== null && o.created >= sql, () => `lead ${id} converted before SQL`);
  check(convertedDay === Math.floor(o.created / DAY) * DAY, () => `lead ${id} ConvertedDate ≠ its opportunity's created day`);
  deepest[oppStage(o)]!++;
}
const opportunities = { total: 0, fromLeads: 0, direct: 0, withPoc: 0, pocPassed: 0, pocFailed: 0, won: 0, lost: 0, open: 0 };
for (const o of opps.values()) {
  opportunities.total++;
  if (o.fromLead) opportunities.fromLeads++;
  else {
    opportunities.direct++;
    deepest[oppStage(o)]!++;
  }
  if (o.hadPoc) opportunities.withPoc++;
  if (o.poc === 'Passed') opportunities.pocPassed++;
  if (o.poc === 'Failed') opportunities.pocFailed++;
  if (o.isWon) opportunities.won++;
  else if (o.isClosed) opportunities.lost++;
  else opportunities.open++;
}
const keys = ['lead', 'mql', 'sql', 'opportunity', 'poc', 'won'] as const;
const recount: GroundTruth = {
  journeys: leads.total + opportunities.direct,
  reached: Object.fromEntries(keys.map((k, i) => [k, deepest.slice(i).reduce((a, b) => a + b, 0)])) as GroundTruth['reached'],
  won: opportunities.won, lost: opportunities.lost, open: opportunities.open, leads, opportunities,
};

// ---------------------------------------------------------------- compare with what the generator said

check(JSON.stringify(recount) === JSON.stringify(counts.truth), () => `truth differs:\n  generator ${JSON.stringify(counts.truth)}\n  recount   ${JSON.stringify(recount)}`);
check(deleted === counts.deletedLeads, () => `deleted leads: generator ${counts.deletedLeads}, recount ${deleted}`);
for (const [file, { rows: n, bytes }] of Object.entries(counts.files)) {
  check(fileRows[file] === n, () => `${file}: generator says ${n} rows, parsed ${fileRows[file]}`);
  check(statSync(join(dir, file)).size === bytes, () => `${file}: generator says ${bytes} bytes, file has ${statSync(join(dir, file)).size}`);
}
if (weekly) check(nulFields > 0 || leads.total < 2000, () => 'weekly layout: expected some NUL bytes in Title');
else check(nulFields === 0, () => 'dataloader layout: NUL bytes found');

console.log(JSON.stringify({ dir, layout: counts.layout, rows: fileRows, nulFields, deleted, reached: recount.reached }, null, 1));
if (problems.length) {
  console.error(`${problems.length}${problems.length === 50 ? '+' : ''} problems:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('OK: ids link up, stages and dates are sane, and the recount equals the generator\'s truth');
