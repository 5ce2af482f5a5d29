import type { Config } from '../config.ts';
import type { CsvFile, CsvRecord } from '../csv.ts';
import { SyncError } from '../errors.ts';
import { sizeBand, text } from '../values.ts';
import type { ObjectName } from './objects.ts';

type FieldName = keyof Config['fields'];

/**
 * Where each journey field comes from in a Salesforce org, first non-empty wins. Standard fields
 * first, then the custom fields orgs commonly add. A config's `fields` entry replaces a list.
 */
const BUILT_IN: Record<FieldName, string[]> = {
  name: ['Opportunity.Name', 'Lead.Company', 'Lead.Name'],
  source: ['Opportunity.LeadSource', 'Lead.LeadSource'],
  channel: ['Opportunity.Channel__c', 'Lead.Channel__c'],
  campaign: ['Opportunity.Campaign__c', 'Lead.Campaign__c'],
  utm_source: ['Lead.UTM_Source__c', 'Opportunity.UTM_Source__c'],
  utm_medium: ['Lead.UTM_Medium__c', 'Opportunity.UTM_Medium__c'],
  utm_campaign: ['Lead.UTM_Campaign__c', 'Opportunity.UTM_Campaign__c'],
  keyword: ['Lead.Keyword__c', 'Opportunity.Keyword__c'],
  region: ['Opportunity.Region__c', 'Account.Region__c', 'Lead.Region__c', 'Account.BillingCountry', 'Lead.Country'],
  industry: ['Account.Industry', 'Lead.Industry'],
  company_size: ['Account.NumberOfEmployees', 'Lead.NumberOfEmployees'],
  owner: ['User.Name', 'Opportunity.OwnerId', 'Lead.OwnerId'],
  team: ['User.Department'],
  product: ['Opportunity.Product__c'],
  currency: ['Opportunity.CurrencyIsoCode', 'Lead.CurrencyIsoCode'],
  loss_reason: ['Opportunity.Loss_Reason__c', 'Opportunity.Lost_Reason__c', 'Opportunity.Reason_Lost__c'],
  poc_result: ['Opportunity.POC_Result__c'],
};

/** The records one journey is made of; Account and User are looked up from the lead or opportunity. */
export type JourneyRecords = Partial<Record<ObjectName, CsvRecord>>;

export type FieldReader = (records: JourneyRecords) => Record<FieldName, string | null>;

/**
 * Resolves the field sources once per sync. A column the config names must exist in its object's
 * file; built-in columns an export lacks are skipped.
 */
export function fieldReader(config: Config, files: Partial<Record<ObjectName, CsvFile>>): FieldReader {
  const sources = Object.entries(BUILT_IN).map(([field, builtIn]) => {
    const configured = config.fields[field as FieldName];
    const refs = configured === undefined ? builtIn : Array.isArray(configured) ? configured : [configured];
    const usable = refs
      .map((ref) => {
        const [object, column] = ref.split('.') as [ObjectName, string];
        const file = files[object];
        if (configured !== undefined && file && !file.has(column)) {
          throw new SyncError(`the config's fields.${field} names ${ref}, but ${file.name} has no ${column} column`);
        }
        return file?.has(column) ? { object, column } : null;
      })
      .filter((s) => s !== null);
    return { field: field as FieldName, usable };
  });

  return (records) => {
    const out = {} as Record<FieldName, string | null>;
    for (const { field, usable } of sources) {
      let value: string | null = null;
      for (const { object, column } of usable) {
        value = text(records[object]?.get(column));
        if (value !== null) break;
      }
      out[field] = field === 'company_size' && value !== null && /^\d+$/.test(value) ? sizeBand(Number(value)) : value;
    }
    return out;
  };
}
