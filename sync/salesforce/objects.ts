import type { CsvFile, CsvRecord } from '../csv.ts';
import { parseTime, type DateRules } from '../dates.ts';
import { SyncError } from '../errors.ts';
import type { Ledger } from '../ledger.ts';
import type { Money } from '../money.ts';
import { FieldProblem, cell, readRecords, required } from '../records.ts';
import { amount, bool, id, text } from '../values.ts';
import type { Config } from '../config.ts';

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

export interface Opportunity {
  record: CsvRecord;
  id: string;
  created: number | null;
  stageName: string;
  amount: number | null;
  currency: string | null;
  amountBase: number | null;
  closeDate: number | null;
  /** null when the export has no IsWon / IsClosed column: the stage name decides then. */
  isWon: boolean | null;
  isClosed: boolean | null;
  accountId: string | null;
  ownerId: string | null;
  history: HistoryRow[];
  modified: number | null;
}

export interface HistoryRow {
  record: CsvRecord;
  opportunityId: string;
  at: number;
  stageName: string;
}

/** A row of a lookup object (Account, User), read by column through the config's field choices. */
export interface LookupRow {
  record: CsvRecord;
  id: string;
}

/** What parsing needs beyond the record: how to read dates and amounts, and the config. */
export interface ParseRules {
  dates: DateRules;
  money: Money;
  config: Config;
}

const when = (rules: ParseRules) => (raw: string | undefined) => parseTime(raw, rules.dates);

/** Custom lead fields orgs commonly keep stage dates in, tried when the config names none. */
const STAGE_DATE_COLUMNS = {
  lead: [] as string[], // CreatedDate says when
  mql: ['MQL_Date__c', 'MQL_Date_Time__c', 'Marketing_Qualified_Date__c', 'Became_MQL_Date__c'],
  sql: ['SQL_Date__c', 'SQL_Date_Time__c', 'Sales_Qualified_Date__c', 'Became_SQL_Date__c'],
};

const common = (object: ObjectName) => ({ object, deletedColumn: 'IsDeleted' });

export function readLeads(file: CsvFile, ledger: Ledger, rules: ParseRules) {
  const { leadStageDates } = rules.config;
  for (const [stage, column] of Object.entries(leadStageDates)) {
    if (!file.has(column)) {
      throw new SyncError(`${file.name} has no ${column} column, which the config's leadStageDates.${stage} names: fix the config or the export`);
    }
  }
  // The config's columns, else the first common custom field the export has.
  const dateColumns = (['lead', 'mql', 'sql'] as const)
    .map((stage) => [stage, leadStageDates[stage] ?? STAGE_DATE_COLUMNS[stage].find((c) => file.has(c))] as const)
    .filter((entry): entry is [keyof Lead['stageDates'], string] => entry[1] !== undefined);
  const t = when(rules);
  return readRecords(file, ledger, { ...common('Lead'), requiredColumns: ['Id'], idColumn: 'Id' }, (record): Lead => {
    const stageDates: Lead['stageDates'] = {};
    for (const [stage, column] of dateColumns) stageDates[stage] = cell(record, column, t);
    return {
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
  });
}

export function readOpportunities(file: CsvFile, ledger: Ledger, rules: ParseRules) {
  const t = when(rules);
  const options = { ...common('Opportunity'), requiredColumns: ['Id', 'StageName'], idColumn: 'Id' };
  return readRecords(file, ledger, options, (record): Opportunity => {
    const stageName = text(record.get('StageName'));
    if (stageName === null) throw new FieldProblem('StageName', 'StageName is empty: every opportunity has a stage');
    const value = cell(record, 'Amount', amount);
    const currency = text(record.get('CurrencyIsoCode')) ?? rules.config.currency ?? null;
    return {
      record,
      id: required(record, 'Id'),
      created: cell(record, 'CreatedDate', t),
      stageName,
      amount: value,
      currency,
      amountBase: rules.money.toBase(value, currency, 'CurrencyIsoCode'),
      closeDate: cell(record, 'CloseDate', t),
      isWon: file.has('IsWon') ? cell(record, 'IsWon', bool) : null,
      isClosed: file.has('IsClosed') ? cell(record, 'IsClosed', bool) : null,
      accountId: id(record.get('AccountId')),
      ownerId: id(record.get('OwnerId')),
      history: [],
      modified: cell(record, 'LastModifiedDate', t),
    };
  });
}

export function readHistory(file: CsvFile, ledger: Ledger, rules: ParseRules) {
  const t = when(rules);
  const options = { ...common('OpportunityHistory'), requiredColumns: ['OpportunityId', 'StageName', 'CreatedDate'] };
  return readRecords(file, ledger, options, (record): HistoryRow & { id: string } => {
    const opportunityId = required(record, 'OpportunityId');
    const at = cell(record, 'CreatedDate', t);
    if (at === null) throw new FieldProblem('CreatedDate', 'CreatedDate is empty: a stage change needs its time');
    const stageName = text(record.get('StageName'));
    if (stageName === null) throw new FieldProblem('StageName', 'StageName is empty');
    return { record, id: opportunityId, opportunityId, at, stageName };
  });
}

export function readLookup(file: CsvFile, object: 'Account' | 'User', ledger: Ledger) {
  return readRecords(file, ledger, { ...common(object), requiredColumns: ['Id'], idColumn: 'Id' }, (record): LookupRow => ({
    record,
    id: required(record, 'Id'),
  }));
}
