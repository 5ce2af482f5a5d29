import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { DIMENSIONS } from '../model/index.ts';
import '../widgets/index.ts';

interface FunnelArgs {
  src: string;
  locale: 'en' | 'zh-CN';
  by: string;
  from: string;
  to: string;
  theme: 'light' | 'dark' | 'wall';
}

/** The demo dataset: `npm run demo:data` syncs a seeded sample Salesforce export into demo/public/data/demo. */
const DEMO = '/data/demo/manifest.json';

const meta: Meta<FunnelArgs> = {
  title: 'Widgets/revlens-funnel',
  component: 'revlens-funnel',
  args: { src: DEMO, locale: 'en', by: '', from: '', to: '', theme: 'light' },
  argTypes: {
    src: { control: 'text', description: 'URL of the dataset manifest.json' },
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    by: { control: 'select', options: ['', ...DIMENSIONS], description: 'Breakdown dimension (empty: none)' },
    from: { control: 'text', description: 'First created day, YYYY-MM-DD (empty: no limit)' },
    to: { control: 'text', description: 'Last created day, YYYY-MM-DD (empty: no limit)' },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'wall'] },
  },
  // Empty controls remove the attribute rather than set it to "".
  render: (a) => html`
    <revlens-funnel
      src=${a.src}
      locale=${a.locale}
      by=${a.by || nothing}
      from=${a.from || nothing}
      to=${a.to || nothing}
      theme=${a.theme === 'light' ? nothing : a.theme}
    ></revlens-funnel>
  `,
};
export default meta;

type Story = StoryObj<FunnelArgs>;

export const Demo: Story = {};

export const BySource: Story = { args: { by: 'source' } };

export const Chinese: Story = { name: 'zh-CN', args: { locale: 'zh-CN' } };

export const MissingDataset: Story = {
  name: 'Error: missing dataset',
  args: { src: '/data/no-such-dataset/manifest.json' },
};

export const EmptyRange: Story = {
  name: 'Empty: no journeys in range',
  args: { from: '1990-01-01', to: '1990-12-31' },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { disable: true } },
};
