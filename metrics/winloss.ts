/**
 * Win-loss over closed journeys (outcome won or lost), in sections: win rate by one or two segments, loss
 * reasons ranked (Pareto), deal size and cycle length won vs lost, win rate by close period, POC results
 * and the loss reasons of journeys that went through a POC.
 */
import { parse, v } from '../model/schema.ts';
import type { Locale, StageModel } from '../model/index.ts';
import { day, dayRange, dimension, isoDate, num, periodUnit, rangeOrder, textOrNull } from './common.ts';
import { stageTimesCte } from './journey-stages.ts';
import { asDouble, daysBetween, filtered, periodStart, quartileColumns, text } from './sql.ts';

export const winlossSpecSchema = v.pipe(
  v.object({
    /** Win rate (and every section) broken down by this attribute. */
    by: v.optional(dimension),
    /** A second attribute: the win rate section shows each pair of values. */
    by2: v.optional(dimension),
    /** Journeys closed on or after / on or before these days (UTC). Win-loss is about when deals closed. */
    from: v.optional(isoDate),
    to: v.optional(isoDate),
    /** Close periods of the trend section (default month). */
    period: v.optional(periodUnit),
  }),
  rangeOrder(),
  v.forward(
    v.check((s) => !s.by2 || !!s.by, 'by2 needs by'),
    ['by2'],
  ),
);
export type WinlossSpec = v.InferInput<typeof winlossSpecSchema>;

export const WINLOSS_SECTIONS = ['rates', 'reasons', 'deals', 'trend', 'poc', 'poc_reasons'] as const;
export type WinlossSection = (typeof WINLOSS_SECTIONS)[number];

type Value = string | number | null;
export type WinlossRow = Record<string, Value>;
export type WinlossResult = Record<WinlossSection, WinlossRow[]>;

/** The stage key whose journeys went through a proof of concept. */
const POC_STAGE = 'poc';

export function winlossSql(specInput: WinlossSpec, model: StageModel): Record<WinlossSection, string> {
  const spec = parse(winlossSpecSchema, specInput);
  const unit = spec.period ?? 'month';
  const seg = spec.by ? text(`j.${spec.by}`) : 'NULL::VARCHAR';
  const seg2 = spec.by2 ? text(`j.${spec.by2}`) : 'NULL::VARCHAR';
  const pocIndex = model.stages.findIndex((s) => s.key === POC_STAGE);
  const closed = `closed AS (
  SELECT ${seg} AS segment, ${seg2} AS segment2, j.outcome = 'won' AS won, j.closed_at, j.created_at,
    j.amount_base AS amount, ${text('j.loss_reason')} AS loss_reason, ${text('j.poc_result')} AS poc_result,
    ${pocIndex >= 0 ? `coalesce(j.deepest >= ${pocIndex}, FALSE)` : 'FALSE'} AS through_poc
  FROM ${pocIndex >= 0 ? 'stage_times' : 'journeys'} j
  WHERE ${["j.outcome IN ('won', 'lost')", ...dayRange('j.closed_at', spec)].join(' AND ')}
)`;
  const head = `WITH ${pocIndex >= 0 ? `${stageTimesCte(model, { everyJourney: true })},\n` : ''}${closed}`;
  const group = (cols: string[]) => (cols.length ? `GROUP BY ${cols.join(', ')}` : '');
  const segCols = spec.by ? ['segment'] : [];
  const won = asDouble(filtered('count', '*', 'c.won'));
  const rate = `${won} AS won, ${asDouble(filtered('count', '*', 'NOT c.won'))} AS lost, ${won} / nullif(${asDouble('count(*)')}, 0) AS win_rate`;
  const pareto = (where: string) => `, reasons AS (
  SELECT c.segment, c.loss_reason, ${asDouble('count(*)')} AS lost FROM closed c WHERE ${where} GROUP BY c.segment, c.loss_reason
)
SELECT r.segment, r.loss_reason, r.lost,
  r.lost / sum(r.lost) OVER (PARTITION BY r.segment) AS share,
  sum(r.lost) OVER (PARTITION BY r.segment ORDER BY r.lost DESC, r.loss_reason NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    / sum(r.lost) OVER (PARTITION BY r.segment) AS cumulative_share
FROM reasons r
ORDER BY r.segment NULLS LAST, r.lost DESC, r.loss_reason NULLS LAST`;
  const cycle = daysBetween('c.closed_at', 'c.created_at');
  const stats = (expr: string, name: string) =>
    [
      `${asDouble(`count(${expr})`)} AS ${name}_n`,
      ...quartileColumns(expr, (q) => `${name}_${q}`),
      `avg(${expr}) AS ${name}_mean`,
    ].join(', ');

  return {
    rates: `${head}
SELECT ${spec.by ? 'c.segment, ' : ''}${spec.by2 ? 'c.segment2, ' : ''}${rate}
FROM closed c
${group(spec.by2 ? ['segment', 'segment2'] : segCols)}
ORDER BY ${spec.by ? 'count(*) DESC, c.segment NULLS LAST' : '1'}${spec.by2 ? ', c.segment2 NULLS LAST' : ''}`,
    reasons: `${head}${pareto('NOT c.won')}`,
    deals: `${head}
SELECT c.segment, CASE WHEN c.won THEN 'won' ELSE 'lost' END AS outcome, ${asDouble('count(*)')} AS deals,
  ${stats('c.amount', 'amount')},
  ${stats(cycle, 'cycle_days')}
FROM closed c
GROUP BY c.segment, c.won
ORDER BY c.segment NULLS LAST, c.won DESC`,
    trend: `${head}
SELECT c.segment, ${periodStart(unit, 'c.closed_at')} AS period, ${rate}
FROM closed c
WHERE c.closed_at IS NOT NULL
GROUP BY c.segment, period
ORDER BY c.segment NULLS LAST, period`,
    poc: `${head}
SELECT c.segment, c.poc_result, ${asDouble('count(*)')} AS journeys, ${rate}
FROM closed c
WHERE c.through_poc OR c.poc_result IS NOT NULL
GROUP BY c.segment, c.poc_result
ORDER BY c.segment NULLS LAST, journeys DESC, c.poc_result NULLS LAST`,
    poc_reasons: `${head}${pareto('NOT c.won AND (c.through_poc OR c.poc_result IS NOT NULL)')}`,
  };
}

/** Engine rows per section to plain rows: the segment under the dimension's name, periods as days. */
export function shapeWinloss(
  raw: Record<WinlossSection, Iterable<Record<string, unknown>>>,
  specInput: WinlossSpec,
  _model: StageModel,
  _locale: Locale = 'en',
): WinlossResult {
  const spec = parse(winlossSpecSchema, specInput);
  const out = {} as WinlossResult;
  for (const section of WINLOSS_SECTIONS) {
    out[section] = [...raw[section]].map((r) => {
      const row: WinlossRow = {};
      if (spec.by) row[spec.by] = textOrNull(r.segment);
      if (spec.by2 && section === 'rates') row[spec.by2] = textOrNull(r.segment2);
      for (const [k, v] of Object.entries(r)) {
        if (k === 'segment' || k === 'segment2') continue;
        row[k] = k === 'period' ? day(v) : k === 'outcome' || k === 'loss_reason' || k === 'poc_result' ? textOrNull(v) : num(v);
      }
      return row;
    });
  }
  return out;
}
