import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../widgets/health/define.ts';

interface HealthArgs {
  src: string;
  locale: 'en' | 'zh-CN';
  k: number;
  period: 'week' | 'month' | 'quarter';
  from: string;
  to: string;
  stage: string;
  limit: number;
  theme: 'light' | 'dark' | 'wall';
  mode: '' | 'wall';
  view: 'chart' | 'table';
}

/** The demo dataset: `npm run demo:data` syncs a seeded sample Salesforce export into demo/public/data/demo. */
const DEMO = '/data/demo/manifest.json';

const meta: Meta<HealthArgs> = {
  title: 'Widgets/revlens-health',
  component: 'revlens-health',
  args: { src: DEMO, locale: 'en', k: 2, period: 'month', from: '', to: '', stage: '', limit: 50, theme: 'light', mode: '', view: 'chart' },
  argTypes: {
    src: { control: 'text', description: 'URL of the dataset manifest.json' },
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    k: { control: { type: 'number', min: 0.5, max: 20, step: 0.5 }, description: 'Stagnant: days in stage > k × the stage median' },
    period: { control: 'inline-radio', options: ['week', 'month', 'quarter'], description: 'Flow periods' },
    from: { control: 'text', description: 'Flow: first day, YYYY-MM-DD (empty: from the first event)' },
    to: { control: 'text', description: 'Flow: last day, YYYY-MM-DD (empty: to the last event)' },
    stage: {
      control: 'select',
      options: ['', 'lead', 'mql', 'sql', 'opportunity', 'poc', 'won'],
      description: 'Stage whose flow is drawn (empty: the first stage with any flow)',
    },
    limit: { control: { type: 'number', min: 1, max: 500, step: 1 }, description: 'Most stagnant journeys listed' },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'wall'] },
    mode: { control: 'inline-radio', options: ['', 'wall'], description: 'Wall display (empty: none)' },
    view: { control: 'inline-radio', options: ['chart', 'table'] },
  },
  // Empty controls (and defaults) remove the attribute rather than set it to "".
  render: (a) => html`
    <revlens-health
      src=${a.src}
      locale=${a.locale}
      k=${a.k === 2 ? nothing : a.k}
      period=${a.period === 'month' ? nothing : a.period}
      from=${a.from || nothing}
      to=${a.to || nothing}
      stage=${a.stage || nothing}
      limit=${a.limit === 50 ? nothing : a.limit}
      theme=${a.theme === 'light' ? nothing : a.theme}
      mode=${a.mode || nothing}
      view=${a.view === 'chart' ? nothing : a.view}
    ></revlens-health>
  `,
};
export default meta;

type Story = StoryObj<HealthArgs>;

export const Demo: Story = {};

export const Weekly: Story = { args: { period: 'week', stage: 'sql' } };

export const Chinese: Story = { name: 'zh-CN', args: { locale: 'zh-CN' } };

export const NoneStagnant: Story = {
  name: 'No stagnant journeys (k = 1000)',
  args: { k: 1000 },
};

export const MissingDataset: Story = {
  name: 'Error: missing dataset',
  args: { src: '/data/no-such-dataset/manifest.json' },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { disable: true } },
};
