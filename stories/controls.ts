/**
 * What the stories share. The datasets a story can show, picked with the `src` control: the generated demo and real CRM exports, all
 * synced by `npm run demo:data` (scripts/demo-data.ts) into demo/public/data/, served as /data/.
 */
export const DEMO = '/data/demo/manifest.json';

const DATASETS: Record<string, string> = {
  'Demo (generated, 2,000 opportunities)': DEMO,
  'Salesforce developer org (real export)': '/data/salesforce-devorg/manifest.json',
  'Salesforce sample assets (real export)': '/data/salesforce-sfdc-assets/manifest.json',
  'Maven CRM (real CSV, example mapping)': '/data/maven-crm/manifest.json',
  'Olist marketing funnel (real CSV, example mapping)': '/data/olist-funnel/manifest.json',
};

export const srcControl = {
  control: { type: 'select' as const, labels: Object.fromEntries(Object.entries(DATASETS).map(([label, url]) => [url, label])) },
  options: Object.values(DATASETS),
  description: 'The dataset (its manifest.json): the generated demo or a synced real CRM export',
};

/** The controls every element's story has, spread into its argTypes. */
export const commonControls = {
  src: srcControl,
  locale: { control: 'inline-radio' as const, options: ['en', 'zh-CN'] },
  theme: { control: 'inline-radio' as const, options: ['light', 'dark', 'wall'] },
};

/** The wall mode and the table view, for the widgets that have them. */
export const viewControls = {
  mode: { control: 'inline-radio' as const, options: ['', 'wall'], description: 'Wall display: large type, no buttons, reloads on a new sync' },
  view: { control: 'inline-radio' as const, options: ['chart', 'table'] },
};

/** Stories every widget has: a dataset that is not there, and the dark theme. */
export const missingDataset = {
  name: 'Error: missing dataset',
  args: { src: '/data/no-such-dataset/manifest.json' },
  parameters: { revlens: { expect: 'error' } },
};
export const dark = { args: { theme: 'dark' as const }, parameters: { backgrounds: { disable: true } } };
