import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import { DIMENSIONS } from '../model/index.ts';
import '../widgets/winloss/define.ts';
import { commonControls, dark, headingControls, missingDataset, viewControls, wall, widgetArgs, widgetAttributes, type WidgetArgs } from './controls.ts';
import { one, settle, shadow } from './play.ts';

interface WinlossArgs extends WidgetArgs {
  by: string;
  from: string;
  to: string;
  period: '' | 'week' | 'month' | 'quarter';
}

const meta: Meta<WinlossArgs> = {
  title: 'Widgets/revlens-winloss',
  component: 'revlens-winloss',
  args: { ...widgetArgs, by: 'region', from: '', to: '', period: '' },
  argTypes: {
    ...commonControls,
    by: { control: 'select', options: ['', ...DIMENSIONS], description: 'Segment dimension of the win-rate bars (empty: one overall bar)' },
    from: { control: 'text', description: 'First close day, YYYY-MM-DD (empty: no limit)' },
    to: { control: 'text', description: 'Last close day, YYYY-MM-DD (empty: no limit)' },
    period: { control: 'inline-radio', options: ['', 'week', 'month', 'quarter'], description: 'Close periods of the trend (empty: month)' },
    ...viewControls,
    ...headingControls,
  },
  render: (a) => html`<revlens-winloss ${widgetAttributes(a, { by: a.by, from: a.from, to: a.to, period: a.period })}></revlens-winloss>`,
};
export default meta;

type Story = StoryObj<WinlossArgs>;

export const ByRegion: Story = {};

export const Overall: Story = { args: { by: '' } };

export const BySourceQuarterly: Story = { name: 'By source, 2025, quarterly', args: { by: 'source', from: '2025-01-01', to: '2025-12-31', period: 'quarter' } };

export const Chinese: Story = { name: 'zh-CN', args: { locale: 'zh-CN' } };

export const Table: Story = { args: { view: 'table' } };

/**
 * A page's own title, placed in the page's outline. As a test: the title reads the label at the level asked
 * for, the panels' titles sit one level below it, and the screen-reader table is captioned with the label.
 */
export const Labelled: Story = {
  name: 'Own title, as a level-3 heading',
  args: { label: 'Where we win, by region', headingLevel: 3 },
  async play({ canvasElement, args }) {
    const winloss = one(canvasElement, 'revlens-winloss');
    await settle(canvasElement);
    const title = shadow(winloss).querySelector('[part=toolbar] [role=heading]');
    expect([title?.textContent?.trim(), title?.getAttribute('aria-level')]).toEqual([args.label, String(args.headingLevel)]);
    const panelLevels = [...shadow(winloss).querySelectorAll('[part~=panel-title]')].map((t) => t.getAttribute('aria-level'));
    expect(panelLevels.length).toBeGreaterThan(0);
    expect(new Set(panelLevels)).toEqual(new Set([String(args.headingLevel + 1)]));
    expect(shadow(winloss).querySelector('caption')?.textContent?.trim()).toBe(args.label);
  },
};

export const MissingDataset: Story = missingDataset;

export const EmptyRange: Story = {
  name: 'Empty: no deals closed in range',
  args: { from: '1990-01-01', to: '1990-12-31' },
  parameters: { revlens: { expect: 'empty' } },
};

export const Dark: Story = dark;

export const Wall: Story = wall;
