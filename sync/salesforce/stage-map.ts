import type { Config } from '../config.ts';
import type { CsvRecord } from '../csv.ts';

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

const normalize = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

/** Looks CRM names up case- and spacing-insensitively; the config's entries win over built-in ones. */
export class StageMap<T extends string> {
  private readonly map = new Map<string, T>();
  private readonly unmappedRecords = new Map<string, { name: string; records: Set<CsvRecord> }>();

  constructor(builtIn: Record<string, T>, configured: Record<string, T>, private readonly fallback: T) {
    for (const [name, target] of [...Object.entries(builtIn), ...Object.entries(configured)]) {
      this.map.set(normalize(name), target);
    }
  }

  /** The canonical target of a CRM name; an unknown name gets the fallback, and the record is counted. */
  get(name: string, record: CsvRecord): T {
    const key = normalize(name);
    const hit = this.map.get(key);
    if (hit) return hit;
    const seen = this.unmappedRecords.get(key) ?? { name, records: new Set<CsvRecord>() };
    this.unmappedRecords.set(key, seen);
    seen.records.add(record);
    return this.fallback;
  }

  /** Unknown names (as first written) with how many records carry each, however they are spelled. */
  get unmapped(): [string, number][] {
    return [...this.unmappedRecords.values()].map(({ name, records }) => [name, records.size]);
  }
}

export const opportunityStages = (config: Config) => new StageMap(OPPORTUNITY_STAGES, config.stages, 'opportunity');
export const leadStatuses = (config: Config) => new StageMap(LEAD_STATUSES, config.leadStatuses, 'lead');
