import type { Outcome, StageModel } from '../../model/index.ts';
import type { CsvRecord } from '../csv.ts';
import type { Row } from '../types.ts';
import { id, idKey } from '../values.ts';
import type { FieldReader, JourneyRecords } from './fields.ts';
import type { HistoryRow, Lead, LookupRow, Opportunity } from './objects.ts';
import type { StageMap } from './stage-map.ts';

export interface JourneyInputs {
  model: StageModel;
  leads: Lead[];
  opportunities: Opportunity[];
  accounts: Map<string, LookupRow>;
  users: Map<string, LookupRow>;
  opportunityStages: StageMap<'opportunity' | 'poc' | 'won' | 'lost'>;
  leadStatuses: StageMap<'lead' | 'mql' | 'sql'>;
  fields: FieldReader;
  currency: string | undefined;
  /** Takes a history row back out of the dataset, with the reason. */
  rejectHistory: (row: HistoryRow, reason: string) => void;
}

interface Entry {
  at: number | null;
  crmStage: string | null;
}

/** The stages one journey entered; a stage seen twice keeps its earliest known time. */
class Entries {
  readonly byStage = new Map<string, Entry>();

  enter(stage: string, at: number | null, crmStage: string | null): void {
    const seen = this.byStage.get(stage);
    if (!seen) this.byStage.set(stage, { at, crmStage });
    else if (at !== null && (seen.at === null || at < seen.at)) Object.assign(seen, { at, crmStage });
    else if (at === seen.at && seen.crmStage === null) seen.crmStage = crmStage;
  }

  earliest(): number | null {
    const times = [...this.byStage.values()].map((e) => e.at).filter((t) => t !== null);
    return times.length ? Math.min(...times) : null;
  }
}

function addLead(entries: Entries, lead: Lead, statuses: JourneyInputs['leadStatuses']): void {
  entries.enter('lead', lead.created, null); // the status is today's, not the one it was created with
  for (const [stage, at] of Object.entries(lead.stageDates)) if (at !== null) entries.enter(stage, at, null);
  // The status says how far the lead got; without a date column for that stage, not when.
  const reached = lead.status === null ? 'lead' : statuses.get(lead.status, lead.record);
  if (reached !== 'lead') entries.enter(reached, null, lead.status);
}

/** Won and lost come from IsWon/IsClosed where the export has them, else from the stage name. */
function outcomeOf(opp: Opportunity, current: string): Outcome {
  const won = opp.isWon ?? current === 'won';
  const closed = opp.isClosed ?? (current === 'won' || current === 'lost');
  return won ? 'won' : closed ? 'lost' : 'open';
}

/** Adds an opportunity's stages; returns its outcome and when it closed. */
function addOpportunity(
  entries: Entries,
  opp: Opportunity,
  convertedAt: number | null,
  inputs: JourneyInputs,
): { outcome: Outcome; closedAt: number | null } {
  const current = inputs.opportunityStages.get(opp.stageName, opp.record);
  const outcome = outcomeOf(opp, current);
  entries.enter('opportunity', opp.created ?? convertedAt, null); // its stage then: only history says
  let lostAt: number | null = null;
  for (const row of [...opp.history].sort((a, b) => a.at - b.at)) {
    const stage = inputs.opportunityStages.get(row.stageName, row.record);
    if ((stage === 'won' || stage === 'lost') && stage !== outcome) {
      inputs.rejectHistory(
        row,
        `history says "${row.stageName}" but the opportunity's outcome is ${outcome}: the change was later undone, so it is not counted`,
      );
    } else if (stage === 'lost') {
      lostAt = row.at; // rows are in time order: a deal lost, reopened and lost again closed the last time
    } else {
      entries.enter(stage, row.at, row.stageName);
    }
  }
  if (current === 'poc') entries.enter('poc', null, opp.stageName);
  // CloseDate is when the deal was won only when the history does not say.
  if (outcome === 'won' && !entries.byStage.has('won')) entries.enter('won', opp.closeDate, opp.stageName);
  const closedAt = outcome === 'won' ? (entries.byStage.get('won')?.at ?? null) : outcome === 'lost' ? (lostAt ?? opp.closeDate) : null;
  return { outcome, closedAt };
}

const latest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/**
 * One journey per lead (with the opportunity it converted into, if any) and one per opportunity
 * no lead converted into.
 */
export function assembleJourneys(inputs: JourneyInputs): {
  journeys: Row[];
  stageEvents: Row[];
  /** Converted leads whose opportunity is not among those read: they reach Opportunity at ConvertedDate. */
  convertedElsewhere: number;
} {
  const { model, leads, opportunities, accounts, users, fields } = inputs;
  const order = new Map(model.stages.map((s, i) => [s.key, i]));
  const oppById = new Map(opportunities.map((o) => [idKey(o.id), o]));
  const taken = new Set<string>();
  let convertedElsewhere = 0;
  const journeys: Row[] = [];
  const stageEvents: Row[] = [];

  const build = (lead: Lead | null, opp: Opportunity | null, opportunityId: string | null) => {
    const journeyId = (lead?.id ?? opp?.id)!;
    const entries = new Entries();
    if (lead) addLead(entries, lead, inputs.leadStatuses);
    let outcome: Outcome = 'open';
    let closedAt: number | null = null;
    if (opp) ({ outcome, closedAt } = addOpportunity(entries, opp, lead?.convertedAt ?? null, inputs));
    else if (opportunityId) entries.enter('opportunity', lead?.convertedAt ?? null, null); // converted; the opportunity is not in this export

    const deepest = [...entries.byStage.keys()].reduce((a, b) => (order.get(b)! > order.get(a)! ? b : a));
    const ownerRecord = (record: CsvRecord | undefined) => (record ? id(record.get('OwnerId')) : null);
    const accountId = opp?.accountId ?? lead?.convertedAccountId ?? null;
    const ownerId = opp?.ownerId ?? ownerRecord(lead?.record);
    const records: JourneyRecords = {
      Lead: lead?.record,
      Opportunity: opp?.record,
      Account: accountId ? accounts.get(idKey(accountId))?.record : undefined,
      User: ownerId ? users.get(idKey(ownerId))?.record : undefined,
    };
    const f = fields(records);
    const currency = f.currency ?? inputs.currency ?? null;
    // Object.assign, not spread: spreading this dynamically built object is ten times slower in V8.
    journeys.push(Object.assign(f, {
      journey_id: journeyId,
      lead_id: lead?.id ?? null,
      opportunity_id: opp?.id ?? opportunityId,
      account_id: accountId,
      created_at: lead?.created ?? opp?.created ?? entries.earliest(),
      closed_at: closedAt,
      updated_at: latest(lead?.modified ?? null, opp?.modified ?? null),
      stage: deepest,
      crm_stage: opp?.stageName ?? lead?.status ?? null,
      outcome,
      amount: opp?.amount ?? null,
      currency,
      amount_base: opp?.amount ?? null,
    }));
    for (const [stage, e] of entries.byStage) {
      stageEvents.push({ journey_id: journeyId, stage, entered_at: e.at, crm_stage: e.crmStage });
    }
  };

  for (const lead of leads) {
    const oppId = lead.convertedOpportunityId;
    // Two leads merged into one opportunity: the first one listed carries it, the other stays a lead.
    const carries = oppId !== null && !taken.has(idKey(oppId));
    if (carries) taken.add(idKey(oppId));
    const opp = carries ? (oppById.get(idKey(oppId)) ?? null) : null;
    if (carries && !opp) convertedElsewhere++;
    build(lead, opp, carries ? oppId : null);
  }
  for (const opp of opportunities) if (!taken.has(idKey(opp.id))) build(null, opp, opp.id);
  return { journeys, stageEvents, convertedElsewhere };
}
