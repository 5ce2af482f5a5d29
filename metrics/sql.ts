/**
 * The SQL dialect lives here and nowhere else: every builder writes through these helpers, so that a
 * second dialect (ClickHouse) is a second implementation of this file, not edits across metrics.
 * Today: DuckDB.
 */

/** A quoted identifier. Builders pass only names from the model, never user text. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string literal. */
export function str(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A timestamp literal from an ISO date (YYYY-MM-DD), midnight UTC. */
export function dateLiteral(isoDate: string): string {
  return `TIMESTAMP ${str(isoDate)}`;
}

/** A timestamp literal from an ISO moment in UTC (2024-03-05T10:20:30.123Z). */
export function momentLiteral(isoMoment: string): string {
  return `TIMESTAMP ${str(new Date(isoMoment).toISOString().replace('T', ' ').replace('Z', ''))}`;
}

/** Days between two timestamps, fractional, as a double. */
export function daysBetween(later: string, earlier: string): string {
  return `date_diff('millisecond', ${earlier}, ${later}) / 86400000`;
}

/** An aggregate over only the rows where `condition` holds (ClickHouse spells it countIf, minIf …). */
export function filtered(aggregate: string, expr: string, condition: string): string {
  return `${aggregate}(${expr}) FILTER (WHERE ${condition})`;
}

/** A CTE the engine inlines where it is read (never computed once and kept): filters and columns reach into it. */
export function inlineCte(name: string, body: string): string {
  return `${name} AS NOT MATERIALIZED (${body})`;
}

/** A VALUES list as a named relation with columns. */
export function values(name: string, columns: string[], rows: (string | number)[][]): string {
  const body = rows.map((r) => `(${r.map((v) => (typeof v === 'number' ? String(v) : str(v))).join(', ')})`).join(', ');
  return `${name}(${columns.join(', ')}) AS (VALUES ${body})`;
}

/** Milliseconds from `earlier` to `later`, as an exact integer (negative when `later` is earlier). */
export function msBetween(later: string, earlier: string): string {
  return `date_diff('millisecond', ${earlier}, ${later})`;
}

/** A timestamp moved by a whole number of milliseconds. */
export function addMs(expr: string, ms: number): string {
  return `(${expr} + INTERVAL (${Math.trunc(ms)}) MILLISECOND)`;
}

/** The calendar periods metrics group by. A week starts on Monday (ISO 8601). */
export type PeriodUnit = 'week' | 'month' | 'quarter';

/** The start of the period a timestamp falls in. */
export function periodStart(unit: PeriodUnit, expr: string): string {
  return `date_trunc('${unit}', ${expr})`;
}

/** Whole periods from one period start to another (both already period starts). */
export function periodsBetween(unit: PeriodUnit, earlierStart: string, laterStart: string): string {
  // date_diff('week') counts ISO week boundaries differently across engines; days ÷ 7 between Mondays is exact.
  return unit === 'week'
    ? `(date_diff('day', ${earlierStart}, ${laterStart}) // 7)`
    : `date_diff('${unit}', ${earlierStart}, ${laterStart})`;
}

/** A period start moved forward by a number of periods (an SQL integer expression). */
export function addPeriods(unit: PeriodUnit, start: string, n: string): string {
  const interval = unit === 'week' ? 'INTERVAL 7 DAY' : unit === 'month' ? 'INTERVAL 1 MONTH' : 'INTERVAL 3 MONTH';
  return `(${start} + CAST(${n} AS BIGINT) * ${interval})`;
}

/** A count as a double, so that it divides as a double in every dialect and comes back as a number. */
export function asDouble(expr: string): string {
  return `CAST(${expr} AS DOUBLE)`;
}

/** A journey attribute as text (dictionary columns may load as ENUM in some engines). */
export function text(expr: string): string {
  return `CAST(${expr} AS VARCHAR)`;
}

/** The latest of several timestamps, ignoring NULLs (NULL only when all are NULL). */
export function latestOf(exprs: string[]): string {
  return `greatest(${exprs.join(', ')})`;
}

/** A set-returning expression in a SELECT list: one row per integer 0 … n − 1 (n an SQL expression). */
export function eachUpTo(n: string): string {
  return `unnest(range(0, ${n}))`;
}

export type Quartile = 'p25' | 'median' | 'p75';

/**
 * The quartiles of an expression as three select-list columns named by `name`, over the rows where `condition`
 * holds when given. One aggregate sorts once for all three (the engine computes identical aggregates once):
 * 40% less than three.
 */
export function quartileColumns(expr: string, name: (q: Quartile) => string, condition?: string): string[] {
  const all = `quantile_cont(${expr}, [0.25, 0.5, 0.75])${condition ? ` FILTER (WHERE ${condition})` : ''}`;
  return (['p25', 'median', 'p75'] as const).map((q, k) => `${all}[${k + 1}] AS ${name(q)}`);
}

/** The earliest of several timestamps, ignoring NULLs (NULL only when all are NULL). */
export function earliestOf(exprs: string[]): string {
  return exprs.length === 1 ? exprs[0]! : `least(${exprs.join(', ')})`;
}
