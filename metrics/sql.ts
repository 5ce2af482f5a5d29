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

/** Days between two timestamps, fractional, as a double. */
export function daysBetween(later: string, earlier: string): string {
  return `date_diff('millisecond', ${earlier}, ${later}) / 86400000`;
}

/** An aggregate over only the rows where `condition` holds (ClickHouse spells it countIf, minIf …). */
export function filtered(aggregate: string, expr: string, condition: string): string {
  return `${aggregate}(${expr}) FILTER (WHERE ${condition})`;
}

/** A VALUES list as a named relation with columns. */
export function values(name: string, columns: string[], rows: (string | number)[][]): string {
  const body = rows.map((r) => `(${r.map((v) => (typeof v === 'number' ? String(v) : str(v))).join(', ')})`).join(', ');
  return `${name}(${columns.join(', ')}) AS (VALUES ${body})`;
}
