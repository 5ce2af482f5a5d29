import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../widgets/index.ts';
import { commonArgs, commonControls, modeControl, wall, type CommonArgs, type WallArgs } from './controls.ts';
import { numbersIn, one, settle, shadow } from './play.ts';

type BoardArgs = CommonArgs & WallArgs;

/**
 * Composed dashboards: whole boards an analyst starts from. Every widget inside shares the board's dataset,
 * filters, locale and theme; click a bar, segment or cohort to filter the others, Escape to clear.
 */
const meta: Meta<BoardArgs> = {
  title: 'Boards',
  component: 'revlens-board',
  args: { ...commonArgs, mode: '' },
  argTypes: { ...commonControls, mode: modeControl },
  parameters: { layout: 'fullscreen' },
};
export default meta;

type Story = StoryObj<BoardArgs>;

const board = (a: BoardArgs, widgets: unknown) => html`
  <revlens-board
    src=${a.src}
    locale=${a.locale}
    theme=${a.theme === 'light' ? nothing : a.theme}
    mode=${a.mode || nothing}
    refresh=${a.refresh ?? nothing}
    url-state="off"
  >
    ${widgets}
  </revlens-board>
`;

/**
 * For the CEO: the key numbers, the funnel, win-loss by region and where revenue comes from.
 * As a test: clicking the funnel's SQL stage filters the board (a chip) and narrows the channel funnel to the
 * journeys that reached SQL; Escape clears it.
 */
export const CeoCockpit: Story = {
  name: 'CEO cockpit',
  async play({ canvasElement }) {
    const board = one(canvasElement, 'revlens-board');
    const [funnel, byChannel] = [one(canvasElement, 'revlens-funnel'), one(canvasElement, 'revlens-funnel', 1)];
    await settle(canvasElement);
    const before = numbersIn(funnel, 'text.count');
    const leadsByChannel = () => numbersIn(byChannel, 'g.stage[data-stage="lead"] text.count');
    const leadsBefore = leadsByChannel();

    await userEvent.click(shadow(funnel).querySelector('g.stage[data-key="sql"]')!);
    await waitFor(() => expect(shadow(board).querySelectorAll('[part=chip]')).toHaveLength(1));
    // Every journey left in the channel funnels reached SQL: their first stages now add up to what SQL counted.
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    await waitFor(() => expect(sum(leadsByChannel())).toBe(before[2]), { timeout: 30_000 });
    expect(sum(leadsBefore)).toBe(before[0]);
    expect(before[2]).toBeLessThan(before[0]!);
    // The clicked funnel keeps all its journeys (a widget is not filtered by its own selection).
    expect(numbersIn(funnel, 'text.count')).toEqual(before);

    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(shadow(board).querySelectorAll('[part=chip]')).toHaveLength(0));
    await waitFor(() => expect(leadsByChannel()).toEqual(leadsBefore), { timeout: 30_000 });
  },
  render: (a) =>
    board(
      a,
      html`<revlens-kpi></revlens-kpi>
        <revlens-funnel></revlens-funnel>
        <revlens-planner target="1000000"></revlens-planner>
        <revlens-winloss by="region"></revlens-winloss>
        <revlens-funnel by="channel" label=${a.locale === 'zh-CN' ? '各渠道漏斗' : 'Funnel by channel'}></revlens-funnel>`,
    ),
};

/**
 * For marketing: the funnel by source, how cohorts convert over time, and what is stuck.
 * As a test: picking a source in the filters leaves one funnel, that source's, and a chip to remove it.
 */
export const MarketingFunnelReview: Story = {
  name: 'Marketing funnel review',
  async play({ canvasElement }) {
    const [board, filters, funnel] = [one(canvasElement, 'revlens-board'), one(canvasElement, 'revlens-filters'), one(canvasElement, 'revlens-funnel')];
    await settle(canvasElement);
    const titles = () => [...shadow(funnel).querySelectorAll('[part=segment-title]')].map((t) => t.textContent!.trim());
    expect(titles().length).toBeGreaterThan(1);
    const select = await waitFor(() => {
      const s = shadow(filters).querySelector<HTMLSelectElement>('select[name=source]');
      expect(s?.options.length).toBeGreaterThan(2);
      return s!;
    });
    const source = titles()[0]!;
    await userEvent.selectOptions(select, source);
    await waitFor(() => expect(titles()).toEqual([source]), { timeout: 30_000 });
    await waitFor(() => expect(shadow(board).querySelectorAll('[part=chip]')).toHaveLength(1));
    await userEvent.click(shadow(board).querySelector('[part=chip]')!);
    await waitFor(() => expect(titles().length).toBeGreaterThan(1), { timeout: 30_000 });
  },
  render: (a) =>
    board(
      a,
      html`<revlens-filters></revlens-filters>
        <revlens-funnel by="source"></revlens-funnel>
        <revlens-cohort unit="month" stage="sql"></revlens-cohort>
        <revlens-health></revlens-health>`,
    ),
};

/** For the office wall: dark, large type, no buttons, reloads itself when a new sync is published. */
export const WallDisplay: Story = {
  ...wall,
  name: 'Wall display',
  render: (a) =>
    board(
      a,
      html`<revlens-kpi metrics="leads,mqls,win_rate,revenue"></revlens-kpi>
        <revlens-funnel></revlens-funnel>
        <revlens-winloss by="region"></revlens-winloss>`,
    ),
};
