/**
 * Pipeline health as of a moment: how many journeys entered and left each stage per period (flow), how long
 * journeys stay in a stage (time in stage), and the open journeys stuck in their current stage far beyond
 * its median (stagnation: candidates to send back to nurture).
 *
 * A journey leaves stage i when it enters the next stage it entered (a skipped stage is no stop), or, when i
 * is its deepest stage, when it is closed lost. Time in stage i = that moment − entering i, over journeys
 * that have left i with both times known and not negative (a later stage dated before an earlier one is
 * left out). Only events at or before as_of count; events with no time count as entered, at an unknown time.
 */
import { v } from '../model/schema.ts';
import { stageLabel, type Locale, type StageModel } from '../model/index.ts';
import { asOfDate, day, isoDate, isoTime, num, periodUnit, rangeOrder, textOrNull } from './common.ts';

export const healthSpecSchema = v.pipe(
  v.object({
    /** Flow periods (default month). */
    period: v.optional(periodUnit),
    /** Flow only: events on or after / on or before these days (UTC). */
    from: v.optional(isoDate),
    to: v.optional(isoDate),
    /** Stagnant: days in the current stage > k × the stage's median time in stage (default 2). */
    k: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(1000))),
    as_of: asOfDate,
  }),
  rangeOrder(),
);
export type HealthSpec = v.InferInput<typeof healthSpecSchema>;

export const HEALTH_SECTIONS = ['flow', 'time_in_stage', 'stagnant'] as const;
export type HealthSection = (typeof HEALTH_SECTIONS)[number];
export type HealthRow = Record<string, string | number | null>;
export type HealthResult = Record<HealthSection, HealthRow[]>;


export function shapeHealth(
  raw: Record<HealthSection, Iterable<Record<string, unknown>>>,
  _spec: HealthSpec,
  model: StageModel,
  locale: Locale = 'en',
): HealthResult {
  const out = {} as HealthResult;
  for (const section of HEALTH_SECTIONS) {
    out[section] = [...raw[section]].map((r) => {
      const row: HealthRow = {};
      for (const [k, v] of Object.entries(r)) {
        if (k === 'stage') {
          row.stage = String(v);
          row.label = stageLabel(model, String(v), locale);
        } else if (k === 'period') row[k] = day(v);
        else if (k === 'entered_at') row[k] = isoTime(v);
        else if (k === 'journey_id' || k === 'name' || k === 'owner') row[k] = textOrNull(v);
        else row[k] = num(v);
      }
      return row;
    });
  }
  return out;
}
