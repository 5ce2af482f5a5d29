import type { Outcome } from '../../model/index.ts';
import type { Config } from '../config.ts';
import type { CsvFile, CsvRecord } from '../csv.ts';
import { KeptLookup, type RecordLike } from '../kept-records.ts';
import { parseTime, pastTime, type DateRules } from '../dates.ts';
import { SyncError } from '../errors.ts';
import type { Ledger } from '../ledger.ts';
import type { Money } from '../money.ts';
import { FieldProblem, cell, readRecords, required } from '../records.ts';
import type { StageMap } from '../stage-map.ts';
import { amount, bool, id, text } from '../values.ts';
import { Opportunities, type OpportunityFields } from './opportunities.ts';

/** The Salesforce objects sync reads, by the file name Salesforce gives their export. */
export const OBJECTS = ['Lead', 'Opportunity', 'OpportunityHistory', 'Account', 'User'] as const;
export type ObjectName = (typeof OBJECTS)[number];

/** The date columns of each object, from which the export's day/month order is decided. */
export const DATE_COLUMNS: Record<ObjectName, string[]> = {
  Lead: ['CreatedDate', 'ConvertedDate', 'LastModifiedDate', 'MQL_Date__c', 'SQL_Date__c'],
  Opportunity: ['CreatedDate', 'CloseDate', 'LastModifiedDate'],
  OpportunityHistory: ['CreatedDate'],
  Account: [],
  User: [],
};

export type OpportunityTarget = 'opportunity' | 'poc' | 'won' | 'lost';

/** What parsing needs beyond the record: how to read dates, amounts and stage names, and the config. */
export interface ParseRules {
  dates: DateRules;
  money: Money;
  config: Config;
  opportunityStages: StageMap<OpportunityTarget>;
}

export interface Lead {
  record: CsvRecord;
  id: string;
  created: number | null;
  status: string | null;
  /** Times the lead entered a stage, from the stage date columns. */
  stageDates: Partial<Record<'lead' | 'mql' | 'sql', number | null>>;
  convertedOpportunityId: string | null;
  convertedAccountId: string | null;
  convertedAt: number | null;
  modified: number | null;
}

/** An opportunity as read, and as read back from where it is kept until the leads are read (Opportunities). */
export interface Opportunity {
  /** Once kept, only the columns journeys read later. */
  record: RecordLike;
  id: string;
  created: number | null;
  stageName: string;
  /** Where its current stage name leads, and its outcome (IsWon/IsClosed, else the stage name). */
  current: OpportunityTarget;
  outcome: Outcome;
  amount: number | null;
  currency: string | null;
  amountBase: number | null;
  closeDate: number | null;
  accountId: string | null;
  ownerId: string | null;
  modified: number | null;
  /** Stages entered per OpportunityHistory, in the order first seen: the earliest time and its CRM name. */
  entered: { stage: string; at: number; crmStage: string }[];
  /** The last time the history shows it lost (a deal lost, reopened and lost again closed the last time). */
  lostAt: number | null;
}

const when = (rules: ParseRules) => (raw: string | undefined) => pastTime(raw, rules.dates);
// CloseDate of an open deal is when it is expected to close: the future is fine there.
const expected = (rules: ParseRules) => (raw: string | undefined) => parseTime(raw, rules.dates);

/** Custom lead fields orgs commonly keep stage dates in, tried when the config names none. */
const STAGE_DATE_COLUMNS = {
  lead: [] as string[], // CreatedDate says when
  mql: ['MQL_Date__c', 'MQL_Date_Time__c', 'Marketing_Qualified_Date__c', 'Became_MQL_Date__c'],
  sql: ['SQL_Date__c', 'SQL_Date_Time__c', 'Sales_Qualified_Date__c', 'Became_SQL_Date__c'],
};

const common = (object: ObjectName) => ({ object, deletedColumn: 'IsDeleted' });

/** The lead columns that hold stage dates: the config's, else common custom fields the export has. */
export function leadDateColumns(file: CsvFile, config: Config): [keyof Lead['stageDates'], string][] {
  for (const [stage, column] of Object.entries(config.leadStageDates)) {
    if (!file.has(column)) {
      throw new SyncError(`${file.name} has no ${column} column, which the config's leadStageDates.${stage} names: fix the config or the export`);
    }
  }
  return (['lead', 'mql', 'sql'] as const)
    .map((stage) => [stage, config.leadStageDates[stage] ?? STAGE_DATE_COLUMNS[stage].find((c) => file.has(c))] as const)
    .filter((entry): entry is [keyof Lead['stageDates'], string] => entry[1] !== undefined);
}

/** Streams the leads: each parsed lead goes to `onLead` and is then forgotten. */
export function readLeads(file: CsvFile, ledger: Ledger, rules: ParseRules, onLead: (lead: Lead) => void) {
  const dateColumns = leadDateColumns(file, rules.config);
  const t = when(rules);
  return readRecords(file, ledger, { ...common('Lead'), requiredColumns: ['Id'], idColumn: 'Id' }, (record) => {
    const stageDates: Lead['stageDates'] = {};
    for (const [stage, column] of dateColumns) stageDates[stage] = cell(record, column, t);
    const lead: Lead = {
      record,
      id: required(record, 'Id'),
      created: cell(record, 'CreatedDate', t),
      status: text(record.get('Status')),
      stageDates,
      convertedOpportunityId: id(record.get('ConvertedOpportunityId')),
      convertedAccountId: id(record.get('ConvertedAccountId')),
      convertedAt: cell(record, 'ConvertedDate', t),
      modified: cell(record, 'LastModifiedDate', t),
    };
    return lead;
  }, onLead);
}

/** Won and lost come from IsWon/IsClosed where the export has them, else from the stage name. */
function outcomeOf(isWon: boolean | null, isClosed: boolean | null, current: OpportunityTarget): Outcome {
  const won = isWon ?? current === 'won';
  const closed = isClosed ?? (current === 'won' || current === 'lost');
  return won ? 'won' : closed ? 'lost' : 'open';
}

/** The opportunities, each keeping only the columns in `keep` (see Opportunities). */
export async function readOpportunities(file: CsvFile, ledger: Ledger, rules: ParseRules, keep: string[]) {
  const t = when(rules);
  const opps = new Opportunities(file, keep);
  const options = { ...common('Opportunity'), requiredColumns: ['Id', 'StageName'], idColumn: 'Id', ids: opps.ids };
  const parse = (record: CsvRecord): OpportunityFields => {
    const stageName = text(record.get('StageName'));
    if (stageName === null) throw new FieldProblem('StageName', 'StageName is empty: every opportunity has a stage');
    const value = cell(record, 'Amount', amount);
    const currency = text(record.get('CurrencyIsoCode')) ?? rules.config.currency ?? null;
    const amountBase = rules.money.toBase(value, currency, 'CurrencyIsoCode');
    const isWon = file.has('IsWon') ? cell(record, 'IsWon', bool) : null;
    const isClosed = file.has('IsClosed') ? cell(record, 'IsClosed', bool) : null;
    const opp: OpportunityFields = {
      record,
      id: required(record, 'Id'),
      created: cell(record, 'CreatedDate', t),
      stageName,
      current: 'opportunity',
      outcome: 'open',
      amount: value,
      currency,
      amountBase,
      closeDate: cell(record, 'CloseDate', expected(rules)),
      accountId: id(record.get('AccountId')),
      ownerId: id(record.get('OwnerId')),
      modified: cell(record, 'LastModifiedDate', t),
    };
    // Only once every cell has been read: a rejected record leaves nothing counted.
    opp.current = rules.opportunityStages.get(stageName);
    opp.outcome = outcomeOf(isWon, isClosed, opp.current);
    return opp;
  };
  const read = await readRecords(file, ledger, options, parse, (opp) => opps.add(opp));
  return { opps, rejected: read.rejected };
}

export interface HistoryRow {
  record: CsvRecord;
  opportunityId: string;
  at: number;
  stageName: string;
}

/**
 * Streams OpportunityHistory: each parsed row goes to `onRow`, which may throw a FieldProblem to
 * reject it (a stage change of an unknown opportunity, or one that was undone); else it is kept.
 */
export function readHistory(file: CsvFile, ledger: Ledger, rules: ParseRules, onRow: (row: HistoryRow) => void) {
  const t = when(rules);
  const options = { ...common('OpportunityHistory'), requiredColumns: ['OpportunityId', 'StageName', 'CreatedDate'] };
  return readRecords(file, ledger, options, (record) => {
    const opportunityId = required(record, 'OpportunityId');
    const at = cell(record, 'CreatedDate', t);
    if (at === null) throw new FieldProblem('CreatedDate', 'CreatedDate is empty: a stage change needs its time');
    const stageName = text(record.get('StageName'));
    if (stageName === null) throw new FieldProblem('StageName', 'StageName is empty');
    onRow({ record, opportunityId, at, stageName });
    return { id: opportunityId };
  }, () => {}); // folded already: a row held would hold its whole chunk of the file
}

/** A lookup object (Account, User) by id key, each record keeping only the columns in `keep`. */
export async function readLookup(file: CsvFile, object: 'Account' | 'User', ledger: Ledger, keep: string[]): Promise<KeptLookup> {
  const kept = new KeptLookup(file, keep);
  await readRecords(
    file,
    ledger,
    { ...common(object), requiredColumns: ['Id'], idColumn: 'Id', ids: kept.ids },
    (record) => ({ id: required(record, 'Id'), record }),
    ({ record }) => kept.add(record),
  );
  return kept;
}
