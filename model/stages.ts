import { v } from './schema.ts';

/** The locales RevLens ships labels for. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const localeSchema = v.picklist(LOCALES);

/** Picks the locale RevLens supports that best matches a BCP 47 tag ("zh", "zh-Hans-CN" → zh-CN). */
export function resolveLocale(tag: string | null | undefined): Locale {
  return tag && /^zh\b/i.test(tag) ? 'zh-CN' : 'en';
}

export const labelsSchema = v.object({ en: v.pipe(v.string(), v.minLength(1)), 'zh-CN': v.pipe(v.string(), v.minLength(1)) });
export type Labels = v.InferOutput<typeof labelsSchema>;

export const stageSchema = v.object({
  key: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]*$/, 'stage keys are lower-case words such as "mql"')),
  labels: labelsSchema,
});
export type Stage = v.InferOutput<typeof stageSchema>;

/**
 * The funnel's stages in order, and the outcomes a journey can end in.
 * The last stage is the winning one: a journey reaches it exactly when its outcome is won.
 */
export const stageModelSchema = v.object({
  // At most 62: metrics keep the stages a journey entered as the bits of one BIGINT.
  stages: v.pipe(v.array(stageSchema), v.minLength(2), v.maxLength(62)),
  outcomes: v.object({ open: labelsSchema, won: labelsSchema, lost: labelsSchema }),
});
export type StageModel = v.InferOutput<typeof stageModelSchema>;

export const OUTCOMES = ['open', 'won', 'lost'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Lead → MQL → SQL → Opportunity → POC → Won; Lost is the other outcome. */
export const DEFAULT_STAGE_MODEL: StageModel = {
  stages: [
    { key: 'lead', labels: { en: 'Lead', 'zh-CN': '线索' } },
    { key: 'mql', labels: { en: 'MQL', 'zh-CN': 'MQL' } },
    { key: 'sql', labels: { en: 'SQL', 'zh-CN': 'SQL' } },
    { key: 'opportunity', labels: { en: 'Opportunity', 'zh-CN': '商机' } },
    { key: 'poc', labels: { en: 'POC', 'zh-CN': 'POC' } },
    { key: 'won', labels: { en: 'Won', 'zh-CN': '赢单' } },
  ],
  outcomes: {
    open: { en: 'Open', 'zh-CN': '进行中' },
    won: { en: 'Won', 'zh-CN': '赢单' },
    lost: { en: 'Lost', 'zh-CN': '输单' },
  },
};

export function stageKeys(model: StageModel): string[] {
  return model.stages.map((s) => s.key);
}

export function stageLabel(model: StageModel, key: string, locale: Locale): string {
  return model.stages.find((s) => s.key === key)?.labels[locale] ?? key;
}
