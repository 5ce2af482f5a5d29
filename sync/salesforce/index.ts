import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageModel } from '../../model/index.ts';
import type { Config } from '../config.ts';
import { readCsv, type CsvFile } from '../csv.ts';
import { SyncError } from '../errors.ts';
import { Ledger } from '../ledger.ts';
import type { Row } from '../types.ts';
import { idKey } from '../values.ts';
import { fieldReader } from './fields.ts';
import { assembleJourneys } from './journeys.ts';
import {
  OBJECTS,
  readHistory,
  readLeads,
  readLookup,
  readOpportunities,
  type HistoryRow,
  type ObjectName,
  type Opportunity,
} from './objects.ts';
import { leadStatuses, opportunityStages } from './stage-map.ts';

export interface SourceRead {
  journeys: Row[];
  stageEvents: Row[];
  ledger: Ledger;
  unmappedStages: { object: string; name: string; rows: number }[];
  /** CSV files in the folder that this source does not read, so the summary can say so. */
  notRead: string[];
  notes: string[];
}

/** Opportunities rebuilt from their history alone, for exports without Opportunity.csv. */
function opportunitiesFromHistory(history: HistoryRow[]): Opportunity[] {
  const byId = new Map<string, HistoryRow[]>();
  for (const row of history) {
    const key = idKey(row.opportunityId);
    byId.set(key, [...(byId.get(key) ?? []), row]);
  }
  return [...byId.values()].map((rows) => {
    const sorted = [...rows].sort((a, b) => a.at - b.at);
    return {
      record: sorted.at(-1)!.record,
      id: rows[0]!.opportunityId,
      created: sorted[0]!.at,
      stageName: sorted.at(-1)!.stageName,
      amount: null,
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
 * Reads a Salesforce export folder — Lead.csv, Opportunity.csv, OpportunityHistory.csv, with
 * Account.csv and User.csv as lookups; any may be absent — in the Data Loader or the weekly
 * data-export layout (the value parsers read both).
 */
export async function readSalesforce(inDir: string, config: Config, model: StageModel, encoding?: string): Promise<SourceRead> {
  let names: string[];
  try {
    names = (await readdir(inDir)).filter((n) => n.toLowerCase().endsWith('.csv'));
  } catch {
    throw new SyncError(`${inDir} is not a folder that can be read: point --in at the folder holding the Salesforce CSV files`);
  }
  const found = new Map(OBJECTS.map((o) => [o, names.find((n) => n.toLowerCase() === `${o.toLowerCase()}.csv`)]));
  if (!found.get('Lead') && !found.get('Opportunity') && !found.get('OpportunityHistory')) {
    throw new SyncError(
      `${inDir} has no Lead.csv, Opportunity.csv or OpportunityHistory.csv (CSV files there: ${names.join(', ') || 'none'}): point --in at a Salesforce export folder`,
    );
  }
  const files: Partial<Record<ObjectName, CsvFile>> = {};
  for (const [object, name] of found) if (name) files[object] = await readCsv(join(inDir, name), encoding);

  const ledger = new Ledger();
  const leads = files.Lead ? readLeads(files.Lead, ledger, config).rows : [];
  const opps = files.Opportunity ? readOpportunities(files.Opportunity, ledger, config) : null;
  const history = files.OpportunityHistory ? readHistory(files.OpportunityHistory, ledger, config) : null;
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

  const oppStages = opportunityStages(config);
  const statuses = leadStatuses(config);
  const { journeys, stageEvents, convertedElsewhere } = assembleJourneys({
    model,
    leads,
    opportunities,
    accounts: new Map(accounts.map((a) => [idKey(a.id), a])),
    users: new Map(users.map((u) => [idKey(u.id), u])),
    opportunityStages: oppStages,
    leadStatuses: statuses,
    fields: fieldReader(config, files),
    currency: config.currency,
    rejectHistory: (row, reason) => history!.settle.reject(row.record, 'StageName', reason, row.opportunityId),
  });

  const notes: string[] = [];
  // Amounts in another currency than the base one need rates (not yet in the config): no base amount.
  const currencies = new Set(journeys.map((j) => j.currency).filter((c) => c !== null));
  const base = config.currency ?? (currencies.size === 1 ? [...currencies][0] : null);
  const foreign = journeys.filter((j) => j.amount !== null && j.currency !== null && j.currency !== base);
  for (const j of foreign) j.amount_base = null;
  if (foreign.length) {
    notes.push(
      `${foreign.length} amounts are not in the base currency ${base ?? '(none set: add "currency" to the config)'} (currencies seen: ${[...currencies].join(', ')}); their amount_base is empty`,
    );
  }
  if (convertedElsewhere) {
    notes.push(
      `${convertedElsewhere} converted leads point at opportunities not among those read (missing from the export, or rejected): they count as reaching Opportunity on their ConvertedDate`,
    );
  }
  if (files.Lead && !files.Lead.has('CreatedDate')) {
    notes.push(`${files.Lead.name} has no CreatedDate column: when leads were created is unknown, so date ranges and cohorts leave them out`);
  }

  const unmappedStages = [
    ...oppStages.unmapped.map(([name, rows]) => ({ object: 'Opportunity', name, rows })),
    ...statuses.unmapped.map(([name, rows]) => ({ object: 'Lead', name, rows })),
  ];
  const read = new Set([...found.values()].filter(Boolean));
  return { journeys, stageEvents, ledger, unmappedStages, notRead: names.filter((n) => !read.has(n)), notes };
}
