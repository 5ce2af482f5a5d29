import type { FieldReader } from '../fields.ts';
import type { RecordLike } from '../kept-records.ts';
import { JourneyDraft } from '../journey.ts';
import type { StageMap } from '../stage-map.ts';
import { id, idKey } from '../values.ts';
import type { Lead, Opportunity } from './objects.ts';

/** What building a journey needs besides its lead and opportunity. */
export interface JourneyLookups {
  /** Records by id key. */
  accounts: { get(idKey: string): RecordLike | undefined };
  users: { get(idKey: string): RecordLike | undefined };
  leadStatuses: StageMap<'lead' | 'mql' | 'sql'>;
  fields: FieldReader;
}

function addLead(draft: JourneyDraft, lead: Lead, statuses: JourneyLookups['leadStatuses']): void {
  draft.lead_id = lead.id;
  draft.account_id = lead.convertedAccountId;
  draft.created_at = lead.created;
  draft.crm_stage = lead.status;
  draft.touch(lead.modified);
  draft.enter('lead', lead.created); // the status is today's, not the one it was created with
  for (const [stage, at] of Object.entries(lead.stageDates)) if (at !== null) draft.enter(stage, at);
  // The status says how far the lead got; without a date column for that stage, not when.
  const reached = lead.status === null ? 'lead' : statuses.get(lead.status);
  if (reached !== 'lead') draft.enter(reached, null, lead.status);
}

function addOpportunity(draft: JourneyDraft, opp: Opportunity, convertedAt: number | null): void {
  Object.assign(draft, {
    opportunity_id: opp.id,
    created_at: draft.created_at ?? opp.created,
    crm_stage: opp.stageName,
    outcome: opp.outcome,
    amount: opp.amount,
    currency: opp.currency,
    amount_base: opp.amountBase,
  });
  draft.account_id ??= opp.accountId;
  draft.touch(opp.modified);
  draft.enter('opportunity', opp.created ?? convertedAt); // its stage then: only history says
  for (const { stage, at, crmStage } of opp.entered) draft.enter(stage, at, crmStage);
  if (opp.current === 'poc') draft.enter('poc', null, opp.stageName);
  // CloseDate is when the deal was won or lost only when the history does not say.
  if (opp.outcome === 'won') draft.closed_at = draft.entries.get('won')?.at ?? opp.closeDate;
  if (opp.outcome === 'lost') draft.closed_at = opp.lostAt ?? opp.closeDate;
}

/**
 * A journey: a lead (with the opportunity it converted into, if any), or an opportunity no lead
 * converted into. `opportunityId` without `opp`: converted into an opportunity not among those read.
 */
export function journey(lead: Lead | null, opp: Opportunity | null, opportunityId: string | null, lookups: JourneyLookups): JourneyDraft {
  const draft = new JourneyDraft((lead?.id ?? opp?.id)!);
  if (lead) addLead(draft, lead, lookups.leadStatuses);
  if (opp) addOpportunity(draft, opp, lead?.convertedAt ?? null);
  else if (opportunityId) {
    draft.opportunity_id = opportunityId;
    draft.enter('opportunity', lead?.convertedAt ?? null);
  }
  const ownerId = opp?.ownerId ?? (lead ? id(lead.record.get('OwnerId')) : null);
  draft.fields = lookups.fields({
    Lead: lead?.record,
    Opportunity: opp?.record,
    Account: draft.account_id ? lookups.accounts.get(idKey(draft.account_id)) : undefined,
    User: ownerId ? lookups.users.get(idKey(ownerId)) : undefined,
  });
  return draft;
}
