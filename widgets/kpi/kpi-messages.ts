import type { Locale } from '../../model/index.ts';

/** The tiles, in their default order. */
export const KPI_METRICS = ['leads', 'mqls', 'mql_rate', 'win_rate', 'revenue', 'cycle', 'velocity'] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

/** Which way a change goes, in words. */
export type Trend = 'up' | 'down' | 'flat';

/** Everything the KPI row says in words, per locale. */
const WORDS = {
  en: {
    chartName: 'Key metrics',
    metric: 'Metric',
    current: 'Current period',
    previous: 'Previous period',
    change: 'Change',
    labels: {
      leads: 'Leads',
      mqls: 'MQLs',
      mql_rate: 'MQL rate',
      win_rate: 'Win rate',
      revenue: 'Revenue won',
      cycle: 'Median sales cycle',
      velocity: 'Sales velocity',
    },
    /** After a number of days and after money per day (shown smaller than the number). */
    daysUnit: ' days',
    perDayUnit: '/day',
    pp: (p: string) => `${p} pp`,
    ppLong: (p: string) => `${p} percentage points`,
    period: (from: string, to: string, days: number) => `${from} – ${to}, compared with the previous ${days} days`,
    trend: (t: Trend, amount: string, days: number) =>
      t === 'flat' ? `no change on the previous ${days} days` : `${t} ${amount} on the previous ${days} days`,
    noPrevious: 'nothing to compare with in the previous period',
    empty: 'No journeys were created or closed in this period or the one before.',
    emptyDataset: 'This dataset has no dated journeys yet.',
    badMetrics: (bad: string, known: string) => `metrics: "${bad}" is not a KPI; choose from ${known}`,
  },
  'zh-CN': {
    chartName: '关键指标',
    metric: '指标',
    current: '本期',
    previous: '上期',
    change: '变化',
    labels: {
      leads: '线索',
      mqls: 'MQL',
      mql_rate: 'MQL 转化率',
      win_rate: '赢单率',
      revenue: '赢单收入',
      cycle: '销售周期（中位数）',
      velocity: '销售速度',
    },
    daysUnit: ' 天',
    perDayUnit: '/天',
    pp: (p: string) => `${p} 个百分点`,
    ppLong: (p: string) => `${p} 个百分点`,
    period: (from: string, to: string, days: number) => `${from} – ${to}，与前 ${days} 天相比`,
    trend: (t: Trend, amount: string, days: number) =>
      t === 'flat' ? `与前 ${days} 天持平` : `较前 ${days} 天${t === 'up' ? '上升' : '下降'} ${amount}`,
    noPrevious: '上期没有可比较的数值',
    empty: '本期和上期都没有新建或结束的线索或商机。',
    emptyDataset: '此数据集中还没有带日期的线索或商机。',
    badMetrics: (bad: string, known: string) => `metrics：“${bad}”不是关键指标；可选：${known}`,
  },
} as const;

export type KpiText = (typeof WORDS)['en'] | (typeof WORDS)['zh-CN'];

export function kpiText(locale: Locale): KpiText {
  return WORDS[locale];
}
