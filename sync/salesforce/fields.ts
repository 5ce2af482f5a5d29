import type { FieldSources } from '../fields.ts';

/**
 * Where each journey field comes from in a Salesforce org, first non-empty wins. Standard fields
 * first, then the custom fields orgs commonly add. A config's `fields` entry replaces a list.
 */
export const SALESFORCE_FIELDS: FieldSources = {
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
  owner: ['User.Name', 'Opportunity.OwnerName', 'Lead.OwnerName', 'Opportunity.OwnerId', 'Lead.OwnerId'],
  team: ['User.Department'],
  product: ['Opportunity.Product__c'],
  loss_reason: ['Opportunity.Loss_Reason__c', 'Opportunity.Lost_Reason__c', 'Opportunity.Reason_Lost__c'],
  poc_result: ['Opportunity.POC_Result__c'],
};
