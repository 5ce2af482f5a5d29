/**
 * The SQL <revlens-health> runs, loaded on demand: with DuckDB-WASM, which only a widget like it starts (the widgets
 * counted in the page need neither). The health metric's sections, a board's filter applied to them, and a page of
 * the stagnation list in a column's order.
 */
import { str } from '../../metrics/sql.ts';
import type { Sort } from './stagnant-table.ts';

export { healthSql } from '../../metrics/health-sql.ts';
export { filteredSql } from '../../metrics/filter-sql.ts';

/**
 * One page of the health metric's `stagnant` section in a column's order: its first `rows` rows (all without),
 * each with `total`, the length of the whole list. Ties in the metric's order. DuckDB-WASM has no collations:
 * text sorts here by character code (sortRows sorts a list that came whole by the locale's); stages by their
 * place in `stages` (keys), as in sortRows.
 */
export function stagnantPageSql(stagnant: string, sort: Sort, stages: string[], rows?: number): string {
  const column = sort.key === 'journey' ? 'coalesce(name, journey_id)' : sort.key === 'label' ? `list_position([${stages.map(str).join(', ')}], stage)` : sort.key;
  return `SELECT *, count(*) OVER () AS total FROM (${stagnant})
ORDER BY ${column} ${sort.dir === 'ascending' ? 'ASC' : 'DESC'} NULLS LAST, ratio DESC NULLS LAST, days_in_stage DESC, journey_id${rows ? ` LIMIT ${rows}` : ''}`;
}
