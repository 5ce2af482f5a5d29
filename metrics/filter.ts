/**
 * A journey filter: the selection a board shares between its widgets (a date range, dimension values,
 * "reached this stage"). In SQL, metrics/filter-sql.ts; in the page, selectJourneys (metrics/journey-columns.ts).
 */
import { v } from '../model/schema.ts';
import { DIMENSIONS } from '../model/index.ts';
import { isoDate, rangeOrder } from './common.ts';

/** Values a dimension may take; null selects journeys with no value. */
const dimensionValues = v.pipe(v.array(v.nullable(v.string())), v.minLength(1, 'list at least one value'));

export const journeyFilterSchema = v.pipe(
  v.strictObject({
    /** Journeys created on or after / on or before these days (UTC). */
    from: v.optional(isoDate),
    to: v.optional(isoDate),
    /** Journeys that reached this stage (or any later one). */
    reached: v.optional(v.string()),
    /** Per dimension, the values kept (a journey matches when its value is one of them). */
    where: v.optional(v.record(v.picklist(DIMENSIONS), dimensionValues)),
  }),
  rangeOrder(),
);
export type JourneyFilter = v.InferInput<typeof journeyFilterSchema>;

/** True when the filter selects every journey. */
export function isEmptyFilter(filter: JourneyFilter): boolean {
  return !filter.from && !filter.to && !filter.reached && Object.keys(filter.where ?? {}).length === 0;
}
