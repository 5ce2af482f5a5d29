import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEFAULT_STAGE_MODEL, DIMENSIONS } from '../model/index.ts';
import '../widgets/cohort/define.ts';
import { commonControls, dark, headingControls, missingDataset, viewControls, wall, widgetArgs, widgetAttributes, type WidgetArgs } from './controls.ts';

interface CohortArgs extends WidgetArgs {
  unit: 'week' | 'month' | 'quarter';
  stage: string;
  by: string;
  from: string;
  to: string;
}

const meta: Meta<CohortArgs> = {
  title: 'Widgets/revlens-cohort',
  component: 'revlens-cohort',
  args: { ...widgetArgs, unit: 'month', stage: '', by: '', from: '', to: '' },
  argTypes: {
    ...commonControls,
    unit: { control: 'inline-radio', options: ['week', 'month', 'quarter'], description: 'Cohort and period length' },
    stage: {
      control: 'select',
      options: ['', ...DEFAULT_STAGE_MODEL.stages.map((s) => s.key)],
      description: 'Stage counted (empty: the last stage, Won)',
    },
    by: { control: 'select', options: ['', ...DIMENSIONS], description: 'Breakdown dimension, picked from a menu (empty: none)' },
    from: { control: 'text', description: 'First created day, YYYY-MM-DD (empty: no limit)' },
    to: { control: 'text', description: 'Last created day, YYYY-MM-DD (empty: no limit)' },
    ...viewControls,
    ...headingControls,
  },
  render: (a) => html`<revlens-cohort ${widgetAttributes(a, { unit: a.unit === 'month' ? undefined : a.unit, stage: a.stage, by: a.by, from: a.from, to: a.to })}></revlens-cohort>`,
};
export default meta;

type Story = StoryObj<CohortArgs>;

export const Demo: Story = {};

export const Quarterly: Story = { args: { unit: 'quarter' } };

export const WeeklyToSql: Story = { name: 'Weekly, reaching SQL', args: { unit: 'week', stage: 'sql', from: '2026-04-01' } };

export const BySource: Story = { args: { by: 'source', unit: 'quarter' } };

export const Chinese: Story = { name: 'zh-CN', args: { locale: 'zh-CN' } };

export const Table: Story = { args: { view: 'table', unit: 'quarter' } };

export const MissingDataset: Story = missingDataset;

export const EmptyRange: Story = {
  name: 'Empty: no journeys in range',
  args: { from: '1990-01-01', to: '1990-12-31' },
  parameters: { revlens: { expect: 'empty' } },
};

export const Dark: Story = dark;

export const Wall: Story = { ...wall, args: { ...wall.args, unit: 'quarter' } };
