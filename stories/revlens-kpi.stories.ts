import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../widgets/kpi/define.ts';

interface KpiArgs {
  src: string;
  locale: 'en' | 'zh-CN';
  from: string;
  to: string;
  metrics: string;
  theme: 'light' | 'dark' | 'wall';
  mode: '' | 'wall';
  view: 'chart' | 'table';
}

/** The demo dataset: `npm run demo:data` syncs a seeded sample Salesforce export into demo/public/data/demo. */
const DEMO = '/data/demo/manifest.json';

const meta: Meta<KpiArgs> = {
  title: 'Widgets/revlens-kpi',
  component: 'revlens-kpi',
  args: { src: DEMO, locale: 'en', from: '', to: '', metrics: '', theme: 'light', mode: '', view: 'chart' },
  argTypes: {
    src: { control: 'text', description: 'URL of the dataset manifest.json' },
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    from: { control: 'text', description: 'First day of the period, YYYY-MM-DD (empty: 90 days before `to`)' },
    to: { control: 'text', description: "Last day of the period, YYYY-MM-DD (empty: the last full day at the dataset's as-of)" },
    metrics: {
      control: 'text',
      description: 'Comma list of tiles, in order: leads, mqls, mql_rate, win_rate, revenue, cycle, velocity (empty: all)',
    },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'wall'] },
    mode: { control: 'inline-radio', options: ['', 'wall'], description: 'Wall display (empty: none)' },
    view: { control: 'inline-radio', options: ['chart', 'table'] },
  },
  // Empty controls remove the attribute rather than set it to "".
  render: (a) => html`
    <revlens-kpi
      src=${a.src}
      locale=${a.locale}
      from=${a.from || nothing}
      to=${a.to || nothing}
      metrics=${a.metrics || nothing}
      theme=${a.theme === 'light' ? nothing : a.theme}
      mode=${a.mode || nothing}
      view=${a.view === 'chart' ? nothing : a.view}
    ></revlens-kpi>
  `,
};
export default meta;

type Story = StoryObj<KpiArgs>;

export const Demo: Story = {};

export const FixedQuarter: Story = { name: 'Q1 2026 against the 90 days before', args: { from: '2026-01-01', to: '2026-03-31' } };

export const Chosen: Story = { name: 'Three tiles, reordered', args: { metrics: 'revenue,win_rate,velocity' } };

export const Chinese: Story = { name: 'zh-CN', args: { locale: 'zh-CN' } };

export const Wall: Story = { args: { theme: 'wall', mode: 'wall' }, parameters: { backgrounds: { disable: true }, layout: 'fullscreen' } };

export const MissingDataset: Story = {
  name: 'Error: missing dataset',
  args: { src: '/data/no-such-dataset/manifest.json' },
};

export const EmptyRange: Story = {
  name: 'Empty: no journeys in the period',
  args: { from: '1990-01-01', to: '1990-03-31' },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { disable: true } },
};
