import type { Config } from '../config.ts';
import type { CsvFile, CsvRecord } from '../csv.ts';
import { SyncError } from '../errors.ts';
import type { Ledger } from '../ledger.ts';
import { ValueError, amount, bool, id, idKey, text, time } from '../values.ts';

/** The Salesforce objects sync reads, by the file name Salesforce gives their export. */
export const OBJECTS = ['Lead', 'Opportunity', 'OpportunityHistory', 'Account', 'User'] as const;
export type ObjectName = (typeof OBJECTS)[number];

const REQUIRED: Record<ObjectName, string[]> = {
  Lead: ['Id'],
  Opportunity: ['Id', 'StageName'],
  OpportunityHistory: ['OpportunityId', 'StageName', 'CreatedDate'],
  Account: ['Id'],
  User: ['Id'],
};

export interface Lead {
  record: CsvRecord;
  id: string;
  created: number | null;
  status: string | null;
  /** Times the lead entered mql/sql, from the columns the config names. */
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

/** A cell that cannot be read: the record is rejected with the column and reason. */
class FieldProblem extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

function cell<T>(record: CsvRecord, field: string, parse: (raw: string | undefined) => T): T {
  try {
    return parse(record.get(field));
  } catch (e) {
    if (e instanceof ValueError) throw new FieldProblem(field, e.message);
    throw e;
  }
}

/**
 * Reads each record of one object's file with `parse`, rejecting records that are malformed,
 * deleted in Salesforce, or repeat an Id; returns the rest by their id.
 */
function readRecords<T extends { id: string }>(
  file: CsvFile,
  object: ObjectName,
  ledger: Ledger,
  parse: (record: CsvRecord) => T,
  keyColumn = 'Id',
): { rows: T[]; settle: ReturnType<Ledger['open']>; rejected: Map<string, string> } {
  const missing = REQUIRED[object].filter((c) => !file.has(c));
  if (missing.length) {
    throw new SyncError(
      `${file.name} has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}: export ${object} with ${missing.join(', ')} included (columns found: ${file.header.slice(0, 12).join(', ')}${file.header.length > 12 ? ', …' : ''})`,
    );
  }
  const settle = ledger.open(file, object);
  const firstLine = new Map<string, number>();
  const rows: T[] = [];
  // Why records with an id were rejected, by id key, so that rows pointing at them can say so.
  const rejected = new Map<string, string>();
  const reject = (record: CsvRecord, field: string, reason: string, recordId: string | null) => {
    settle.reject(record, field, reason, recordId);
    if (recordId && keyColumn === 'Id' && !rejected.has(idKey(recordId))) rejected.set(idKey(recordId), `${file.name} line ${record.line}: ${reason}`);
  };
  for (const record of file.records) {
    const recordId = id(record.get(keyColumn)) ?? id(record.get('Id'));
    if (record.fieldCountProblem) {
      reject(record, '', `the record ${record.fieldCountProblem}: a field may hold an unquoted comma or a stray quote`, recordId);
      continue;
    }
    try {
      if (cell(record, 'IsDeleted', bool)) {
        reject(record, 'IsDeleted', 'deleted in Salesforce (in the recycle bin)', recordId);
        continue;
      }
      const row = parse(record);
      if (keyColumn === 'Id') {
        const seen = firstLine.get(idKey(row.id));
        if (seen !== undefined) {
          settle.reject(record, 'Id', `duplicate Id: the record on line ${seen} has it too and is the one kept`, row.id);
          continue;
        }
        firstLine.set(idKey(row.id), record.line);
      }
      rows.push(row);
      settle.keep(record);
    } catch (e) {
      if (!(e instanceof FieldProblem)) throw e;
      reject(record, e.field, e.message, recordId);
    }
  }
  return { rows, settle, rejected };
}

function required(record: CsvRecord, field: string): string {
  const v = id(record.get(field));
  if (v === null) throw new FieldProblem(field, `${field} is empty`);
  return v;
}

/** Custom lead fields orgs commonly keep stage dates in, tried when the config names none. */
const STAGE_DATE_COLUMNS = {
  lead: [] as string[], // CreatedDate says when
  mql: ['MQL_Date__c', 'MQL_Date_Time__c', 'Marketing_Qualified_Date__c', 'Became_MQL_Date__c'],
  sql: ['SQL_Date__c', 'SQL_Date_Time__c', 'Sales_Qualified_Date__c', 'Became_SQL_Date__c'],
};

export function readLeads(file: CsvFile, ledger: Ledger, config: Config) {
  const order = config.dateOrder;
  for (const [stage, column] of Object.entries(config.leadStageDates)) {
    if (!file.has(column)) {
      throw new SyncError(`${file.name} has no ${column} column, which the config's leadStageDates.${stage} names: fix the config or the export`);
    }
  }
  // The config's columns, else the first common custom field the export has.
  const dateColumns = (['lead', 'mql', 'sql'] as const)
    .map((stage) => [stage, config.leadStageDates[stage] ?? STAGE_DATE_COLUMNS[stage].find((c) => file.has(c))] as const)
    .filter((entry): entry is [keyof Lead['stageDates'], string] => entry[1] !== undefined);
  return readRecords(file, 'Lead', ledger, (record): Lead => {
    const stageDates: Lead['stageDates'] = {};
    for (const [stage, column] of dateColumns) stageDates[stage] = cell(record, column, (v) => time(v, order));
    return {
      record,
      id: required(record, 'Id'),
      created: cell(record, 'CreatedDate', (v) => time(v, order)),
      status: text(record.get('Status')),
      stageDates,
      convertedOpportunityId: id(record.get('ConvertedOpportunityId')),
      convertedAccountId: id(record.get('ConvertedAccountId')),
      convertedAt: cell(record, 'ConvertedDate', (v) => time(v, order)),
      modified: cell(record, 'LastModifiedDate', (v) => time(v, order)),
    };
  });
}

export function readOpportunities(file: CsvFile, ledger: Ledger, config: Config) {
  const order = config.dateOrder;
  const has = (c: string) => file.has(c);
  return readRecords(file, 'Opportunity', ledger, (record): Opportunity => {
    const stageName = text(record.get('StageName'));
    if (stageName === null) throw new FieldProblem('StageName', 'StageName is empty: every opportunity has a stage');
    return {
      record,
      id: required(record, 'Id'),
      created: cell(record, 'CreatedDate', (v) => time(v, order)),
      stageName,
      amount: cell(record, 'Amount', amount),
      closeDate: cell(record, 'CloseDate', (v) => time(v, order)),
      isWon: has('IsWon') ? cell(record, 'IsWon', bool) : null,
      isClosed: has('IsClosed') ? cell(record, 'IsClosed', bool) : null,
      accountId: id(record.get('AccountId')),
      ownerId: id(record.get('OwnerId')),
      history: [],
      modified: cell(record, 'LastModifiedDate', (v) => time(v, order)),
    };
  });
}

export function readHistory(file: CsvFile, ledger: Ledger, config: Config) {
  return readRecords(
    file,
    'OpportunityHistory',
    ledger,
    (record): HistoryRow & { id: string } => {
      const opportunityId = required(record, 'OpportunityId');
      const at = cell(record, 'CreatedDate', (v) => time(v, config.dateOrder));
      if (at === null) throw new FieldProblem('CreatedDate', 'CreatedDate is empty: a stage change needs its time');
      const stageName = text(record.get('StageName'));
      if (stageName === null) throw new FieldProblem('StageName', 'StageName is empty');
      return { record, id: opportunityId, opportunityId, at, stageName };
    },
    'OpportunityId',
  );
}

export function readLookup(file: CsvFile, object: 'Account' | 'User', ledger: Ledger) {
  return readRecords(file, object, ledger, (record): LookupRow => ({ record, id: required(record, 'Id') }));
}
