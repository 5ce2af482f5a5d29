/**
 * The datasets a story can show, picked with the `src` control: the generated demo and real CRM exports, all
 * synced by `npm run demo:data` (scripts/demo-data.ts) into demo/public/data/, served as /data/.
 */
export const DATASETS: Record<string, string> = {
  'Demo (generated, 2,000 opportunities)': '/data/demo/manifest.json',
  'Salesforce developer org (real export)': '/data/salesforce-devorg/manifest.json',
  'Salesforce sample assets (real export)': '/data/salesforce-sfdc-assets/manifest.json',
  'Maven CRM (real CSV, example mapping)': '/data/maven-crm/manifest.json',
  'Olist marketing funnel (real CSV, example mapping)': '/data/olist-funnel/manifest.json',
};

export const DEMO = '/data/demo/manifest.json';

export const srcControl = {
  control: { type: 'select' as const, labels: Object.fromEntries(Object.entries(DATASETS).map(([label, url]) => [url, label])) },
  options: Object.values(DATASETS),
  description: 'The dataset (its manifest.json): the generated demo or a synced real CRM export',
};
