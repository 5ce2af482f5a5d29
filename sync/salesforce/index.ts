import type { CsvFile } from '../csv.ts';
import { IdIndex } from '../id-index.ts';
import { fieldReader } from '../fields.ts';
import type { RecordLike } from '../kept-records.ts';
import { FieldProblem } from '../records.ts';
import type { Reader, ReaderContext } from '../source.ts';
import { unmappedOf } from '../stage-map.ts';
import { idKey } from '../values.ts';
import { SALESFORCE_FIELDS } from './fields.ts';
import { journey } from './journeys.ts';
import {
  DATE_COLUMNS,
  OBJECTS,
  leadDateColumns,
  readHistory,
  readLeads,
  readLookup,
  readOpportunities,
  type HistoryRow,
  type ObjectName,
  type ParseRules,
} from './objects.ts';
import { Opportunities } from './opportunities.ts';
import { readAsObject, reportObject } from './report.ts';
import { leadStatuses, opportunityStages } from './stage-map.ts';

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

/** The row of the opportunity a history row belongs to, or a FieldProblem saying why there is none. */
function opportunityOf(row: HistoryRow, opps: Opportunities, rejected: Map<string, string>, oppFile: string): number {
  const opp = opps.row(idKey(row.opportunityId));
  if (opp !== -1) return opp;
  const why = rejected.get(idKey(row.opportunityId));
  throw new FieldProblem(
    'OpportunityId',
    why ? `its opportunity ${row.opportunityId} was rejected (${why})` : `opportunity ${row.opportunityId} is not in ${oppFile} (deleted, or exported at another time)`,
  );
}

/** Folds a history row into its opportunity, or rejects it (a FieldProblem) when the change was undone. */
function fold(opps: Opportunities, opp: number, row: HistoryRow, stages: ParseRules['opportunityStages']): void {
  const stage = stages.get(row.stageName);
  const outcome = opps.outcome(opp);
  if ((stage === 'won' || stage === 'lost') && stage !== outcome) {
    throw new FieldProblem(
      'StageName',
      `history says "${row.stageName}" but the opportunity's outcome is ${outcome}: the change was later undone, so it is not counted`,
    );
  }
  if (stage === 'lost') opps.lose(opp, row.at);
  else opps.enter(opp, stage, row.at, row.stageName);
}

/**
 * Opportunities rebuilt from OpportunityHistory alone, for exports without Opportunity.csv: the
 * last stage is the current one and says the outcome; won or lost rows that disagree are rejected.
 * (Its rows are all kept in memory: such exports are small.)
 */
async function opportunitiesFromHistory(file: CsvFile, ctx: ReaderContext, rules: ParseRules): Promise<Opportunities> {
  const byId = new Map<string, HistoryRow[]>();
  const { settle } = await readHistory(file, ctx.ledger, rules, (row) => {
    const key = idKey(row.opportunityId);
    const rows = byId.get(key);
    if (rows) rows.push(row);
    else byId.set(key, [row]);
  });
  const uncounted = opportunityStages(ctx.config); // the last row's name is counted once, by fold
  const opps = new Opportunities(file, []);
  for (const [key, rows] of byId) {
    const sorted = rows.sort((a, b) => a.at - b.at);
    const last = sorted.at(-1)!;
    const current = uncounted.get(last.stageName);
    const row = opps.addUnder(key, {
      record: last.record,
      id: last.opportunityId,
      created: sorted[0]!.at,
      stageName: last.stageName,
      current,
      outcome: current === 'won' ? 'won' : current === 'lost' ? 'lost' : 'open',
      amount: null,
      currency: null,
      amountBase: null,
      closeDate: null,
      accountId: null,
      ownerId: null,
      modified: last.at,
    });
    for (const change of sorted) {
      try {
        fold(opps, row, change, rules.opportunityStages);
      } catch (e) {
        if (!(e instanceof FieldProblem)) throw e;
        settle.reject(change.record, e.field, e.message, change.opportunityId);
      }
    }
  }
  return opps;
}

/**
 * Salesforce exports — Lead.csv, Opportunity.csv, OpportunityHistory.csv, with Account.csv and
 * User.csv as lookups; any may be absent — in the Data Loader, the weekly data-export or the report
 * layout. Lookups and opportunities are kept (only the columns journeys need), history folds into
 * its opportunity as it streams past, and each lead becomes a journey as soon as it is read.
 */
export const salesforce: Reader = {
  source: 'salesforce',
  expects: 'Lead.csv, Opportunity.csv or OpportunityHistory.csv (a Salesforce export folder)',

  async detect(ctx) {
    const found = await objectFiles(ctx);
    return Boolean(found.Lead || found.Opportunity || found.OpportunityHistory);
  },

  async read(ctx, emit) {
    const found = await objectFiles(ctx);
    const files: Partial<Record<ObjectName, CsvFile>> = {};
    for (const [object, name] of Object.entries(found) as [ObjectName, string][]) files[object] = await ctx.read(name);
    const dateColumns = Object.entries(files).flatMap(([object, file]) =>
      [...DATE_COLUMNS[object as ObjectName], ...(object === 'Lead' ? leadDateColumns(file!, ctx.config).map(([, c]) => c) : [])].map((column) => ({
        file: file!,
        column,
      })),
    );
    const oppStages = opportunityStages(ctx.config);
    const statuses = leadStatuses(ctx.config);
    const rules: ParseRules = { dates: await ctx.dates(dateColumns), money: ctx.money, config: ctx.config, opportunityStages: oppStages };
    const fields = fieldReader(SALESFORCE_FIELDS, ctx.config, files);
    const keep = (object: ObjectName) => [...(fields.columns[object] ?? []), ...(object === 'Lead' ? [] : ['OwnerId'])];
    const { ledger } = ctx;

    const none = new Map<string, RecordLike>();
    const accounts = files.Account ? await readLookup(files.Account, 'Account', ledger, keep('Account')) : none;
    const users = files.User ? await readLookup(files.User, 'User', ledger, keep('User')) : none;
    let opps: Opportunities | null = null;
    if (files.Opportunity) {
      const read = await readOpportunities(files.Opportunity, ledger, rules, keep('Opportunity'));
      opps = read.opps;
      if (files.OpportunityHistory) {
        const oppFile = files.Opportunity.name;
        await readHistory(files.OpportunityHistory, ledger, rules, (row) => fold(read.opps, opportunityOf(row, read.opps, read.rejected, oppFile), row, oppStages));
      }
    } else if (files.OpportunityHistory) {
      opps = await opportunitiesFromHistory(files.OpportunityHistory, ctx, rules);
    }

    const lookups = { accounts, users, leadStatuses: statuses, fields };
    const taken = new IdIndex();
    let convertedElsewhere = 0;
    if (files.Lead) {
      await readLeads(files.Lead, ledger, rules, (lead) => {
        const oppId = lead.convertedOpportunityId;
        // Two leads merged into one opportunity: the first one listed carries it, the other stays a lead.
        const carries = oppId !== null && !taken.add(idKey(oppId)).existed;
        const row = carries && opps ? opps.row(idKey(oppId)) : -1;
        if (carries && row === -1) convertedElsewhere++;
        emit(journey(lead, row === -1 ? null : opps!.get(row), carries ? oppId : null, lookups));
      });
    }
    // The opportunities no lead carried, in the order read.
    if (opps) {
      for (let row = 0; row < opps.size; row++) {
        if (taken.get(idKey(opps.id(row))) !== -1) continue;
        const opp = opps.get(row);
        emit(journey(null, opp, opp.id, lookups));
      }
    }

    if (convertedElsewhere) {
      ctx.notes.push(
        `${convertedElsewhere} converted leads point at opportunities not among those read (missing from the export, or rejected): they count as reaching Opportunity on their ConvertedDate`,
      );
    }
    if (files.Lead && !files.Lead.has('CreatedDate')) {
      ctx.notes.push(`${files.Lead.name} has no CreatedDate column: when leads were created is unknown, so date ranges and cohorts leave them out`);
    }
    return {
      unmappedStages: [...unmappedOf('Opportunity', oppStages), ...unmappedOf('Lead', statuses)],
      read: Object.values(found),
    };
  },
};
