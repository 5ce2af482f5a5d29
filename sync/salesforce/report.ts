import type { CsvFile } from '../csv.ts';
import type { ObjectName } from './objects.ts';

/**
 * Salesforce report exports ("Export → Formatted/Details only") name columns by their labels, not
 * their API names, and have any file name. These are the standard labels of the Opportunities,
 * Leads and Opportunity History report types, by the API name sync reads.
 */
const LABELS: Partial<Record<ObjectName, Record<string, string[]>>> = {
  Opportunity: {
    Id: ['Opportunity ID', 'Opportunity Id'],
    Name: ['Opportunity Name'],
    StageName: ['Stage'],
    Amount: ['Amount'],
    CurrencyIsoCode: ['Opportunity Currency', 'Amount Currency', 'Currency'],
    CloseDate: ['Close Date'],
    CreatedDate: ['Created Date'],
    LastModifiedDate: ['Last Modified Date', 'Last Modified'],
    LeadSource: ['Lead Source'],
    IsWon: ['Won'],
    IsClosed: ['Closed'],
    AccountId: ['Account ID', 'Account Id'],
    OwnerName: ['Opportunity Owner'],
    Type: ['Type'],
  },
  Lead: {
    Id: ['Lead ID', 'Lead Id'],
    Company: ['Company / Account', 'Company'],
    Status: ['Lead Status', 'Status'],
    LeadSource: ['Lead Source'],
    CreatedDate: ['Created Date', 'Create Date'],
    LastModifiedDate: ['Last Modified Date', 'Last Modified'],
    IsConverted: ['Converted'],
    ConvertedDate: ['Converted Date'],
    ConvertedOpportunityId: ['Converted Opportunity ID', 'Opportunity ID'],
    ConvertedAccountId: ['Converted Account ID'],
    Industry: ['Industry'],
    Country: ['Country', 'Country (text only)'],
    NumberOfEmployees: ['Employees', 'No. of Employees'],
    OwnerName: ['Lead Owner'],
  },
  OpportunityHistory: {
    OpportunityId: ['Opportunity ID', 'Opportunity Id'],
    StageName: ['To Stage', 'Stage'],
    CreatedDate: ['Edit Date', 'Last Modified', 'Stage Change Date'],
  },
};

/** Which Salesforce object a report's columns are about, if any. */
export function reportObject(file: CsvFile): ObjectName | undefined {
  if (file.has('To Stage') && (file.has('Opportunity ID') || file.has('Opportunity Id'))) return 'OpportunityHistory';
  if (file.has('Lead ID') || file.has('Lead Status')) return 'Lead';
  if (file.has('Opportunity ID') || (file.has('Opportunity Name') && file.has('Stage'))) return 'Opportunity';
  return undefined;
}

/** Lets a report's records be read by API names, as object exports are. */
export function readAsObject(file: CsvFile, object: ObjectName): void {
  for (const [api, labels] of Object.entries(LABELS[object] ?? {})) {
    if (file.has(api)) continue;
    const label = labels.find((l) => file.has(l));
    if (label) file.alias(api, label);
  }
}
