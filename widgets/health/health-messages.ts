import type { Locale } from '../../model/index.ts';
import { format } from '../core/format.ts';

/** Everything the health element says in words, per locale; numbers go through core/format.ts. */
export interface HealthText {
  chartName: string;
  emptyRange: string;
  emptyDataset: string;
  flowTitle: string;
  stage: string;
  inflow: string;
  outflow: string;
  advanced: string;
  lost: string;
  journeyId: string;
  journey: string;
  daysInStage: string;
  medianDays: string;
  ratio: string;
  amount: string;
  /** The flow chart's accessible name. */
  flowName(stage: string): string;
  /** Said under the flow heading: how long journeys stay in the stage, and how many are in it now. */
  stageSummary(median: number | null, open: number | null): string;
  flowEmpty(stage: string): string;
  /** One period of the flow chart, for its tooltip and screen readers. */
  periodSummary(period: string, inflow: number, advanced: number, lost: number): string;
  stagnantTitle(k: number): string;
  noneStagnant(k: number): string;
  showing(shown: number, total: number): string;
  ratioValue(r: number | null): string;
  pickOwner(owner: string): string;
  pickStage(stage: string): string;
  unknownStage(stage: string, stages: string[]): string;
}

const WORDS = {
  en: {
    chartName: 'Pipeline health',
    emptyRange: 'No journey entered or left a stage in this date range, and no open journey is stagnant.',
    emptyDataset: 'This dataset has no stage events yet.',
    flowTitle: 'Inflow and outflow',
    stage: 'Stage',
    inflow: 'Inflow',
    outflow: 'Outflow',
    advanced: 'Advanced',
    lost: 'Lost',
    journeyId: 'ID',
    journey: 'Journey',
    daysInStage: 'Days in stage',
    medianDays: 'Stage median (days)',
    ratio: '× median',
    amount: 'Amount',
    flowName: (s: string) => `Inflow and outflow of ${s} per period`,
    medianPart: (d: string) => `median ${d} days in stage`,
    openPart: (n: string) => `${n} open now`,
    flowEmpty: (s: string) => `No journey entered or left ${s} in this date range.`,
    periodSummary: (p: string, i: string, o: string, a: string, l: string) => `${p}: ${i} in, ${o} out (${a} advanced, ${l} lost)`,
    stagnantTitle: (k: string) => `Stagnant: open journeys in their stage more than ${k}× its median time`,
    noneStagnant: (k: string) => `No stagnant journeys: every open journey has been in its stage less than ${k}× the stage's median time.`,
    showing: (s: string, t: string) => `Showing ${s} of ${t}`,
    pickOwner: (o: string) => `Filter by owner ${o}`,
    pickStage: (s: string) => `Filter to journeys that reached ${s}`,
    unknownStage: (s: string, all: string) => `stage "${s}" is not a stage of this dataset; stages: ${all}`,
  },
  'zh-CN': {
    chartName: '销售管道健康度',
    emptyRange: '此日期范围内没有进入或离开任何阶段的线索或商机，也没有停滞的未结线索或商机。',
    emptyDataset: '此数据集中还没有阶段记录。',
    flowTitle: '流入与流出',
    stage: '阶段',
    inflow: '流入',
    outflow: '流出',
    advanced: '推进',
    lost: '输单',
    journeyId: 'ID',
    journey: '名称',
    daysInStage: '阶段停留天数',
    medianDays: '阶段中位天数',
    ratio: '中位数倍数',
    amount: '金额',
    flowName: (s: string) => `${s}各期流入与流出`,
    medianPart: (d: string) => `阶段停留中位 ${d} 天`,
    openPart: (n: string) => `当前未结 ${n} 个`,
    flowEmpty: (s: string) => `此日期范围内没有进入或离开${s}的线索或商机。`,
    periodSummary: (p: string, i: string, o: string, a: string, l: string) => `${p}：流入 ${i}，流出 ${o}（推进 ${a}，输单 ${l}）`,
    stagnantTitle: (k: string) => `停滞：停留时间超过该阶段中位数 ${k} 倍的未结线索或商机`,
    noneStagnant: (k: string) => `没有停滞的线索或商机：所有未结线索或商机的阶段停留时间都未超过该阶段中位数的 ${k} 倍。`,
    showing: (s: string, t: string) => `显示 ${t} 条中的 ${s} 条`,
    pickOwner: (o: string) => `按负责人筛选：${o}`,
    pickStage: (s: string) => `筛选到达${s}的线索或商机`,
    unknownStage: (s: string, all: string) => `阶段“${s}”不在此数据集中；可用阶段：${all}`,
  },
} as const;

export function healthText(locale: Locale): HealthText {
  const w = WORDS[locale];
  const f = format(locale);
  return {
    ...w,
    stageSummary: (median, open) =>
      [median === null ? null : w.medianPart(f.days(median)), open === null ? null : w.openPart(f.count(open))]
        .filter((p) => p !== null)
        .join(' · '),
    periodSummary: (p, i, a, l) => w.periodSummary(p, f.count(i), f.count(a + l), f.count(a), f.count(l)),
    stagnantTitle: (k) => w.stagnantTitle(f.decimal(k)),
    noneStagnant: (k) => w.noneStagnant(f.decimal(k)),
    showing: (s, t) => w.showing(f.count(s), f.count(t)),
    ratioValue: (r) => (r === null ? '–' : `${f.decimal(r)}×`),
    unknownStage: (s, all) => w.unknownStage(s, all.join(', ')),
  };
}
