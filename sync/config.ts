import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { DIMENSIONS } from '../model/index.ts';
import { SyncError } from './errors.ts';
import { mappingSchema } from './mapped/config.ts';

const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: (iss) => `${JSON.stringify(iss.input)} is not ${what}; use one of: ${values.join(', ')}` });

/** Where an opportunity stage name leads: a funnel stage, or the lost outcome. */
export const OPPORTUNITY_TARGETS = ['opportunity', 'poc', 'won', 'lost'] as const;
export const LEAD_TARGETS = ['lead', 'mql', 'sql'] as const;

/** Journey fields a config can point at CRM columns, written "Object.Column" (e.g. "Lead.Region__c"). */
export const FIELD_NAMES = [...DIMENSIONS.filter((d) => !['outcome', 'crm_stage', 'currency'].includes(d)), 'name'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** "Object.Column": the object as the source names it (Lead, Opportunity, Account, User; Deal, Contact), then the column. */
const columnRef = z.string().regex(/^[A-Za-z]+\..+$/, 'write columns as Object.Column, e.g. "Lead.Region__c" or "Deal.Deal owner"');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'use an ISO 4217 code such as "USD" or "CNY"');

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  $comment: z.string().optional(),
  /** Opportunity stage names (as the CRM writes them) → canonical stage or "lost". Added to the built-in map. */
  stages: z.record(z.string().min(1), oneOf(OPPORTUNITY_TARGETS, 'an opportunity stage')).default({}),
  /** Lead Status values → canonical stage. Added to the built-in map. */
  leadStatuses: z.record(z.string().min(1), oneOf(LEAD_TARGETS, 'a lead stage')).default({}),
  /** Lead columns holding the date a lead entered a stage, e.g. { "mql": "MQL_Date__c" }. */
  leadStageDates: z.partialRecord(oneOf(LEAD_TARGETS, 'a lead stage'), z.string().min(1)).default({}),
  /** Journey fields → the columns to read them from, first non-empty wins; replaces the built-in choice. */
  fields: z.partialRecord(oneOf(FIELD_NAMES as unknown as [string, ...string[]], 'a journey field'), z.union([columnRef, z.array(columnRef).min(1)])).default({}),
  /** How slashed dates such as 03/05/2024 are ordered; sync decides from the dates themselves when it can. */
  dateOrder: oneOf(['MDY', 'DMY'] as const, 'a date order').optional(),
  /** The zone of times written without one (IANA name, e.g. "Asia/Shanghai"); UTC when absent. */
  timezone: z.string().refine(isTimeZone, 'not a time zone the platform knows: use an IANA name such as "Asia/Shanghai" or "Europe/Berlin"').optional(),
  /** The base currency (ISO 4217): amounts in it count as they are; others are converted with `fx`. */
  currency: currencyCode.optional(),
  /** Exchange rates: how many units of the base currency one unit of each other currency is worth. */
  fx: z.record(currencyCode, z.number().positive('rates are positive numbers')).default({}),
  /** For `--source csv`: how the columns of any CSV become journeys (see sync/mapped/config.ts). */
  mapping: mappingSchema.optional(),
});
export type Config = z.output<typeof configSchema>;

export const DEFAULT_CONFIG: Config = configSchema.parse({});

/** Reads and validates a config file; every problem is listed with where it is and what to use instead. */
export async function loadConfig(path: string | undefined): Promise<Config> {
  if (!path) return DEFAULT_CONFIG;
  const name = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new SyncError(`config file ${path} not found: check the --config path`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SyncError(`${name} is not valid JSON: ${(e as Error).message}`);
  }
  const result = configSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => {
    const where = i.path.length ? i.path.map(String).join('.') : '(top level)';
    const message = i.code === 'unrecognized_keys' ? `unknown setting(s) ${i.keys.map((k) => `"${k}"`).join(', ')}; known: ${Object.keys(configSchema.shape).filter((k) => !k.startsWith('$')).join(', ')}` : i.message;
    return `${where}: ${message}`;
  });
  throw new SyncError(`${name} has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
