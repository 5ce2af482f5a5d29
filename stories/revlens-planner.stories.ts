import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../widgets/planner/define.ts';

interface PlannerArgs {
  src: string;
  locale: 'en' | 'zh-CN';
  target: string;
  from: string;
  to: string;
  theme: 'light' | 'dark' | 'wall';
  mode: '' | 'wall';
  view: 'chart' | 'table';
}

/** The demo dataset: `npm run demo:data` syncs a seeded sample Salesforce export into demo/public/data/demo. */
const DEMO = '/data/demo/manifest.json';

const meta: Meta<PlannerArgs> = {
  title: 'Widgets/revlens-planner',
  component: 'revlens-planner',
  args: { src: DEMO, locale: 'en', target: '1000000', from: '', to: '', theme: 'light', mode: '', view: 'chart' },
  argTypes: {
    src: { control: 'text', description: 'URL of the dataset manifest.json' },
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    target: { control: 'text', description: 'Revenue target in base currency (empty: the element asks for one)' },
    from: { control: 'text', description: 'First created day of the history, YYYY-MM-DD (empty: no limit)' },
    to: { control: 'text', description: 'Last created day of the history, YYYY-MM-DD (empty: no limit)' },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'wall'] },
    mode: { control: 'inline-radio', options: ['', 'wall'], description: 'Wall display (empty: none)' },
    view: { control: 'inline-radio', options: ['chart', 'table'] },
  },
  // Empty controls remove the attribute rather than set it to "".
  render: (a) => html`
    <revlens-planner
      src=${a.src}
      locale=${a.locale}
      target=${a.target || nothing}
      from=${a.from || nothing}
      to=${a.to || nothing}
      theme=${a.theme === 'light' ? nothing : a.theme}
      mode=${a.mode || nothing}
      view=${a.view === 'chart' ? nothing : a.view}
    ></revlens-planner>
  `,
};
export default meta;

type Story = StoryObj<PlannerArgs>;

export const Demo: Story = {};

export const FromLastYear: Story = { name: 'Rates from 2025', args: { from: '2025-01-01', to: '2025-12-31' } };

export const Chinese: Story = { name: 'zh-CN', args: { locale: 'zh-CN' } };

export const Prompt: Story = { name: 'No target yet', args: { target: '' } };

export const BadTarget: Story = { name: 'Error: target is not a positive number', args: { target: '-5' } };

export const NoWins: Story = { name: 'Empty: no won deals in the history', args: { from: '2024-07-01', to: '2024-09-30' } };

export const Wall: Story = { args: { theme: 'wall', mode: 'wall' }, parameters: { backgrounds: { disable: true }, layout: 'fullscreen' } };

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { disable: true } },
};
