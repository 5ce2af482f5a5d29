/**
 * A seeded generator of realistic Salesforce object exports (Lead, Opportunity, OpportunityHistory,
 * Account, User) for sync benchmarks and end-to-end tests. It returns the ground-truth funnel it
 * generated, counted while generating, so a test can compare sync + funnel with what went in.
 *
 *   npx tsx bench/generate-salesforce.ts --out DIR --opportunities N [--seed 42] [--layout dataloader|weekly] [--as-of 2026-09-30]
 *
 * Rows stream to disk in chunks with backpressure: a million opportunities (≈ 14 million rows) take
 * constant memory. The same seed and layout give byte-identical files; the same seed in the other
 * layout gives the same journeys and ground truth (only formatting and Chinese-vs-Latin text differ).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRandom } from './random.ts';
import { STAGE_META, USERS, type LocalText } from './salesforce/catalog.ts';
import { CsvWriter, type Cell, type ColumnSpec, type Kind, type Layout } from './salesforce/csv-writer.ts';
import { IdSequence, KEY_PREFIX } from './salesforce/ids.ts';
import { Simulator, companyName, personName, type Account, type LeadJourney, type OpportunityJourney } from './salesforce/journeys.ts';

export interface GenerateOptions {
  outDir: string;
  /** Exactly this many opportunities are written (≈ 85% from converted leads, 15% direct). */
  opportunities: number;
  seed?: number;
  layout?: Layout;
  /** The export day, YYYY-MM-DD: nothing happens on or after 00:00 UTC that day. */
  asOf?: string;
  /** Also write a few duplicate leads marked IsDeleted (not journeys; sync should reject them). Default true. */
  includeDeleted?: boolean;
  /** Called now and then with the number of opportunities written so far. */
  onProgress?: (opportunities: number) => void;
}

export const STAGE_KEYS = ['lead', 'mql', 'sql', 'opportunity', 'poc', 'won'] as const;
export type StageKey = (typeof STAGE_KEYS)[number];

/**
 * What was generated, journey by journey. A journey is a non-deleted lead (with the opportunity it
 * converted into, if any) or an opportunity created without a lead. `reached` is monotone, as the
 * funnel counts it: a journey counts for its deepest stage and every earlier one. Deepest stage:
 * won if IsWon; else poc if its OpportunityHistory has a "Proof of Concept" row; else opportunity if
 * it is an opportunity (a converted lead or a direct one); else sql if SQL_Date__c is set; else mql
 * if MQL_Date__c is set; else lead.
 */
export interface GroundTruth {
  journeys: number;
  reached: Record<StageKey, number>;
  /** Opportunity outcomes: IsWon; IsClosed and not IsWon (Closed Lost); still open. */
  won: number;
  lost: number;
  open: number;
  leads: { total: number; mql: number; sql: number; converted: number; closedNotConverted: number; open: number };
  opportunities: {
    total: number; fromLeads: number; direct: number; withPoc: number; pocPassed: number; pocFailed: number;
    won: number; lost: number; open: number;
  };
}

export const FILES = ['Lead.csv', 'Opportunity.csv', 'OpportunityHistory.csv', 'Account.csv', 'User.csv'] as const;
export type FileName = (typeof FILES)[number];

export interface GeneratedCounts {
  outDir: string;
  layout: Layout;
  seed: number;
  asOf: string;
  files: Record<FileName, { rows: number; bytes: number }>;
  /** Lead rows with IsDeleted = true: in Lead.csv's rows, not in the ground truth. */
  deletedLeads: number;
  truth: GroundTruth;
  elapsedMs: number;
  rowsPerSecond: number;
}

const columns = (spec: string): ColumnSpec[] =>
  spec.trim().split(/\s+/).map((c) => {
    const [name, kind] = c.split(':') as [string, Kind];
    return { name, kind };
  });

const COLUMNS: Record<FileName, ColumnSpec[]> = {
  'Lead.csv': columns(`Id:id IsDeleted:bool FirstName:text LastName:text Name:text Company:text Title:text Email:text
    LeadSource:text Status:text Industry:text Country:text State:text Region__c:text NumberOfEmployees:number
    OwnerId:lookup IsConverted:bool ConvertedDate:date ConvertedAccountId:lookup ConvertedContactId:lookup
    ConvertedOpportunityId:lookup CreatedDate:datetime LastModifiedDate:datetime MQL_Date__c:datetime
    SQL_Date__c:datetime Campaign__c:text UTM_Source__c:text UTM_Medium__c:text UTM_Campaign__c:text Keyword__c:text`),
  'Opportunity.csv': columns(`Id:id IsDeleted:bool AccountId:lookup Name:text StageName:text Amount:number
    Probability:number CloseDate:date Type:text LeadSource:text IsClosed:bool IsWon:bool ForecastCategory:text
    OwnerId:lookup CreatedDate:datetime LastModifiedDate:datetime Loss_Reason__c:text POC_Result__c:text Product__c:text`),
  'OpportunityHistory.csv': columns(`Id:id OpportunityId:lookup CreatedById:lookup CreatedDate:datetime StageName:text
    Amount:number ExpectedRevenue:number CloseDate:date Probability:number ForecastCategory:text IsDeleted:bool`),
  'Account.csv': columns(`Id:id IsDeleted:bool Name:text Type:text Industry:text BillingCountry:text BillingState:text
    Region__c:text NumberOfEmployees:number OwnerId:lookup CreatedDate:datetime`),
  'User.csv': columns('Id:id FirstName:text LastName:text Name:text Department:text Title:text IsActive:bool'),
};

const DAY = 86_400_000;
const DEFAULT_AS_OF = '2026-09-30';

function exportMoment(asOf: string): { start: number; exportAt: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  const exportAt = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) : NaN;
  if (!m || new Date(exportAt).toISOString().slice(0, 10) !== asOf) throw new Error(`asOf must be a day written YYYY-MM-DD, got "${asOf}"`);
  return { start: Date.UTC(+m[1]! - 2, +m[2]! - 1, +m[3]!), exportAt };
}

export async function generateSalesforce(opts: GenerateOptions): Promise<GeneratedCounts> {
  const began = performance.now();
  const { outDir, opportunities, seed = 42, layout = 'dataloader', asOf = DEFAULT_AS_OF, includeDeleted = true } = opts;
  if (!Number.isInteger(opportunities) || opportunities < 0) throw new Error(`opportunities must be a whole number ≥ 0, got ${opportunities}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be a whole number, got ${seed}`);
  if (layout !== 'dataloader' && layout !== 'weekly') throw new Error(`layout must be "dataloader" or "weekly", got "${layout as string}"`);
  const { start, exportAt } = exportMoment(asOf);

  await mkdir(outDir, { recursive: true });
  const out = Object.fromEntries(FILES.map((f) => [f, new CsvWriter(join(outDir, f), COLUMNS[f], layout)])) as Record<FileName, CsvWriter>;
  /** The text a layout can hold: Chinese in UTF-8 Data Loader files, Latin in Windows-1252 weekly ones. */
  const latin = layout === 'weekly';
  const say = latin ? (x: LocalText) => x.latin : (x: LocalText) => x.native;
  const sayOrNull = (x: LocalText | null) => (x === null ? null : say(x));

  // Ids start at arbitrary, fixed record numbers, as in an org that already holds records.
  const ids = {
    lead: new IdSequence(KEY_PREFIX.Lead, 3_900_000_000),
    opportunity: new IdSequence(KEY_PREFIX.Opportunity, 2_700_000_000),
    history: new IdSequence(KEY_PREFIX.OpportunityHistory, 5_100_000_000),
    account: new IdSequence(KEY_PREFIX.Account, 1_800_000_000),
    contact: new IdSequence(KEY_PREFIX.Contact, 4_400_000_000),
    user: new IdSequence(KEY_PREFIX.User, 600_000_000),
  };
  const userId = new Map<string, string>();
  for (const u of USERS) {
    userId.set(u.key, ids.user.next());
    out['User.csv'].write([userId.get(u.key)!, say(u.first), say(u.last), say(u.name), u.team, u.title, !u.leftOn]);
  }

  const truth: GroundTruth = {
    journeys: 0, reached: { lead: 0, mql: 0, sql: 0, opportunity: 0, poc: 0, won: 0 }, won: 0, lost: 0, open: 0,
    leads: { total: 0, mql: 0, sql: 0, converted: 0, closedNotConverted: 0, open: 0 },
    opportunities: { total: 0, fromLeads: 0, direct: 0, withPoc: 0, pocPassed: 0, pocFailed: 0, won: 0, lost: 0, open: 0 },
  };
  /** Journeys by the index of their deepest stage; `reached` is summed from it at the end. */
  const deepest = [0, 0, 0, 0, 0, 0];
  let deletedLeads = 0;

  const writeAccount = (a: Account) => {
    a.id = ids.account.next();
    const c = a.company;
    out['Account.csv'].write([
      a.id, false, companyName(c, latin), a.type, c.industry.name, c.place.country, sayOrNull(c.place.state), say(c.region.name),
      c.employees, userId.get(a.owner.key)!, a.created,
    ]);
  };

  /** Writes an opportunity (and its new account and history); returns its id and deepest stage index. */
  const writeOpportunity = (o: OpportunityJourney): { id: string; stage: number } => {
    if (o.newAccount) writeAccount(o.account);
    const id = ids.opportunity.next();
    const last = o.history[o.history.length - 1]!;
    const meta = STAGE_META[last.stage]!;
    const ownerId = userId.get(o.owner.key)!;
    const name = `${companyName(o.account.company, latin)} - ${o.product}${o.type === 'New Customer' ? '' : ' (Expansion)'}`;
    out['Opportunity.csv'].write([
      id, false, o.account.id, name, last.stage, last.amount, meta.probability, last.closeDate, o.type, o.source,
      o.isClosed, o.isWon, meta.forecast, ownerId, o.created, o.lastModified, sayOrNull(o.lossReason), o.pocResult, o.product,
    ]);
    for (const e of o.history) {
      const m = STAGE_META[e.stage]!;
      out['OpportunityHistory.csv'].write([
        ids.history.next(), id, ownerId, e.at, e.stage, e.amount, Math.round(e.amount * m.probability) / 100,
        e.closeDate, m.probability, m.forecast, false,
      ]);
    }
    if (o.isWon) sim.rememberCustomer(o.account, last.at);

    const t = truth.opportunities;
    t.total++;
    if (o.hadPoc) t.withPoc++;
    if (o.pocResult === 'Passed') t.pocPassed++;
    if (o.pocResult === 'Failed') t.pocFailed++;
    if (o.isWon) t.won++;
    else if (o.isClosed) t.lost++;
    else t.open++;
    return { id, stage: o.isWon ? 5 : o.hadPoc ? 4 : 3 };
  };

  const writeLead = (l: LeadJourney, conversion: { accountId: string; opportunityId: string } | null, deleted: boolean) => {
    const c = l.company;
    let title = say(l.title);
    // Rich-text debris: a NUL inside the text (the weekly export passes it through), or a line break.
    if (l.titleQuirk === 1 && latin) title = `${title.slice(0, title.length >> 1)}\u0000${title.slice(title.length >> 1)}`;
    if (l.titleQuirk === 2) title += '\nInterim';
    const m = l.marketing;
    out['Lead.csv'].write([
      ids.lead.next(), deleted, say(l.person.first), say(l.person.last), personName(l.person, latin), companyName(c, latin), title,
      l.person.email, l.source.name, l.status, c.industry.name, c.place.country, sayOrNull(c.place.state), say(c.region.name),
      c.employees, userId.get(l.owner.key)!, conversion !== null, l.convertedAt === null ? null : Math.floor(l.convertedAt / DAY) * DAY,
      conversion?.accountId ?? null, conversion ? ids.contact.next() : null, conversion?.opportunityId ?? null,
      l.created, l.lastModified, l.mqlAt, l.sqlAt, sayOrNull(m.campaign), m.utmSource, m.utmMedium, m.utmCampaign, sayOrNull(m.keyword),
    ] satisfies Cell[]);
  };

  const rng = createRandom(seed);
  const sim = new Simulator(rng, start, exportAt);
  const writers = Object.values(out);

  try {
    while (truth.opportunities.total < opportunities) {
      let stage: number;
      if (rng.chance(0.15)) {
        stage = writeOpportunity(sim.directOpportunity()).stage;
        truth.opportunities.direct++;
      } else {
        // Leads arrive until one converts; the ones that do not are journeys of their own.
        for (;;) {
          const lead = sim.lead();
          const L = truth.leads;
          L.total++;
          if (lead.mqlAt !== null) L.mql++;
          if (lead.sqlAt !== null) L.sql++;
          if (lead.status === 'Closed - Not Converted') L.closedNotConverted++;
          if (lead.convertedAt === null) {
            if (lead.status !== 'Closed - Not Converted') L.open++;
            writeLead(lead, null, false);
            truth.journeys++;
            deepest[lead.sqlAt !== null ? 2 : lead.mqlAt !== null ? 1 : 0]!++;
            // A duplicate someone deleted: still in an export that includes the recycle bin. Drawn
            // either way, so leaving them out changes nothing else.
            if (rng.chance(0.003) && includeDeleted) {
              writeLead(lead, null, true);
              deletedLeads++;
            }
            continue;
          }
          const opp = sim.convertedOpportunity(lead);
          const written = writeOpportunity(opp);
          writeLead(lead, { accountId: opp.account.id, opportunityId: written.id }, false);
          L.converted++;
          truth.opportunities.fromLeads++;
          stage = written.stage;
          break;
        }
      }
      truth.journeys++;
      deepest[stage]!++;
      for (const w of writers) if (w.blocked) await w.blocked;
      if (opts.onProgress && truth.opportunities.total % 10_000 === 0) opts.onProgress(truth.opportunities.total);
    }
  } catch (e) {
    for (const w of writers) w.abort();
    throw e;
  }
  await Promise.all(writers.map((w) => w.close()));

  STAGE_KEYS.forEach((key, i) => (truth.reached[key] = deepest.slice(i).reduce((a, b) => a + b, 0)));
  truth.won = truth.opportunities.won;
  truth.lost = truth.opportunities.lost;
  truth.open = truth.opportunities.open;

  const elapsedMs = performance.now() - began;
  const files = Object.fromEntries(FILES.map((f) => [f, { rows: out[f].rows, bytes: out[f].bytes }])) as GeneratedCounts['files'];
  const rows = Object.values(files).reduce((a, f) => a + f.rows, 0);
  return { outDir: resolve(outDir), layout, seed, asOf, files, deletedLeads, truth, elapsedMs: Math.round(elapsedMs), rowsPerSecond: Math.round(rows / (elapsedMs / 1000)) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      opportunities: { type: 'string' },
      seed: { type: 'string', default: '42' },
      layout: { type: 'string', default: 'dataloader' },
      'as-of': { type: 'string', default: DEFAULT_AS_OF },
      'no-deleted': { type: 'boolean', default: false },
    },
  });
  if (!values.out || !values.opportunities) {
    throw new Error('usage: npx tsx bench/generate-salesforce.ts --out DIR --opportunities N [--seed 42] [--layout dataloader|weekly] [--as-of YYYY-MM-DD] [--no-deleted]');
  }
  const counts = await generateSalesforce({
    outDir: values.out,
    opportunities: Number(values.opportunities),
    seed: Number(values.seed),
    layout: values.layout as Layout,
    asOf: values['as-of'],
    includeDeleted: !values['no-deleted'],
    onProgress: (n) => n % 100_000 === 0 && process.stderr.write(`  ${n.toLocaleString('en')} opportunities\n`),
  });
  process.stdout.write(`${JSON.stringify(counts, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
