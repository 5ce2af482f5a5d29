import type { Locale } from '../../model/index.ts';
import { format } from '../core/format.ts';

/** Everything the funnel says in words or numbers, per locale. */
export interface FunnelText {
  emptyRange: string;
  emptyDataset: string;
  chartName: string;
  none: string;
  stage: string;
  reached: string;
  fromPrevious: string;
  fromFirst: string;
  medianDays: string;
  count(n: number): string;
  /** The line under a bar: conversions and median time, for whichever are known. */
  detail(p: { previous: number | null; first: number | null; days: number | null }): string;
}

const WORDS = {
  en: {
    emptyRange: 'No journeys were created in this date range.',
    emptyDataset: 'This dataset has no journeys yet.',
    chartName: 'Revenue funnel',
    none: '(none)',
    stage: 'Stage',
    reached: 'Reached',
    fromPrevious: 'From previous',
    fromFirst: 'From first',
    medianDays: 'Median days from previous',
    prevPart: (p: string) => `${p} of previous`,
    firstPart: (p: string) => `${p} of first`,
    daysPart: (d: string) => `median ${d} days`,
    joiner: ' · ',
  },
  'zh-CN': {
    emptyRange: '此日期范围内没有新建的线索或商机。',
    emptyDataset: '此数据集中还没有线索或商机。',
    chartName: '收入漏斗',
    none: '（空）',
    stage: '阶段',
    reached: '到达数',
    fromPrevious: '较上一阶段',
    fromFirst: '占首阶段',
    medianDays: '距上一阶段天数（中位数）',
    prevPart: (p: string) => `较上一阶段 ${p}`,
    firstPart: (p: string) => `占首阶段 ${p}`,
    daysPart: (d: string) => `中位 ${d} 天`,
    joiner: ' · ',
  },
} as const;

export function funnelText(locale: Locale): FunnelText {
  const w = WORDS[locale];
  const f = format(locale);
  return {
    ...w,
    count: (n) => f.count(n),
    detail: ({ previous, first, days }) =>
      [
        previous === null ? null : w.prevPart(f.percent(previous)),
        first === null ? null : w.firstPart(f.percent(first)),
        days === null ? null : w.daysPart(f.days(days)),
      ]
        .filter((part) => part !== null)
        .join(w.joiner),
  };
}
