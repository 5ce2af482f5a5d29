import type { Locale } from '../../model/index.ts';

export type CohortUnit = 'week' | 'month' | 'quarter';

/** Everything the cohort heatmap says in words, per locale (numbers and periods come from core/format.ts). */
export interface CohortText {
  chartName: string;
  emptyRange: string;
  emptyDataset: string;
  cohort: string;
  size: string;
  period: string;
  reached: string;
  share: string;
  revenueWon: string;
  complete: string;
  yes: string;
  no: string;
  /** The title: which stage the shares count. */
  title(stage: string): string;
  /** The header over the period columns. */
  periodsSince(unit: CohortUnit): string;
  /** A period's column in the screen-reader table. */
  periodColumn(n: number, unit: CohortUnit): string;
  /** A cell of a period not over yet, in the screen-reader table. */
  notComplete: string;
  /** A row label's accessible name: the cohort and how many journeys it holds. */
  rowName(cohort: string, size: string): string;
  /** A cell's accessible name: what the share means in words. */
  cellName(p: { cohort: string; n: number; unit: CohortUnit; reached: string; size: string; stage: string; share: string }): string;
  /** An incomplete cell's accessible name. */
  pendingName(cohort: string, n: number, unit: CohortUnit): string;
}

const UNITS = {
  en: { week: 'week', month: 'month', quarter: 'quarter' },
  'zh-CN': { week: '周', month: '个月', quarter: '个季度' },
} as const;

const WORDS = {
  en: {
    chartName: 'Cohorts',
    emptyRange: 'No journeys were created in this date range.',
    emptyDataset: 'This dataset has no journeys yet.',
    cohort: 'Cohort',
    size: 'Size',
    period: 'Period',
    reached: 'Reached',
    share: 'Share',
    revenueWon: 'Revenue won',
    complete: 'Complete',
    yes: 'yes',
    no: 'no',
    title: (stage: string) => `Cohorts: share reaching ${stage}`,
    periodsSince: (unit: CohortUnit) => `${{ week: 'Weeks', month: 'Months', quarter: 'Quarters' }[unit]} since created`,
    periodColumn: (n: number, unit: CohortUnit) => `${{ week: 'Week', month: 'Month', quarter: 'Quarter' }[unit]} ${n}`,
    notComplete: 'not complete yet',
    rowName: (cohort: string, size: string) => `${cohort}: ${size} journeys created`,
    cellName: (p: { cohort: string; n: number; unit: CohortUnit; reached: string; size: string; stage: string; share: string }) =>
      `${p.share}: ${p.cohort}, by the end of ${UNITS.en[p.unit]} ${p.n}, ${p.reached} of ${p.size} reached ${p.stage}`,
    pendingName: (cohort: string, n: number, unit: CohortUnit) => `${cohort}, ${UNITS.en[unit]} ${n}: not complete yet`,
  },
  'zh-CN': {
    chartName: '同期群',
    emptyRange: '此日期范围内没有新建的线索或商机。',
    emptyDataset: '此数据集中还没有线索或商机。',
    cohort: '同期群',
    size: '规模',
    period: '期数',
    reached: '到达数',
    share: '占比',
    revenueWon: '赢单金额',
    complete: '已结束',
    yes: '是',
    no: '否',
    title: (stage: string) => `同期群：到达${stage}的占比`,
    periodsSince: (unit: CohortUnit) => `创建后${{ week: '周数', month: '月数', quarter: '季度数' }[unit]}`,
    periodColumn: (n: number, unit: CohortUnit) => `第 ${n} ${UNITS['zh-CN'][unit]}`,
    notComplete: '尚未结束',
    rowName: (cohort: string, size: string) => `${cohort}：新建 ${size} 个`,
    cellName: (p: { cohort: string; n: number; unit: CohortUnit; reached: string; size: string; stage: string; share: string }) =>
      `${p.share}：${p.cohort}，第 ${p.n} ${UNITS['zh-CN'][p.unit]}末，${p.size} 个中 ${p.reached} 个到达${p.stage}`,
    pendingName: (cohort: string, n: number, unit: CohortUnit) => `${cohort}，第 ${n} ${UNITS['zh-CN'][unit]}：尚未结束`,
  },
} as const satisfies Record<Locale, CohortText>;

export function cohortText(locale: Locale): CohortText {
  return WORDS[locale];
}
