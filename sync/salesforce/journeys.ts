import type { Outcome } from '../../model/index.ts';
import { JourneyDraft } from '../journey.ts';
import type { StageMap } from '../stage-map.ts';
import { id, idKey } from '../values.ts';
import type { FieldReader, JourneyRecords } from '../fields.ts';
import type { HistoryRow, Lead, LookupRow, Opportunity } from './objects.ts';

export interface JourneyInputs {
  leads: Lead[];
  opportunities: Opportunity[];
  accounts: Map<string, LookupRow>;
  users: Map<string, LookupRow>;
  opportunityStages: StageMap<'opportunity' | 'poc' | 'won' | 'lost'>;
  leadStatuses: StageMap<'lead' | 'mql' | 'sql'>;
  fields: FieldReader;
  /** Takes a history row back out of the dataset, with the reason. */
  rejectHistory: (row: HistoryRow, reason: string) => void;
}

function addLead(draft: JourneyDraft, lead: Lead, statuses: JourneyInputs['leadStatuses']): void {
  draft.lead_id = lead.id;
  draft.created_at = lead.created;
  draft.crm_stage = lead.status;
  draft.touch(lead.modified);
  draft.enter('lead', lead.created); // the status is today's, not the one it was created with
  for (const [stage, at] of Object.entries(lead.stageDates)) if (at !== null) draft.enter(stage, at);
  // The status says how far the lead got; without a date column for that stage, not when.
  const reached = lead.status === null ? 'lead' : statuses.get(lead.status, lead.record);
  if (reached !== 'lead') draft.enter(reached, null, lead.status);
}

/** Won and lost come from IsWon/IsClosed where the export has them, else from the stage name. */
function outcomeOf(opp: Opportunity, current: string): Outcome {
  const won = opp.isWon ?? current === 'won';
  const closed = opp.isClosed ?? (current === 'won' || current === 'lost');
  return won ? 'won' : closed ? 'lost' : 'open';
}

function addOpportunity(draft: JourneyDraft, opp: Opportunity, convertedAt: number | null, inputs: JourneyInputs): void {
  const current = inputs.opportunityStages.get(opp.stageName, opp.record);
  const outcome = outcomeOf(opp, current);
  Object.assign(draft, {
    opportunity_id: opp.id,
    created_at: draft.created_at ?? opp.created,
    crm_stage: opp.stageName,
    outcome,
    amount: opp.amount,
    currency: opp.currency,
    amount_base: opp.amountBase,
  });
  draft.account_id ??= opp.accountId;
  draft.touch(opp.modified);
  draft.enter('opportunity', opp.created ?? convertedAt); // its stage then: only history says
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
      draft.enter(stage, row.at, row.stageName);
    }
  }
  if (current === 'poc') draft.enter('poc', null, opp.stageName);
  // CloseDate is when the deal was won or lost only when the history does not say.
  if (outcome === 'won') draft.closed_at = draft.entries.get('won')?.at ?? opp.closeDate;
  if (outcome === 'lost') draft.closed_at = lostAt ?? opp.closeDate;
}

/**
 * One journey per lead (with the opportunity it converted into, if any) and one per opportunity
 * no lead converted into.
 */
export function assembleJourneys(inputs: JourneyInputs): { drafts: JourneyDraft[]; convertedElsewhere: number } {
  const { leads, opportunities, accounts, users, fields } = inputs;
  const oppById = new Map(opportunities.map((o) => [idKey(o.id), o]));
  const taken = new Set<string>();
  let convertedElsewhere = 0;
  const drafts: JourneyDraft[] = [];

  const build = (lead: Lead | null, opp: Opportunity | null, opportunityId: string | null) => {
    const draft = new JourneyDraft((lead?.id ?? opp?.id)!);
    if (lead) {
      addLead(draft, lead, inputs.leadStatuses);
      draft.account_id = lead.convertedAccountId;
    }
    if (opp) addOpportunity(draft, opp, lead?.convertedAt ?? null, inputs);
    else if (opportunityId) {
      draft.opportunity_id = opportunityId;
      draft.enter('opportunity', lead?.convertedAt ?? null); // converted; the opportunity is not among those read
    }
    const ownerId = opp?.ownerId ?? (lead ? id(lead.record.get('OwnerId')) : null);
    const records: JourneyRecords = {
      Lead: lead?.record,
      Opportunity: opp?.record,
      Account: draft.account_id ? accounts.get(idKey(draft.account_id))?.record : undefined,
      User: ownerId ? users.get(idKey(ownerId))?.record : undefined,
    };
    draft.fields = fields(records);
    drafts.push(draft);
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
  return { drafts, convertedElsewhere };
}
