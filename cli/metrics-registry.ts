/**
 * Every metric the CLI runs: its options (beyond the common ones), how they become the metric's spec, the
 * SQL to run and how its rows print. The metric definitions themselves live in metrics/.
 */
import type { GenericSchema } from 'valibot';
import {
  CHANNELS_SECTIONS,
  HEALTH_SECTIONS,
  WINLOSS_SECTIONS,
  channelsSpecSchema,
  channelsSql,
  cohortSpecSchema,
  cohortSql,
  funnelSpecSchema,
  funnelSql,
  healthSpecSchema,
  healthSql,
  planSpecSchema,
  planSql,
  shapeChannels,
  shapeCohort,
  shapeFunnel,
  shapeHealth,
  shapePlan,
  shapeVelocity,
  shapeWinloss,
  velocitySpecSchema,
  velocitySql,
  winlossSpecSchema,
  winlossSql,
} from '../metrics/index.ts';
import { DIMENSIONS, type Locale, type StageModel } from '../model/index.ts';
import { col, type Column, type Row } from './metrics-output.ts';

/** An option: one that takes a value (`arg` names it in --help), or a flag that, given, sets its field to `value`. */
export type OptionDef = {
  /** The spec field it sets (default: the option name with - as _). */
  field?: string;
  help: string;
} & ({ kind: 'string' | 'number'; arg: string } | { kind: 'flag'; value: unknown });

export interface MetricDef {
  name: string;
  summary: string;
  /** What --from/--to are about, for --help. */
  range?: string;
  options: Record<string, OptionDef>;
  schema: GenericSchema;
  /** Spec fields holding stage keys, checked against the dataset's stages before the engine starts. */
  stageFields?: string[];
  /** Section names, in print order; a metric with one result has one section named after itself. */
  sections: readonly string[];
  run(spec: Record<string, unknown>, model: StageModel, locale: Locale, query: (sql: string) => Record<string, unknown>[]): Record<string, Row[]>;
  /** Table columns of a section (the segment columns come first, added by the command). */
  columns(section: string, spec: Record<string, unknown>): Column[];
  titles?: Record<string, string>;
}

const by: Record<string, OptionDef> = { by: { kind: 'string', arg: '<dimension>', help: `break down by one of: ${DIMENSIONS.join(', ')}` } };
const range: Record<string, OptionDef> = {
  from: { kind: 'string', arg: '<YYYY-MM-DD>', help: 'on or after this day (UTC)' },
  to: { kind: 'string', arg: '<YYYY-MM-DD>', help: 'on or before this day (UTC)' },
};
const period = (what: string): Record<string, OptionDef> => ({
  period: { kind: 'string', arg: '<week|month|quarter>', help: `${what} (default month)` },
});
const asOf: Record<string, OptionDef> = {
  'as-of': { kind: 'string', arg: '<YYYY-MM-DD>', help: 'the data as of the end of this day (default: the latest timestamp in the dataset)' },
};

const days = (key: string, header: string) => col(key, header, 'days');
const sectioned = <S extends string>(sections: readonly S[], sqls: Record<S, string>, query: (sql: string) => Record<string, unknown>[]) =>
  Object.fromEntries(sections.map((s) => [s, query(sqls[s])])) as Record<S, Record<string, unknown>[]>;

export const METRICS: MetricDef[] = [
  {
    name: 'funnel',
    summary: 'journeys reaching each stage, conversion and drop-off, days between stages',
    range: 'journeys created',
    options: {
      ...by,
      ...range,
      mode: { kind: 'string', arg: '<reached|strict>', help: 'reached (default): deepest stage counts for every earlier one; strict: every stage entered in order' },
      window: { field: 'window_days', kind: 'number', arg: '<days>', help: 'count a stage only when entered within this many days of entering the funnel' },
      'compare-from': { field: 'compare.from', kind: 'string', arg: '<YYYY-MM-DD>', help: 'a second created-date range shown beside the first ...' },
      'compare-to': { field: 'compare.to', kind: 'string', arg: '<YYYY-MM-DD>', help: '... (both needed)' },
      'counts-only': { field: 'timings', kind: 'flag', value: false, help: 'counts and conversions only, no days between stages (one sort less per stage)' },
    },
    schema: funnelSpecSchema,
    sections: ['funnel'],
    run: (spec, model, locale, query) => ({ funnel: shapeFunnel(query(funnelSql(spec, model)), spec, model, locale) }),
    columns: () => [
      col('label', 'stage'),
      col('reached', 'reached', 'count'),
      col('drop_off', 'drop-off', 'count'),
      col('conversion_from_previous', 'from previous', 'percent'),
      col('conversion_from_first', 'from first', 'percent'),
      days('median_days_from_previous', 'median days from previous'),
      days('p25_days_from_previous', 'p25'),
      days('p75_days_from_previous', 'p75'),
      days('mean_days_from_previous', 'mean'),
    ],
  },
  {
    name: 'cohort',
    summary: 'journeys by creation period, share reaching a stage (default Won) and revenue won, period by period',
    range: 'journeys created',
    options: {
      ...by,
      ...range,
      ...period('cohort and follow-up period'),
      stage: { kind: 'string', arg: '<stage key>', help: 'the stage counted (default: the last stage, won)' },
      ...asOf,
    },
    schema: cohortSpecSchema,
    stageFields: ['stage'],
    sections: ['cohort'],
    run: (spec, model, locale, query) => ({ cohort: shapeCohort(query(cohortSql(spec, model)), spec, model, locale) }),
    columns: () => [
      col('cohort', 'cohort'),
      col('period', 'periods since', 'count'),
      col('size', 'journeys', 'count'),
      col('reached', 'reached', 'count'),
      col('share', 'share', 'percent'),
      col('revenue_won', 'revenue won', 'money'),
      col('complete', 'complete', 'yes'),
    ],
  },
  {
    name: 'winloss',
    summary: 'win rate by segment, loss reasons (Pareto), deal size and cycle won vs lost, trend, POC',
    range: 'deals closed',
    options: {
      ...by,
      by2: { kind: 'string', arg: '<dimension>', help: 'a second breakdown for the win rate (needs --by)' },
      ...range,
      ...period('close period of the trend'),
      section: { kind: 'string', arg: '<name>', help: `only this section: ${WINLOSS_SECTIONS.join(', ')}` },
    },
    schema: winlossSpecSchema,
    sections: WINLOSS_SECTIONS,
    titles: { rates: 'win rate', reasons: 'loss reasons', deals: 'deal size and cycle days, won vs lost', trend: 'win rate by close period', poc: 'POC results', poc_reasons: 'loss reasons after a POC' },
    run: (spec, model, locale, query) => shapeWinloss(sectioned(WINLOSS_SECTIONS, winlossSql(spec, model), query), spec, model, locale),
    columns: (section, spec) => {
      const rate = [col('won', 'won', 'count'), col('lost', 'lost', 'count'), col('win_rate', 'win rate', 'percent')];
      const reasons = [col('loss_reason', 'loss reason'), col('lost', 'lost', 'count'), col('share', 'share', 'percent'), col('cumulative_share', 'cumulative', 'percent')];
      switch (section) {
        case 'rates':
          return [...(spec.by2 ? [col(String(spec.by2), String(spec.by2))] : []), ...rate];
        case 'reasons':
        case 'poc_reasons':
          return reasons;
        case 'deals':
          return [
            col('outcome', 'outcome'),
            col('deals', 'deals', 'count'),
            col('amount_median', 'median amount', 'money'),
            col('amount_p25', 'p25', 'money'),
            col('amount_p75', 'p75', 'money'),
            col('amount_mean', 'mean', 'money'),
            days('cycle_days_median', 'median cycle days'),
            days('cycle_days_p25', 'p25'),
            days('cycle_days_p75', 'p75'),
            days('cycle_days_mean', 'mean'),
          ];
        case 'trend':
          return [col('period', 'closed in'), ...rate];
        default:
          return [col('poc_result', 'POC result'), col('journeys', 'journeys', 'count'), ...rate];
      }
    },
  },
  {
    name: 'health',
    summary: 'inflow and outflow per period and stage, time in stage, stagnant open journeys',
    range: 'flow events',
    options: {
      ...range,
      ...period('flow period'),
      k: { kind: 'number', arg: '<multiple>', help: 'stagnant: days in the current stage over k × its median time in stage (default 2)' },
      ...asOf,
      section: { kind: 'string', arg: '<name>', help: `only this section: ${HEALTH_SECTIONS.join(', ')}` },
    },
    schema: healthSpecSchema,
    sections: HEALTH_SECTIONS,
    titles: { flow: 'flow', time_in_stage: 'time in stage (journeys that left it)', stagnant: 'stagnant open journeys (send back to nurture)' },
    run: (spec, model, locale, query) => shapeHealth(sectioned(HEALTH_SECTIONS, healthSql(spec, model), query), spec, model, locale),
    columns: (section) =>
      section === 'flow'
        ? [col('period', 'period'), col('label', 'stage'), col('inflow', 'in', 'count'), col('advanced', 'on', 'count'), col('lost', 'lost', 'count'), col('net', 'net', 'count')]
        : section === 'time_in_stage'
          ? [col('label', 'stage'), col('journeys', 'journeys', 'count'), days('median_days', 'median days'), days('p25_days', 'p25'), days('p75_days', 'p75'), days('mean_days', 'mean'), col('open_now', 'open now', 'count')]
          : [col('journey_id', 'journey'), col('name', 'name'), col('owner', 'owner'), col('label', 'stage'), days('days_in_stage', 'days in stage'), days('median_days', 'median'), col('ratio', '× median', 'number')],
  },
  {
    name: 'velocity',
    summary: 'sales velocity (money per day) = open opportunities × win rate × average won deal ÷ average cycle days',
    range: 'deals closed (win rate, deal size, cycle)',
    options: {
      ...by,
      stage: { kind: 'string', arg: '<stage key>', help: 'the stage from which a journey is an opportunity (default opportunity)' },
      ...range,
      ...asOf,
    },
    schema: velocitySpecSchema,
    stageFields: ['stage'],
    sections: ['velocity'],
    run: (spec, model, locale, query) => ({ velocity: shapeVelocity(query(velocitySql(spec, model)), spec, model, locale) }),
    columns: () => [
      col('open_opportunities', 'open opportunities', 'count'),
      col('win_rate', 'win rate', 'percent'),
      col('average_won_amount', 'average won deal', 'money'),
      days('average_cycle_days', 'average cycle days'),
      col('velocity_per_day', 'velocity per day', 'money'),
    ],
  },
  {
    name: 'plan',
    summary: 'from a revenue target: won deals needed and journeys needed at each earlier stage',
    range: 'journeys created (the history rates are measured on)',
    options: {
      target: { kind: 'number', arg: '<amount>', help: 'revenue to win, in the base currency (required)' },
      ...range,
    },
    schema: planSpecSchema,
    sections: ['plan'],
    run: (spec, model, locale, query) => ({ plan: shapePlan(query(planSql(spec as never, model)), spec as never, model, locale) as unknown as Row[] }),
    columns: () => [
      col('label', 'stage'),
      col('reached', 'reached', 'count'),
      col('conversion_to_next', 'to next', 'percent'),
      col('needed', 'needed', 'number'),
      col('needed_rounded', 'needed (whole)', 'count'),
    ],
  },
  {
    name: 'channels',
    summary: 'revenue and wins by channel (falling back to source), region and industry; cost per lead/MQL/win and ROI from spend',
    range: 'journeys created (and spend of the months they touch)',
    options: { ...by, ...range, section: { kind: 'string', arg: '<name>', help: `only this section: ${CHANNELS_SECTIONS.join(', ')}` } },
    schema: channelsSpecSchema,
    sections: CHANNELS_SECTIONS,
    titles: { channels: 'by channel', regions: 'won by region', industries: 'won by industry' },
    run: (spec, model, locale, query) => shapeChannels(sectioned(CHANNELS_SECTIONS, channelsSql(spec, model), query), spec, model, locale),
    columns: (section) => [
      col('journeys', 'journeys', 'count'),
      col('mqls', 'MQLs', 'count'),
      col('won', 'won', 'count'),
      col('revenue', 'revenue', 'money'),
      col('won_share', 'won share', 'percent'),
      col('revenue_share', 'revenue share', 'percent'),
      ...(section === 'channels'
        ? [col('spend', 'spend', 'money'), col('cost_per_lead', 'per lead', 'money'), col('cost_per_mql', 'per MQL', 'money'), col('cost_per_win', 'per win', 'money'), col('roi', 'ROI', 'percent')]
        : []),
    ],
  },
];
