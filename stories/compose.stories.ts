import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { expect } from 'storybook/test';
import { DEFAULT_STAGE_MODEL, DIMENSIONS } from '../model/index.ts';
import { KPI_METRICS } from '../widgets/kpi/kpi-messages.ts';
import '../widgets/index.ts';
import { commonArgs, commonControls, modeControl, type CommonArgs, type WallArgs } from './controls.ts';
import { settle, shadow } from './play.ts';

const WIDGETS = ['filters', 'kpi', 'funnel', 'cohort', 'winloss', 'health', 'planner'] as const;
type Widget = (typeof WIDGETS)[number];

interface ComposeArgs extends CommonArgs, Pick<WallArgs, 'mode'> {
  widgets: Widget[];
  kpiMetrics: string[];
  funnelBy: string;
  cohortUnit: 'week' | 'month' | 'quarter';
  cohortStage: string;
  winlossBy: string;
  plannerTarget: number;
}

/**
 * A dashboard of one's own, from the controls alone: tick the widgets, set each one's options, pick the data,
 * the language and the theme. "Show code" in the docs tab gives the HTML to paste into a page.
 */
const meta: Meta<ComposeArgs> = {
  title: 'Boards/Compose your own',
  component: 'revlens-board',
  args: {
    ...commonArgs,
    mode: '',
    widgets: ['filters', 'kpi', 'funnel', 'winloss'],
    kpiMetrics: [...KPI_METRICS],
    funnelBy: '',
    cohortUnit: 'month',
    cohortStage: '',
    winlossBy: 'region',
    plannerTarget: 1_000_000,
  },
  argTypes: {
    ...commonControls,
    mode: modeControl,
    widgets: { control: 'check', options: WIDGETS, description: 'The widgets on the board, in this order' },
    kpiMetrics: { control: 'check', options: KPI_METRICS, description: 'KPI tiles (revlens-kpi metrics=…)' },
    funnelBy: { control: 'select', options: ['', ...DIMENSIONS], description: 'Funnel breakdown (empty: one funnel)' },
    cohortUnit: { control: 'inline-radio', options: ['week', 'month', 'quarter'], description: 'Cohort length' },
    cohortStage: { control: 'select', options: ['', ...DEFAULT_STAGE_MODEL.stages.map((s) => s.key)], description: 'Stage the cohorts count (empty: won)' },
    winlossBy: { control: 'select', options: ['', ...DIMENSIONS], description: 'Win-loss segments (empty: all closed deals)' },
    plannerTarget: { control: { type: 'number', min: 1 }, description: 'Revenue the planner plans for' },
  },
  parameters: { layout: 'fullscreen' },
  render: (a) => {
    const widget: Record<Widget, () => TemplateResult> = {
      filters: () => html`<revlens-filters></revlens-filters>`,
      kpi: () => html`<revlens-kpi metrics=${a.kpiMetrics.length ? a.kpiMetrics.join(',') : nothing}></revlens-kpi>`,
      funnel: () => html`<revlens-funnel by=${a.funnelBy || nothing}></revlens-funnel>`,
      cohort: () => html`<revlens-cohort unit=${a.cohortUnit} stage=${a.cohortStage || nothing}></revlens-cohort>`,
      winloss: () => html`<revlens-winloss by=${a.winlossBy || nothing}></revlens-winloss>`,
      health: () => html`<revlens-health></revlens-health>`,
      planner: () => html`<revlens-planner target=${a.plannerTarget}></revlens-planner>`,
    };
    return html`
      <revlens-board src=${a.src} locale=${a.locale} theme=${a.theme === 'light' ? nothing : a.theme} mode=${a.mode || nothing} url-state="off">
        ${a.widgets.map((w) => widget[w]())}
      </revlens-board>
    `;
  },
};
export default meta;

type Story = StoryObj<ComposeArgs>;

/**
 * As a test: every ticked widget is drawn (settle), and the options show in what is drawn: a funnel breakdown
 * draws one funnel per value, a win-loss breakdown one bar per value, quarterly cohorts start on quarters.
 */
async function holdsTheTicked({ canvasElement, args }: { canvasElement: HTMLElement; args: ComposeArgs }) {
  await settle(canvasElement);
  const board = canvasElement.querySelector('revlens-board')!;
  const marks = (tag: string, selector: string) => shadow(board.querySelector(tag)!).querySelectorAll(selector).length;
  if (args.widgets.includes('funnel')) {
    const funnels = marks('revlens-funnel', '[part=segment]');
    if (args.funnelBy) expect(funnels).toBeGreaterThan(1);
    else expect(funnels).toBe(1);
  }
  if (args.widgets.includes('cohort')) {
    // Cohorts start on the first day of the chosen unit, as computed from the journeys' own dates.
    const rows = board.querySelector('revlens-cohort')!.rows;
    const starts = {
      week: (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, // Mondays
      month: (d: string) => d.endsWith('-01'),
      quarter: (d: string) => /-(01|04|07|10)-01$/.test(d),
    }[args.cohortUnit];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => starts(r.cohort))).toBe(true);
  }
  if (args.widgets.includes('winloss')) {
    const bars = marks('revlens-winloss', 'g.segment');
    if (args.winlossBy) expect(bars).toBeGreaterThan(1);
    else expect(bars).toBe(1);
  }
}

export const Compose: Story = { name: 'Compose your own', play: holdsTheTicked };

export const ComposedForMarketing: Story = {
  name: 'Composed: cohorts and stagnation, in Chinese, on real Maven CRM data',
  args: { src: '/data/maven-crm/manifest.json', locale: 'zh-CN', widgets: ['funnel', 'cohort', 'health'], funnelBy: 'region', cohortUnit: 'quarter', cohortStage: 'won' },
  play: holdsTheTicked,
};
