import type { Dimension, Locale } from '../../model/index.ts';

/** How a journey attribute is called on screen. */
const LABELS: Record<Dimension | 'reached' | 'created', { en: string; 'zh-CN': string }> = {
  source: { en: 'Source', 'zh-CN': '来源' },
  channel: { en: 'Channel', 'zh-CN': '渠道' },
  campaign: { en: 'Campaign', 'zh-CN': '营销活动' },
  utm_source: { en: 'UTM source', 'zh-CN': 'UTM 来源' },
  utm_medium: { en: 'UTM medium', 'zh-CN': 'UTM 媒介' },
  utm_campaign: { en: 'UTM campaign', 'zh-CN': 'UTM 活动' },
  keyword: { en: 'Keyword', 'zh-CN': '关键词' },
  region: { en: 'Region', 'zh-CN': '区域' },
  industry: { en: 'Industry', 'zh-CN': '行业' },
  company_size: { en: 'Company size', 'zh-CN': '公司规模' },
  owner: { en: 'Owner', 'zh-CN': '负责人' },
  team: { en: 'Team', 'zh-CN': '团队' },
  product: { en: 'Product', 'zh-CN': '产品' },
  currency: { en: 'Currency', 'zh-CN': '币种' },
  loss_reason: { en: 'Loss reason', 'zh-CN': '输单原因' },
  poc_result: { en: 'POC result', 'zh-CN': 'POC 结果' },
  outcome: { en: 'Outcome', 'zh-CN': '结果' },
  crm_stage: { en: 'CRM stage', 'zh-CN': 'CRM 阶段' },
  reached: { en: 'Reached', 'zh-CN': '已到达' },
  created: { en: 'Created', 'zh-CN': '创建日期' },
};

export function fieldLabel(field: string, locale: Locale): string {
  return LABELS[field as keyof typeof LABELS]?.[locale] ?? field;
}
