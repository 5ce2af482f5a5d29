import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../widgets/index.ts';

interface BoardArgs {
  src: string;
  locale: 'en' | 'zh-CN';
  theme: 'light' | 'dark' | 'wall';
  wall: boolean;
  refresh: number;
}

/** The demo dataset: `npm run demo:data` syncs a seeded sample Salesforce export into demo/public/data/demo. */
const DEMO = '/data/demo/manifest.json';

/**
 * Composed dashboards: whole boards an analyst starts from. Every widget inside shares the board's dataset,
 * filters, locale and theme; click a bar, segment or cohort to filter the others, Escape to clear.
 */
const meta: Meta<BoardArgs> = {
  title: 'Boards',
  component: 'revlens-board',
  args: { src: DEMO, locale: 'en', theme: 'light', wall: false, refresh: 60 },
  argTypes: {
    src: { control: 'text', description: 'URL of the dataset manifest.json' },
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'wall'] },
    wall: { control: 'boolean', description: 'mode="wall": large type, no buttons, reloads when a new sync lands' },
    refresh: { control: { type: 'number', min: 5 }, description: 'Seconds between looks for a new sync (wall mode)' },
  },
  parameters: { layout: 'fullscreen' },
};
export default meta;

type Story = StoryObj<BoardArgs>;

const board = (a: BoardArgs, widgets: unknown) => html`
  <revlens-board
    src=${a.src}
    locale=${a.locale}
    theme=${a.theme === 'light' ? nothing : a.theme}
    mode=${a.wall ? 'wall' : nothing}
    refresh=${a.wall ? a.refresh : nothing}
    url-state="off"
  >
    ${widgets}
  </revlens-board>
`;

/** For the CEO: the key numbers, the funnel, win-loss by region and where revenue comes from. */
export const CeoCockpit: Story = {
  name: 'CEO cockpit',
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

/** For marketing: the funnel by source, how cohorts convert over time, and what is stuck. */
export const MarketingFunnelReview: Story = {
  name: 'Marketing funnel review',
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
  name: 'Wall display',
  args: { theme: 'wall', wall: true },
  render: (a) =>
    board(
      a,
      html`<revlens-kpi metrics="leads,mqls,win_rate,revenue"></revlens-kpi>
        <revlens-funnel></revlens-funnel>
        <revlens-winloss by="region"></revlens-winloss>`,
    ),
};
