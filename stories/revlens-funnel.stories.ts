import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, fn, userEvent } from 'storybook/test';
import { DIMENSIONS } from '../model/index.ts';
import '../widgets/index.ts';
import { commonControls, dark, headingControls, missingDataset, viewControls, wall, widgetArgs, widgetAttributes, type WidgetArgs } from './controls.ts';
import { numbersIn, one, settle, shadow } from './play.ts';

interface FunnelArgs extends WidgetArgs {
  by: string;
  from: string;
  to: string;
  strict: boolean;
}

const meta: Meta<FunnelArgs> = {
  title: 'Widgets/revlens-funnel',
  component: 'revlens-funnel',
  args: { ...widgetArgs, by: '', from: '', to: '', strict: false },
  argTypes: {
    ...commonControls,
    by: { control: 'select', options: ['', ...DIMENSIONS], description: 'Breakdown dimension (empty: none)' },
    from: { control: 'text', description: 'First created day, YYYY-MM-DD (empty: no limit)' },
    to: { control: 'text', description: 'Last created day, YYYY-MM-DD (empty: no limit)' },
    strict: { control: 'boolean', description: 'Count a stage only for journeys that passed every earlier stage in order' },
    ...viewControls,
    ...headingControls,
  },
  render: (a) => html`<revlens-funnel ${widgetAttributes(a, { by: a.by, from: a.from, to: a.to, strict: a.strict })}></revlens-funnel>`,
};
export default meta;

type Story = StoryObj<FunnelArgs>;

/**
 * As a test: the numbers drawn are the generator's own count of what it generated (demo-truth.json, written
 * beside the dataset by npm run demo:data), and clicking a stage selects it.
 */
export const Demo: Story = {
  async play({ canvasElement }) {
    const funnel = one(canvasElement, 'revlens-funnel');
    await settle(canvasElement);
    const truth = (await (await fetch('/data/demo-truth.json')).json()) as { reached: Record<string, number> };
    const stages = ['lead', 'mql', 'sql', 'opportunity', 'poc', 'won'];
    expect(numbersIn(funnel, 'text.count')).toEqual(stages.map((s) => truth.reached[s]));

    const selected = fn();
    funnel.addEventListener('revlens-select', (e) => selected((e as CustomEvent).detail.clause));
    const sql = shadow(funnel).querySelector<SVGGElement>('g.stage[data-key="sql"]')!;
    await userEvent.click(sql);
    expect(selected).toHaveBeenCalledWith({ field: 'reached', stage: 'sql' });
  },
};

export const BySource: Story = { args: { by: 'source' } };

export const Chinese: Story = {
  name: 'zh-CN',
  args: { locale: 'zh-CN' },
  async play({ canvasElement }) {
    const funnel = one(canvasElement, 'revlens-funnel');
    await settle(canvasElement);
    expect([...shadow(funnel).querySelectorAll('text.label')].map((t) => t.textContent)).toEqual(['线索', 'MQL', 'SQL', '商机', 'POC', '赢单']);
  },
};

export const MissingDataset: Story = missingDataset;

export const EmptyRange: Story = {
  name: 'Empty: no journeys in range',
  args: { from: '1990-01-01', to: '1990-12-31' },
  parameters: { revlens: { expect: 'empty' } },
};

export const Dark: Story = dark;

export const Wall: Story = wall;
