/**
 * The schema library for everything that also runs in the browser (model, metrics, widgets): Valibot, whose
 * functions tree-shake to the few a schema uses (zod/mini cost 8 KB gzip of the elements' 60 KB budget).
 * check() and parse() report problems as "where: what", so every message names the field it is about.
 */
import * as v from 'valibot';

export { v };

/** A moment as sync writes and boards pass it: ISO 8601 in UTC ("Z"); Valibot's isoTimestamp also takes offsets. */
export const utcMoment = (message?: string) => v.pipe(v.string(), v.isoTimestamp(message), v.regex(/Z$/, message));

export interface Problem {
  /** Keys from the top of the value down to the offending one; empty for the value itself. */
  path: string[];
  message: string;
}

export type Checked<T> = { success: true; data: T } | { success: false; problems: Problem[] };

export function check<S extends v.GenericSchema>(schema: S, input: unknown): Checked<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { success: true, data: result.output };
  return { success: false, problems: result.issues.map((i) => ({ path: i.path?.map((p) => String(p.key)) ?? [], message: messageOf(i) })) };
}

/** Valibot's own words for a missing or unknown key ("Invalid key: Expected never …") said plainly. */
function messageOf(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'object' && issue.received === 'undefined') return 'required';
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'not a known setting';
  return issue.message;
}

/** One line per problem: "path: message", `whole` standing for the value itself. */
export function describe(problems: readonly Problem[], whole: string): string[] {
  return problems.map((p) => `${p.path.join('.') || whole}: ${p.message}`);
}

/** A value that is not what a schema describes: its problems, each naming where it is. */
export class SchemaError extends Error {
  constructor(readonly problems: Problem[]) {
    super(describe(problems, 'options').join('; '));
    this.name = 'SchemaError';
  }
}

export function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = check(schema, input);
  if (!result.success) throw new SchemaError(result.problems);
  return result.data;
}
