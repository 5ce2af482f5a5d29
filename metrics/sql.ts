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

/** Whole days between two timestamps, fractional, as a double. */
export function daysBetween(later: string, earlier: string): string {
  return `(epoch_ms(${later}) - epoch_ms(${earlier}))::DOUBLE / 86400000`;
}

/** Counts come back from window sums as HUGEINT in DuckDB; keep them plain 64-bit integers. */
export function int(expr: string): string {
  return `CAST(${expr} AS BIGINT)`;
}

/** A VALUES list as a named relation with columns. */
export function values(name: string, columns: string[], rows: (string | number)[][]): string {
  const body = rows.map((r) => `(${r.map((v) => (typeof v === 'number' ? String(v) : str(v))).join(', ')})`).join(', ');
  return `${name}(${columns.join(', ')}) AS (VALUES ${body})`;
}

/** Null-safe equality, for joining breakdown segments where "no value" is a segment too. */
export function sameAs(a: string, b: string): string {
  return `${a} IS NOT DISTINCT FROM ${b}`;
}
