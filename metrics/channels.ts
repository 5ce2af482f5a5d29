/**
 * Channel economics over journeys created in from/to: journeys (leads), MQLs, won count and revenue per
 * channel with their share of the total, the same by region and by industry, and where the spend table has
 * rows, cost per lead / MQL / win and ROI.
 *
 * Channel: the journey's channel, or its source when the channel is empty (many CRMs fill only one).
 * Spend is matched by channel and month: a channel's costs are its spend over the months in range that have a
 * spend row for it, divided by its journeys created in those same months (and ROI = (revenue of those
 * journeys − spend) ÷ spend). Journeys created in months without spend for their channel count in the
 * totals, not in the costs. No spend rows: the spend columns are null.
 */
import { parse, v } from '../model/schema.ts';
import type { Locale, StageModel } from '../model/index.ts';
import { dayRange, dimension, isoDate, nextDay, num, rangeOrder, textOrNull } from './common.ts';
import { stageTimesCte } from './journey-stages.ts';
import { asDouble, dateLiteral, filtered, periodStart, text } from './sql.ts';

export const channelsSpecSchema = v.pipe(
  v.object({
    /** The first section's attribute (default channel, falling back to source). */
    by: v.optional(dimension),
    /** Journeys created on or after / on or before these days (UTC); spend of the months these days touch. */
    from: v.optional(isoDate),
    to: v.optional(isoDate),
  }),
  rangeOrder(),
);
export type ChannelsSpec = v.InferInput<typeof channelsSpecSchema>;

export const CHANNELS_SECTIONS = ['channels', 'regions', 'industries'] as const;
export type ChannelsSection = (typeof CHANNELS_SECTIONS)[number];
export type ChannelsRow = Record<string, string | number | null>;
export type ChannelsResult = Record<ChannelsSection, ChannelsRow[]>;

/** The stage whose count gives cost per MQL. */
const MQL_STAGE = 'mql';

/** The channel of a journey: its channel, else its source. */
export const CHANNEL_WITH_FALLBACK = `coalesce(nullif(${text('j.channel')}, ''), ${text('j.source')})`;

export function channelsSql(specInput: ChannelsSpec, model: StageModel): Record<ChannelsSection, string> {
  const spec = parse(channelsSpecSchema, specInput);
  const by = spec.by ?? 'channel';
  const mql = model.stages.findIndex((s) => s.key === MQL_STAGE);
  const created = dayRange('j.created_at', spec);
  const spendWhere: string[] = [];
  if (spec.from) spendWhere.push(`month >= ${periodStart('month', dateLiteral(spec.from))}`);
  if (spec.to) spendWhere.push(`month < ${dateLiteral(nextDay(spec.to))}`);
  // Journeys, MQLs, won and revenue of the rows where `only` holds, named with a prefix.
  const counts = (only: string, prefix = '') =>
    [
      `${asDouble(filtered('count', '*', only))} AS ${prefix}journeys`,
      mql >= 0 ? `${asDouble(filtered('count', '*', `b.mql AND ${only}`))} AS ${prefix}mqls` : `NULL::DOUBLE AS ${prefix}mqls`,
      `${asDouble(filtered('count', '*', `b.won AND ${only}`))} AS ${prefix}won`,
      `coalesce(${filtered('sum', 'b.amount', `b.won AND ${only}`)}, 0) AS ${prefix}revenue`,
    ].join(', ');

  const section = (key: string, withSpend: boolean) => `WITH ${stageTimesCte(model, { everyJourney: true })},
base AS (
  SELECT ${key} AS key, ${periodStart('month', 'j.created_at')} AS month,
    ${mql >= 0 ? `coalesce(j.deepest >= ${mql}, FALSE)` : 'FALSE'} AS mql, j.outcome = 'won' AS won, j.amount_base AS amount
  FROM stage_times j
  ${created.length ? `WHERE ${created.join(' AND ')}` : ''}
)${
    withSpend
      ? `,
spend_in AS (SELECT ${text('channel')} AS key, month, amount_base FROM spend ${spendWhere.length ? `WHERE ${spendWhere.join(' AND ')}` : ''}),
spend_months AS (SELECT DISTINCT key, month FROM spend_in),
spend_per_key AS (SELECT key, sum(amount_base) AS spend FROM spend_in GROUP BY key),
per_key AS (
  SELECT b.key, ${counts('TRUE')},
    ${counts('m.key IS NOT NULL', 'matched_')}
  FROM base b LEFT JOIN spend_months m ON m.key = b.key AND m.month = b.month
  GROUP BY b.key
),
joined AS (
  SELECT coalesce(p.key, sp.key) AS key, coalesce(p.journeys, 0) AS journeys, ${mql >= 0 ? 'coalesce(p.mqls, 0)' : 'NULL::DOUBLE'} AS mqls,
    coalesce(p.won, 0) AS won, coalesce(p.revenue, 0) AS revenue, sp.spend,
    p.matched_journeys, p.matched_mqls, p.matched_won, p.matched_revenue
  FROM per_key p FULL OUTER JOIN spend_per_key sp ON sp.key = p.key
)
SELECT key, journeys, mqls, won, revenue,
  won / nullif(sum(won) OVER (), 0) AS won_share, revenue / nullif(sum(revenue) OVER (), 0) AS revenue_share,
  spend, spend / nullif(matched_journeys, 0) AS cost_per_lead, spend / nullif(matched_mqls, 0) AS cost_per_mql,
  spend / nullif(matched_won, 0) AS cost_per_win, (coalesce(matched_revenue, 0) - spend) / nullif(spend, 0) AS roi
FROM joined`
      : `,
joined AS (SELECT b.key, ${counts('TRUE')} FROM base b GROUP BY b.key)
SELECT key, journeys, mqls, won, revenue,
  won / nullif(sum(won) OVER (), 0) AS won_share, revenue / nullif(sum(revenue) OVER (), 0) AS revenue_share
FROM joined`
  }
ORDER BY revenue DESC, won DESC, journeys DESC, key NULLS LAST`;

  return {
    channels: section(by === 'channel' ? CHANNEL_WITH_FALLBACK : text(`j.${by}`), by === 'channel'),
    regions: section(text('j.region'), false),
    industries: section(text('j.industry'), false),
  };
}

export function shapeChannels(
  raw: Record<ChannelsSection, Iterable<Record<string, unknown>>>,
  specInput: ChannelsSpec,
  _model: StageModel,
  _locale: Locale = 'en',
): ChannelsResult {
  const spec = parse(channelsSpecSchema, specInput);
  const keyName: Record<ChannelsSection, string> = { channels: spec.by ?? 'channel', regions: 'region', industries: 'industry' };
  const out = {} as ChannelsResult;
  for (const section of CHANNELS_SECTIONS) {
    out[section] = [...raw[section]].map((r) => {
      const row: ChannelsRow = { [keyName[section]]: textOrNull(r.key) };
      for (const [k, v] of Object.entries(r)) if (k !== 'key') row[k] = num(v);
      return row;
    });
  }
  return out;
}
