import type { Locale } from '../../model/index.ts';

/** Everything the planner says in words, per locale (numbers go through core/format.ts). */
const WORDS = {
  en: {
    chartName: 'Reverse plan',
    targetLabel: 'Revenue target',
    targetHint: 'in base currency',
    prompt: 'Enter a revenue target to see how many journeys each stage needs.',
    badTarget: (raw: string) => `Revenue target (target) must be a number above 0; "${raw}" is not.`,
    emptyHistory: 'No journeys were created in this history range, so there are no conversion rates to plan with.',
    noWins: 'No deals were won in this history, so there is no deal size to plan with: widen from/to.',
    stage: 'Stage',
    reached: 'Reached in history',
    conversion: 'Conversion to next stage',
    needed: 'Journeys needed',
    summary: (deal: string, won: string) => `Average won deal ${deal} · ${won} won deals needed`,
    detail: (rate: string, next: string, reached: string) => `${rate} move on to ${next} · ${reached} reached in history`,
    lastDetail: (reached: string) => `${reached} won in history`,
    stageName: (label: string, needed: string) => `${label}: ${needed} needed`,
  },
  'zh-CN': {
    chartName: '倒推计划',
    targetLabel: '目标收入',
    targetHint: '本位币',
    prompt: '请输入目标收入，查看每个阶段需要多少线索或商机。',
    badTarget: (raw: string) => `目标收入（target）必须是大于 0 的数字；“${raw}”不是。`,
    emptyHistory: '此历史范围内没有新建的线索或商机，没有可用于计划的转化率。',
    noWins: '此历史范围内没有赢单，无法得出平均赢单金额：请放宽 from/to。',
    stage: '阶段',
    reached: '历史到达数',
    conversion: '进入下一阶段的转化率',
    needed: '所需数量',
    summary: (deal: string, won: string) => `平均赢单金额 ${deal} · 需赢单 ${won} 个`,
    detail: (rate: string, next: string, reached: string) => `${rate} 进入${next} · 历史到达 ${reached}`,
    lastDetail: (reached: string) => `历史赢单 ${reached}`,
    stageName: (label: string, needed: string) => `${label}：需要 ${needed}`,
  },
} as const;

export type PlannerText = (typeof WORDS)['en'] | (typeof WORDS)['zh-CN'];

export function plannerText(locale: Locale): PlannerText {
  return WORDS[locale];
}
