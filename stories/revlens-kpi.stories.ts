import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../widgets/kpi/define.ts';
import { commonControls, dark, headingControls, missingDataset, viewControls, wall, widgetArgs, widgetAttributes, type WidgetArgs } from './controls.ts';
import { one, settle, shadow } from './play.ts';

interface KpiArgs extends WidgetArgs {
  from: string;
  to: string;
  metrics: string;
}

const meta: Meta<KpiArgs> = {
  title: 'Widgets/revlens-kpi',
  component: 'revlens-kpi',
  args: { ...widgetArgs, from: '', to: '', metrics: '' },
  argTypes: {
    ...commonControls,
    from: { control: 'text', description: 'First day of the period, YYYY-MM-DD (empty: 90 days before `to`)' },
    to: { control: 'text', description: "Last day of the period, YYYY-MM-DD (empty: the last full day at the dataset's as-of)" },
    metrics: {
      control: 'text',
      description: 'Comma list of tiles, in order: leads, mqls, mql_rate, win_rate, revenue, cycle, velocity (empty: all)',
    },
    ...viewControls,
    ...headingControls,
  },
  render: (a) => html`<revlens-kpi ${widgetAttributes(a, { from: a.from, to: a.to, metrics: a.metrics })}></revlens-kpi>`,
};
export default meta;

type Story = StoryObj<KpiArgs>;

export const Demo: Story = {};

export const FixedQuarter: Story = { name: 'Q1 2026 against the 90 days before', args: { from: '2026-01-01', to: '2026-03-31' } };

export const Chosen: Story = {
  name: 'Three tiles, reordered',
  args: { metrics: 'revenue,win_rate,velocity' },
  async play({ canvasElement }) {
    const kpi = one(canvasElement, 'revlens-kpi');
    await settle(canvasElement);
    expect([...shadow(kpi).querySelectorAll('[part=tile]')].map((t) => t.getAttribute('data-metric'))).toEqual(['revenue', 'win_rate', 'velocity']);
  },
};

export const Chinese: Story = { name: 'zh-CN', args: { locale: 'zh-CN' } };

/** As a test: no buttons on the wall (see controls.ts), and still every tile. */
export const Wall: Story = {
  ...wall,
  async play(context) {
    await wall.play(context);
    expect(shadow(one(context.canvasElement, 'revlens-kpi')).querySelectorAll('[part=tile]')).toHaveLength(7);
  },
};

export const MissingDataset: Story = missingDataset;

export const EmptyRange: Story = {
  name: 'Empty: no journeys in the period',
  args: { from: '1990-01-01', to: '1990-03-31' },
  parameters: { revlens: { expect: 'empty' } },
};

export const Dark: Story = dark;
