import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { DIMENSIONS } from '../model/index.ts';
import '../widgets/index.ts';
import { commonArgs, commonControls, dark, type CommonArgs } from './controls.ts';
import { numbersIn, one, settle, shadow } from './play.ts';

interface FiltersArgs extends CommonArgs {
  fields: string[];
}

/**
 * The filters set a board's selection, so the story shows them on a board with a funnel to narrow: pick a
 * value or a date range and the funnel follows.
 */
const meta: Meta<FiltersArgs> = {
  title: 'Widgets/revlens-filters',
  component: 'revlens-filters',
  args: { ...commonArgs, fields: ['source', 'region', 'industry', 'owner'] },
  argTypes: {
    ...commonControls,
    fields: { control: 'check', options: DIMENSIONS, description: 'The dimensions offered, in this order' },
  },
  render: (a) => html`
    <revlens-board src=${a.src} locale=${a.locale} theme=${a.theme === 'light' ? nothing : a.theme} url-state="off">
      <revlens-filters fields=${a.fields.join(',')}></revlens-filters>
      <revlens-funnel></revlens-funnel>
    </revlens-board>
  `,
};
export default meta;

type Story = StoryObj<FiltersArgs>;

/** As a test: a control per field with the dataset's values; picking a region narrows the funnel to it. */
export const Demo: Story = {
  async play({ canvasElement, args }) {
    const [filters, funnel] = [one(canvasElement, 'revlens-filters'), one(canvasElement, 'revlens-funnel')];
    await settle(canvasElement);
    const selects = () => [...shadow(filters).querySelectorAll('select')];
    await waitFor(() => expect(selects().map((s) => s.name)).toEqual(args.fields));
    const region = selects().find((s) => s.name === 'region')!;
    // The values come from DuckDB, which may still be starting: the plain funnel is drawn without it.
    await waitFor(() => expect(region.options.length).toBeGreaterThan(2), { timeout: 30_000 });
    const before = numbersIn(funnel, 'text.count');
    // The option reads "North (123)": the journeys created with that value.
    const option = region.options[1]!;
    const journeys = Number(option.textContent!.match(/\(([\d,]+)\)\s*$/)![1]!.replace(/,/g, ''));
    await userEvent.selectOptions(region, option.value);
    await waitFor(() => expect(numbersIn(funnel, 'text.count')[0]).toBe(journeys), { timeout: 30_000 });
    expect(journeys).toBeLessThan(before[0]!);
  },
};

export const Chinese: Story = { name: 'zh-CN', args: { locale: 'zh-CN' } };

export const Dark: Story = dark;
