import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../widgets/planner/define.ts';
import { commonControls, dark, headingControls, viewControls, wall, widgetArgs, widgetAttributes, type WidgetArgs } from './controls.ts';
import { one, settle, shadow } from './play.ts';

interface PlannerArgs extends WidgetArgs {
  target: string;
  from: string;
  to: string;
}

const meta: Meta<PlannerArgs> = {
  title: 'Widgets/revlens-planner',
  component: 'revlens-planner',
  args: { ...widgetArgs, target: '1000000', from: '', to: '' },
  argTypes: {
    ...commonControls,
    target: { control: 'text', description: 'Revenue target in base currency (empty: the element asks for one)' },
    from: { control: 'text', description: 'First created day of the history, YYYY-MM-DD (empty: no limit)' },
    to: { control: 'text', description: 'Last created day of the history, YYYY-MM-DD (empty: no limit)' },
    ...viewControls,
    ...headingControls,
  },
  render: (a) => html`<revlens-planner ${widgetAttributes(a, { target: a.target, from: a.from, to: a.to })}></revlens-planner>`,
};
export default meta;

type Story = StoryObj<PlannerArgs>;

export const Demo: Story = {};

export const FromLastYear: Story = { name: 'Rates from 2025', args: { from: '2025-01-01', to: '2025-12-31' } };

export const Chinese: Story = { name: 'zh-CN', args: { locale: 'zh-CN' } };

/** As a test: with no target the planner asks for one; typing one plans for it. */
export const Prompt: Story = {
  name: 'No target yet',
  args: { target: '' },
  async play({ canvasElement }) {
    const planner = one(canvasElement, 'revlens-planner');
    await settle(canvasElement, 'empty');
    const input = shadow(planner).querySelector<HTMLInputElement>('input[part=target]')!;
    await userEvent.type(input, '250000');
    expect(input.value).toBe('250000');
    // The browser commits a field (change) when it loses focus; simulated typing cannot blur across a shadow root.
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect(String(planner.target)).toBe('250000');
    await waitFor(() => expect(planner.state).toBe('ready'), { timeout: 30_000 });
  },
};

export const BadTarget: Story = {
  name: 'Error: target is not a positive number',
  args: { target: '-5' },
  parameters: { revlens: { expect: 'error' } },
};

export const NoWins: Story = {
  name: 'Empty: no won deals in the history',
  args: { from: '2024-07-01', to: '2024-09-30' },
  parameters: { revlens: { expect: 'empty' } },
};

export const Wall: Story = wall;

export const Dark: Story = dark;
