import type { Config } from '../config.ts';
import { StageMap } from '../stage-map.ts';

type OpportunityTarget = Config['stages'][string];
type LeadTarget = Config['leadStatuses'][string];

/** Salesforce's standard opportunity stages; other names count as Opportunity and are reported. */
const OPPORTUNITY_STAGES: Record<string, OpportunityTarget> = {
  Prospecting: 'opportunity',
  Qualification: 'opportunity',
  'Needs Analysis': 'opportunity',
  'Value Proposition': 'opportunity',
  'Id. Decision Makers': 'opportunity',
  'Perception Analysis': 'opportunity',
  'Proposal/Price Quote': 'opportunity',
  'Negotiation/Review': 'opportunity',
  'Closed Won': 'won',
  'Closed Lost': 'lost',
  // Not standard picklist values, but how orgs commonly name a proof-of-concept stage.
  'Proof of Concept': 'poc',
  POC: 'poc',
  Pilot: 'poc',
};

/** Salesforce's standard Lead Status values (classic and current), and common MQL/SQL customizations. */
const LEAD_STATUSES: Record<string, LeadTarget> = {
  'Open - Not Contacted': 'lead',
  'Working - Contacted': 'lead',
  'Closed - Converted': 'lead', // the opportunity it converted into carries the journey on
  'Closed - Not Converted': 'lead',
  New: 'lead',
  Working: 'lead',
  Nurturing: 'lead',
  Unqualified: 'lead',
  'Marketing Qualified': 'mql',
  MQL: 'mql',
  'Sales Accepted': 'sql',
  'Sales Qualified': 'sql',
  SQL: 'sql',
  Qualified: 'sql',
};

export const opportunityStages = (config: Config) => new StageMap(OPPORTUNITY_STAGES, config.stages, 'opportunity');
export const leadStatuses = (config: Config) => new StageMap(LEAD_STATUSES, config.leadStatuses, 'lead');
