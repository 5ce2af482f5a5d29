/**
 * A board's filters: a list of clauses, at most one per field, each remembering which element set it.
 * Plain data (save/restore, the URL) and pure functions: no DOM, no engine.
 *
 * Cross-filtering: an element's queries use every clause except the ones it set itself, so the chart
 * that was clicked keeps showing all its marks (with the selected one highlighted) while the others narrow.
 */
import { check, v } from '../../model/schema.ts';
import { DIMENSIONS, type Dimension } from '../../model/index.ts';
import type { JourneyFilter } from '../../metrics/index.ts';
import { isoDate } from '../../metrics/common.ts';

const dimensionClause = v.object({
  field: v.picklist(DIMENSIONS),
  values: v.pipe(v.array(v.nullable(v.string())), v.minLength(1)),
  by: v.optional(v.string()),
});
const reachedClause = v.object({ field: v.literal('reached'), stage: v.pipe(v.string(), v.minLength(1)), by: v.optional(v.string()) });
const createdClause = v.object({
  field: v.literal('created'),
  from: v.optional(isoDate),
  to: v.optional(isoDate),
  by: v.optional(v.string()),
});
// Told apart by `field`, so a problem is reported against the clause it names.
export const clauseSchema = v.variant('field', [dimensionClause, reachedClause, createdClause]);
export type Clause = v.InferOutput<typeof clauseSchema>;
export type ClauseField = Clause['field'];

export const boardStateSchema = v.object({
  version: v.literal(1),
  filters: v.array(clauseSchema),
  /** Per element (by id), the attributes a page author or analyst set. */
  options: v.optional(v.record(v.string(), v.record(v.string(), v.string())), {}),
});
export type BoardState = v.InferOutput<typeof boardStateSchema>;

/**
 * The clauses with `clause` in place of any other on its field, and of any other its element set: an element selects
 * one mark at a time (clauseBy), so a click on another of its marks, of any field, replaces its selection.
 */
export function withClause(filters: readonly Clause[], clause: Clause): Clause[] {
  return [...filters.filter((c) => c.field !== clause.field && (clause.by === undefined || c.by !== clause.by)), clause];
}

export function withoutClause(filters: readonly Clause[], field: ClauseField): Clause[] {
  return filters.filter((c) => c.field !== field);
}

/** The journey filter an element queries with: every clause but its own. */
export function filterFor(filters: readonly Clause[], element?: string): JourneyFilter {
  const out: JourneyFilter = {};
  const where: Partial<Record<Dimension, (string | null)[]>> = {};
  for (const c of filters) {
    if (element !== undefined && c.by === element) continue;
    if (c.field === 'reached') out.reached = c.stage;
    else if (c.field === 'created') {
      if (c.from) out.from = c.from;
      if (c.to) out.to = c.to;
    } else where[c.field] = c.values;
  }
  if (Object.keys(where).length) out.where = where;
  return out;
}

/** The clause an element set, if any (to highlight its selected mark). */
export function clauseBy(filters: readonly Clause[], element: string): Clause | undefined {
  return filters.find((c) => c.by === element);
}

const PREFIX = 'revlens.';
const NONE = '(none)';

/**
 * Filters as URL search parameters a person can read and edit: `revlens.source=Web&revlens.source=Partner`,
 * `revlens.reached=sql`, `revlens.created=2024-01-01..2024-03-31`. A journey with no value is `(none)`.
 */
export function toSearchParams(filters: readonly Clause[], params = new URLSearchParams()): URLSearchParams {
  for (const key of [...params.keys()]) if (key.startsWith(PREFIX)) params.delete(key);
  for (const c of filters) {
    const key = PREFIX + c.field;
    if (c.field === 'reached') params.append(key, c.stage);
    else if (c.field === 'created') params.append(key, `${c.from ?? ''}..${c.to ?? ''}`);
    else for (const v of c.values) params.append(key, v ?? NONE);
  }
  return params;
}

/** Clauses from URL search parameters; a parameter that does not parse is left out and reported. */
export function fromSearchParams(params: URLSearchParams): { filters: Clause[]; problems: string[] } {
  const filters: Clause[] = [];
  const problems: string[] = [];
  const fields = new Set([...params.keys()].filter((k) => k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length)));
  for (const field of fields) {
    const values = params.getAll(PREFIX + field);
    let clause: unknown;
    if (field === 'reached') clause = { field, stage: values[0] };
    else if (field === 'created') {
      const [from, to] = (values[0] ?? '').split('..');
      clause = { field, ...(from ? { from } : {}), ...(to ? { to } : {}) };
    } else clause = { field, values: values.map((v) => (v === NONE ? null : v)) };
    const parsed = check(clauseSchema, clause);
    if (parsed.success) filters.push(parsed.data);
    else problems.push(`${PREFIX}${field}=${values.join(',')}: ${parsed.problems.map((i) => i.message).join('; ')}`);
  }
  return { filters, problems };
}
