import type { Locale } from '../../model/index.ts';

/**
 * Everything the win-loss element says in words, per locale. Numbers are formatted by core/format.ts
 * (Intl) and handed in as strings, so one place decides how a percent or an amount looks.
 */
export interface WinlossText {
  chartName: string;
  emptyRange: string;
  emptyDataset: string;
  winRate: string;
  winRateBy(field: string): string;
  overall: string;
  lossReasons: string;
  noLosses: string;
  cumulative: string;
  deals: string;
  dealSize: string;
  cycleDays: string;
  won: string;
  lost: string;
  /** A measure no deal of an outcome has a value of. */
  noValues: string;
  trend(unit: 'week' | 'month' | 'quarter'): string;
  section: string;
  item: string;
  share: string;
  cumulativeShare: string;
  /** "48 won · 81 lost" under a segment's bar. */
  counts(won: string, lost: string): string;
  /** A row of the deals panel: "Won (12)". */
  outcomeRow(outcome: string, n: string): string;
  /** Median and quartiles: "median 155K (82.5K–263.8K)". */
  spread(median: string, p25: string, p75: string): string;
  /** Accessible names of the marks that select. */
}

const WORDS = {
  en: {
    chartName: 'Win-loss',
    emptyRange: 'No deals were won or lost in this date range.',
    emptyDataset: 'No deals have been won or lost yet.',
    winRate: 'Win rate',
    winRateBy: (f: string) => `Win rate by ${f.toLowerCase()}`,
    overall: 'All closed deals',
    lossReasons: 'Loss reasons',
    noLosses: 'No deals were lost.',
    cumulative: 'Cumulative',
    deals: 'Won vs lost: deal size and cycle',
    dealSize: 'Deal size',
    cycleDays: 'Days from created to closed',
    won: 'Won',
    lost: 'Lost',
    noValues: 'no values',
    trend: (u: string) => `Win rate by close ${u}`,
    section: 'Section',
    item: 'Segment or reason',
    share: 'Share',
    cumulativeShare: 'Cumulative share',
    counts: (w: string, l: string) => `${w} won · ${l} lost`,
    outcomeRow: (o: string, n: string) => `${o} (${n})`,
    spread: (m: string, a: string, b: string) => `median ${m} (${a}–${b})`,
  },
  'zh-CN': {
    chartName: '赢输分析',
    emptyRange: '此日期范围内没有赢单或输单的商机。',
    emptyDataset: '还没有赢单或输单的商机。',
    winRate: '赢单率',
    winRateBy: (f: string) => `各${f}赢单率`,
    overall: '全部已结束商机',
    lossReasons: '输单原因',
    noLosses: '没有输单。',
    cumulative: '累计',
    deals: '赢单与输单：金额与周期',
    dealSize: '商机金额',
    cycleDays: '从创建到结束的天数',
    won: '赢单',
    lost: '输单',
    noValues: '无数据',
    trend: (u: string) => `按结束${{ week: '周', month: '月份', quarter: '季度' }[u] ?? u}的赢单率`,
    section: '部分',
    item: '细分或原因',
    share: '占比',
    cumulativeShare: '累计占比',
    counts: (w: string, l: string) => `赢单 ${w} · 输单 ${l}`,
    outcomeRow: (o: string, n: string) => `${o}（${n}）`,
    spread: (m: string, a: string, b: string) => `中位数 ${m}（${a}–${b}）`,
  },
} as const satisfies Record<Locale, WinlossText>;

export function winlossText(locale: Locale): WinlossText {
  return WORDS[locale];
}
