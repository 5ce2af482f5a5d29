import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { DIMENSIONS } from '../model/index.ts';
import '../widgets/winloss/define.ts';
import { DEMO, commonControls, dark, missingDataset, viewControls } from './controls.ts';

interface WinlossArgs {
  src: string;
  locale: 'en' | 'zh-CN';
  by: string;
  from: string;
  to: string;
  period: '' | 'week' | 'month' | 'quarter';
  theme: 'light' | 'dark' | 'wall';
  mode: '' | 'wall';
  refresh: number;
  view: 'chart' | 'table';
}


const meta: Meta<WinlossArgs> = {
  title: 'Widgets/revlens-winloss',
  component: 'revlens-winloss',
  args: { src: DEMO, locale: 'en', by: 'region', from: '', to: '', period: '', theme: 'light', mode: '', refresh: 60, view: 'chart' },
  argTypes: {
    ...commonControls,
    by: { control: 'select', options: ['', ...DIMENSIONS], description: 'Segment dimension of the win-rate bars (empty: one overall bar)' },
    from: { control: 'text', description: 'First close day, YYYY-MM-DD (empty: no limit)' },
    to: { control: 'text', description: 'Last close day, YYYY-MM-DD (empty: no limit)' },
    period: { control: 'inline-radio', options: ['', 'week', 'month', 'quarter'], description: 'Close periods of the trend (empty: month)' },
    refresh: { control: 'number', description: 'Seconds between looks for a new sync (wall mode)' },
    ...viewControls,
  },
  // Empty controls remove the attribute rather than set it to "".
  render: (a) => html`
    <revlens-winloss
      src=${a.src}
      locale=${a.locale}
      by=${a.by || nothing}
      from=${a.from || nothing}
      to=${a.to || nothing}
      period=${a.period || nothing}
      theme=${a.theme === 'light' ? nothing : a.theme}
      mode=${a.mode || nothing}
      refresh=${a.mode && a.refresh !== 60 ? a.refresh : nothing}
      view=${a.view === 'chart' ? nothing : a.view}
    ></revlens-winloss>
  `,
};
export default meta;

type Story = StoryObj<WinlossArgs>;

export const ByRegion: Story = {};

export const Overall: Story = { args: { by: '' } };

export const BySourceQuarterly: Story = { name: 'By source, 2025, quarterly', args: { by: 'source', from: '2025-01-01', to: '2025-12-31', period: 'quarter' } };

export const Chinese: Story = { name: 'zh-CN', args: { locale: 'zh-CN' } };

export const Table: Story = { args: { view: 'table' } };

export const MissingDataset: Story = missingDataset;

export const EmptyRange: Story = {
  name: 'Empty: no deals closed in range',
  args: { from: '1990-01-01', to: '1990-12-31' },
  parameters: { revlens: { expect: 'empty' } },
};

export const Dark: Story = dark;

export const Wall: Story = {
  args: { theme: 'wall', mode: 'wall' },
  parameters: { backgrounds: { disable: true } },
};
