import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../widgets/health/define.ts';
import { commonControls, dark, headingControls, missingDataset, viewControls, widgetArgs, widgetAttributes, type WidgetArgs } from './controls.ts';
import { one, settle, shadow } from './play.ts';

interface HealthArgs extends WidgetArgs {
  k: number;
  period: 'week' | 'month' | 'quarter';
  from: string;
  to: string;
  stage: string;
  limit: number;
}

const meta: Meta<HealthArgs> = {
  title: 'Widgets/revlens-health',
  component: 'revlens-health',
  args: { ...widgetArgs, k: 2, period: 'month', from: '', to: '', stage: '', limit: 50 },
  argTypes: {
    ...commonControls,
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
    ...viewControls,
    ...headingControls,
  },
  render: (a) => html`<revlens-health ${widgetAttributes(a, {
    k: a.k === 2 ? undefined : a.k,
    period: a.period === 'month' ? undefined : a.period,
    from: a.from,
    to: a.to,
    stage: a.stage,
    limit: a.limit === 50 ? undefined : a.limit,
  })}></revlens-health>`,
};
export default meta;

type Story = StoryObj<HealthArgs>;

/** As a test: a column header sorts the stagnation list by that column, then the other way. */
export const Demo: Story = {
  async play({ canvasElement }) {
    const health = one(canvasElement, 'revlens-health');
    await settle(canvasElement);
    const header = () => shadow(health).querySelector('th[data-sort="days_in_stage"]')!;
    const days = () => [...shadow(health).querySelectorAll('tbody tr')].map((tr) => Number(tr.querySelector('td.days')!.textContent!.replace(/[^\d.]/g, '')));
    await userEvent.click(header().querySelector('button')!);
    const first = header().getAttribute('aria-sort');
    expect(['ascending', 'descending']).toContain(first);
    await userEvent.click(header().querySelector('button')!);
    await waitFor(() => expect(header().getAttribute('aria-sort')).toBe(first === 'ascending' ? 'descending' : 'ascending'));
    const shown = days();
    expect(shown.length).toBeGreaterThan(1);
    const sorted = [...shown].sort((a, b) => (header().getAttribute('aria-sort') === 'ascending' ? a - b : b - a));
    expect(shown).toEqual(sorted);
  },
};

export const Weekly: Story = { args: { period: 'week', stage: 'sql' } };

export const Chinese: Story = { name: 'zh-CN', args: { locale: 'zh-CN' } };

export const NoneStagnant: Story = {
  name: 'No stagnant journeys (k = 1000)',
  args: { k: 1000 },
};

export const MissingDataset: Story = missingDataset;

export const Dark: Story = dark;
