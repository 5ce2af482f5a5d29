/**
 * A journey filter in SQL: any metric's SQL becomes the same metric over the selected journeys by shadowing the
 * tables it reads with filtered ones, so no builder needs to know about filters and every metric filters the
 * same way.
 */
import { parse } from '../model/schema.ts';
import type { Dimension, StageModel } from '../model/index.ts';
import { dayRange, stageIndex } from './common.ts';
import { isEmptyFilter, journeyFilterSchema, type JourneyFilter } from './filter.ts';
import { JOURNEY_FACTS, JOURNEY_STAGES, journeyFacts, stageColumns as journeyStageColumns } from './journey-stages.ts';
import { dateLiteral, inlineCte, periodStart, str, text } from './sql.ts';

/** SQL conditions on a journey's row beside its stage columns (unqualified; see journeyFacts) for the filter. */
export function journeyConditions(filterInput: JourneyFilter, model: StageModel): string[] {
  const filter = parse(journeyFilterSchema, filterInput);
  const where = dayRange('created_at', filter);
  for (const [name, values] of Object.entries(filter.where ?? {}) as [Dimension, (string | null)[]][]) {
    const named = values.filter((v): v is string => v !== null);
    const any: string[] = [];
    if (named.length) any.push(`${text(name)} IN (${named.map(str).join(', ')})`);
    if (named.length < values.length) any.push(`${name} IS NULL`);
    where.push(any.length === 1 ? any[0]! : `(${any.join(' OR ')})`);
  }
  if (filter.reached) {
    const from = stageIndex(model, filter.reached, 'reached');
    where.push(`deepest >= ${from}`);
  }
  return where;
}

/**
 * The metric `sql` over the journeys the filter selects: `journeys`, `journey_stages`, `journey_facts`,
 * `stage_events` and `spend` are shadowed by CTEs of the same names (inside a CTE the name still means the
 * table). The journeys and their stage columns are selected side by side (journeyFacts) in one scan with no
 * join: semi-joins of a million journeys in every query were most of a filtered widget's time. Only stage_events
 * still takes a semi-join, read by the default as-of alone. Spend follows the filter's channel values and its
 * months.
 */
export function filteredSql(sql: string, filterInput: JourneyFilter, model: StageModel): string {
  const filter = parse(journeyFilterSchema, filterInput);
  if (isEmptyFilter(filter)) return sql;
  const conditions = journeyConditions(filter, model);
  const spend: string[] = [];
  const channels = filter.where?.channel;
  if (channels) {
    const named = channels.filter((v): v is string => v !== null);
    spend.push(named.length ? `${text('channel')} IN (${named.map(str).join(', ')})` : 'false');
  }
  if (filter.from) spend.push(`month >= ${periodStart('month', dateLiteral(filter.from))}`);
  if (filter.to) spend.push(`month <= ${dateLiteral(filter.to)}`);
  const stageColumns = journeyStageColumns(model);
  // Inlined: each is read where a metric reads it, with only the columns it needs.
  const ctes = [
    inlineCte('selected_journeys', `${journeyFacts(model)} WHERE ${conditions.join(' AND ')}`),
    inlineCte('journeys', `SELECT * EXCLUDE (${stageColumns.slice(1).join(', ')}) FROM selected_journeys`),
    inlineCte(JOURNEY_STAGES, `SELECT ${stageColumns.join(', ')} FROM selected_journeys`),
    inlineCte(JOURNEY_FACTS, 'SELECT * FROM selected_journeys'),
    inlineCte('stage_events', 'SELECT * FROM stage_events WHERE journey_key IN (SELECT journey_key FROM journeys)'),
    ...(spend.length ? [inlineCte('spend', `SELECT * FROM spend WHERE ${spend.join(' AND ')}`)] : []),
  ];
  const body = sql.trimStart();
  // Builders start with WITH or SELECT; their own CTEs follow ours and see the filtered tables.
  return /^WITH\s/i.test(body) ? `WITH ${ctes.join(',\n')},\n${body.slice(5)}` : `WITH ${ctes.join(',\n')}\n${body}`;
}
