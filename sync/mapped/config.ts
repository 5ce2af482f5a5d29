import { z } from 'zod';
import { DIMENSIONS } from '../../model/index.ts';

const STAGE_KEYS = ['lead', 'mql', 'sql', 'opportunity', 'poc', 'won'] as const;
const column = z.string().min(1);
const stageKey = z.enum(STAGE_KEYS, { error: (i) => `${JSON.stringify(i.input)} is not a stage; use one of: ${STAGE_KEYS.join(', ')}` });
const stageOrLost = z.enum([...STAGE_KEYS, 'lost'], {
  error: (i) => `${JSON.stringify(i.input)} is not a stage or "lost"; use one of: ${[...STAGE_KEYS, 'lost'].join(', ')}`,
});
const outcome = z.enum(['open', 'won', 'lost'], { error: (i) => `${JSON.stringify(i.input)} is not an outcome; use open, won or lost` });

/** Journey fields a column can fill: the dimensions (not those sync derives), and the name. */
const FIELDS = [...DIMENSIONS.filter((d) => !['outcome', 'crm_stage', 'currency'].includes(d)), 'name'];
const fields = z.record(
  z.string().refine((f) => FIELDS.includes(f), { error: (i) => `${JSON.stringify(i.input)} is not a journey field; use one of: ${FIELDS.join(', ')}` }),
  column,
);

/** A column whose values say something, through a value map; unknown values get `default`. */
const valueMap = <T extends z.ZodType>(target: T) =>
  z.strictObject({ column, values: z.record(z.string(), target), default: target.optional() });

/** A file joined to the journeys by a key column: lookups add fields, events add stages too. */
const joined = {
  file: column,
  /** The column of this file that holds the key. */
  key: column,
  /** The column of the journeys' file it matches (default: the same name as `key`). */
  on: column.optional(),
  fields: fields.default({}),
};

export const lookupSchema = z.strictObject(joined);

export const eventsSchema = z.strictObject({
  ...joined,
  /** Stage → the column holding when the journey entered it. */
  stageDates: z.partialRecord(stageKey, column).default({}),
  /** Every matching row means this outcome (olist's closed deals: "won"), or a column says it. */
  outcome: z.union([outcome, valueMap(outcome)]).optional(),
  closed: column.optional(),
  amount: column.optional(),
  currency: column.optional(),
});

/**
 * "Any CSV": how a file of the user's becomes journeys. One row of `journeys.file` is one journey;
 * `events` files add stages and outcomes by key (one row per journey), `lookups` add fields.
 */
export const mappingSchema = z.strictObject({
  journeys: z.strictObject({
    file: column,
    id: column,
    created: column.optional(),
    /** Every row has reached this stage, or a column says how far through a value map ("lost" → lost). */
    stage: z.union([stageKey, valueMap(stageOrLost)]).optional(),
    stageDates: z.partialRecord(stageKey, column).default({}),
    outcome: z.union([outcome, valueMap(outcome)]).optional(),
    closed: column.optional(),
    updated: column.optional(),
    amount: column.optional(),
    currency: column.optional(),
    fields: fields.default({}),
  }),
  events: z.array(eventsSchema).default([]),
  lookups: z.array(lookupSchema).default([]),
});
export type Mapping = z.output<typeof mappingSchema>;
export type EventsMapping = z.output<typeof eventsSchema>;
export type LookupMapping = z.output<typeof lookupSchema>;
