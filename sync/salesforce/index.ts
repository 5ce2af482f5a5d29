import type { CsvFile } from '../csv.ts';
import { fieldReader } from '../fields.ts';
import type { Reader, ReaderContext, SourceRead } from '../source.ts';
import { unmappedOf } from '../stage-map.ts';
import { idKey } from '../values.ts';
import { SALESFORCE_FIELDS } from './fields.ts';
import { assembleJourneys } from './journeys.ts';
import {
  DATE_COLUMNS,
  OBJECTS,
  readHistory,
  readLeads,
  readLookup,
  readOpportunities,
  type HistoryRow,
  type ObjectName,
  type Opportunity,
  type ParseRules,
} from './objects.ts';
import { readAsObject, reportObject } from './report.ts';
import { leadStatuses, opportunityStages } from './stage-map.ts';

/** Opportunities rebuilt from their history alone, for exports without Opportunity.csv. */
function opportunitiesFromHistory(history: HistoryRow[]): Opportunity[] {
  const byId = new Map<string, HistoryRow[]>();
  for (const row of history) {
    const key = idKey(row.opportunityId);
    const rows = byId.get(key);
    if (rows) rows.push(row);
    else byId.set(key, [row]);
  }
  return [...byId.values()].map((rows) => {
    const sorted = [...rows].sort((a, b) => a.at - b.at);
    return {
      record: sorted.at(-1)!.record,
      id: rows[0]!.opportunityId,
      created: sorted[0]!.at,
      stageName: sorted.at(-1)!.stageName,
      amount: null,
      currency: null,
      amountBase: null,
      closeDate: null,
      isWon: null,
      isClosed: null,
      accountId: null,
      ownerId: null,
      history: rows,
      modified: sorted.at(-1)!.at,
    };
  });
}

/**
 * The export's files by Salesforce object: by their standard file names (object exports), else by
 * their columns (report exports, named as their author liked).
 */
async function objectFiles(ctx: ReaderContext): Promise<Partial<Record<ObjectName, string>>> {
  const found: Partial<Record<ObjectName, string>> = Object.fromEntries(
    OBJECTS.map((o) => [o, ctx.find(`${o}.csv`)]).filter(([, name]) => name),
  );
  const named = new Set(Object.values(found));
  for (const name of ctx.csvNames.filter((n) => !named.has(n))) {
    const file = await ctx.read(name);
    const object = reportObject(file);
    if (object && !found[object]) {
      readAsObject(file, object);
      found[object] = name;
    }
  }
  return found;
}

/**
 * Salesforce object exports — Lead.csv, Opportunity.csv, OpportunityHistory.csv, with Account.csv
 * and User.csv as lookups; any may be absent — in the Data Loader, the weekly data-export or the
 * report layout (the value parsers read all three).
 */
export const salesforce: Reader = {
  source: 'salesforce',
  expects: 'Lead.csv, Opportunity.csv or OpportunityHistory.csv (a Salesforce export folder)',

  async detect(ctx) {
    const found = await objectFiles(ctx);
    return Boolean(found.Lead || found.Opportunity || found.OpportunityHistory);
  },

  async read(ctx): Promise<SourceRead> {
    const found = await objectFiles(ctx);
    const files: Partial<Record<ObjectName, CsvFile>> = {};
    for (const [object, name] of Object.entries(found) as [ObjectName, string][]) files[object] = await ctx.read(name);
    const dateColumns = Object.entries(files).flatMap(([object, file]) =>
      [...DATE_COLUMNS[object as ObjectName], ...(object === 'Lead' ? Object.values(ctx.config.leadStageDates) : [])].map((column) => ({
        file: file!,
        column,
      })),
    );
    const rules: ParseRules = { dates: ctx.dates(dateColumns), money: ctx.money, config: ctx.config };
    const { ledger } = ctx;

    const leads = files.Lead ? readLeads(files.Lead, ledger, rules).rows : [];
    const opps = files.Opportunity ? readOpportunities(files.Opportunity, ledger, rules) : null;
    const history = files.OpportunityHistory ? readHistory(files.OpportunityHistory, ledger, rules) : null;
    const accounts = files.Account ? readLookup(files.Account, 'Account', ledger).rows : [];
    const users = files.User ? readLookup(files.User, 'User', ledger).rows : [];

    let opportunities: Opportunity[];
    if (opps) {
      opportunities = opps.rows;
      const byId = new Map(opportunities.map((o) => [idKey(o.id), o]));
      for (const row of history?.rows ?? []) {
        const opp = byId.get(idKey(row.opportunityId));
        if (opp) opp.history.push(row);
        else {
          const rejected = opps.rejected.get(idKey(row.opportunityId));
          const reason = rejected
            ? `its opportunity ${row.opportunityId} was rejected (${rejected})`
            : `opportunity ${row.opportunityId} is not in ${files.Opportunity!.name} (deleted, or exported at another time)`;
          history!.settle.reject(row.record, 'OpportunityId', reason, row.opportunityId);
        }
      }
    } else {
      opportunities = opportunitiesFromHistory(history?.rows ?? []);
    }

    const oppStages = opportunityStages(ctx.config);
    const statuses = leadStatuses(ctx.config);
    const { drafts, convertedElsewhere } = assembleJourneys({
      leads,
      opportunities,
      accounts: new Map(accounts.map((a) => [idKey(a.id), a])),
      users: new Map(users.map((u) => [idKey(u.id), u])),
      opportunityStages: oppStages,
      leadStatuses: statuses,
      fields: fieldReader(SALESFORCE_FIELDS, ctx.config, files),
      rejectHistory: (row, reason) => history!.settle.reject(row.record, 'StageName', reason, row.opportunityId),
    });

    if (convertedElsewhere) {
      ctx.notes.push(
        `${convertedElsewhere} converted leads point at opportunities not among those read (missing from the export, or rejected): they count as reaching Opportunity on their ConvertedDate`,
      );
    }
    if (files.Lead && !files.Lead.has('CreatedDate')) {
      ctx.notes.push(`${files.Lead.name} has no CreatedDate column: when leads were created is unknown, so date ranges and cohorts leave them out`);
    }
    return {
      drafts,
      unmappedStages: [...unmappedOf('Opportunity', oppStages), ...unmappedOf('Lead', statuses)],
      read: Object.values(found),
    };
  },
};
