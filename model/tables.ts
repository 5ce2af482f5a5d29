import { Dictionary, Field, Float64, Int32, Schema, TimestampMillisecond, Utf8, type DataType } from 'apache-arrow';

/** How a column is stored. "category" is dictionary-encoded text: few distinct values, many rows. */
export type ColumnKind = 'id' | 'key' | 'text' | 'category' | 'time' | 'money';

export interface Column {
  name: string;
  kind: ColumnKind;
  /** Only ids that every row must have are not nullable. */
  nullable: boolean;
}

const col = (name: string, kind: ColumnKind, nullable = true): Column => ({ name, kind, nullable });

/**
 * Categorical journey attributes a metric can break down by. The order is the order page authors
 * see them in pickers. Not `stage`: a funnel broken down by how far journeys got is no funnel.
 */
export const DIMENSIONS = [
  'source',
  'channel',
  'campaign',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'keyword',
  'region',
  'industry',
  'company_size',
  'owner',
  'team',
  'product',
  'currency',
  'loss_reason',
  'poc_result',
  'outcome',
  'crm_stage',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** One row per lead/deal journey. */
export const JOURNEY_COLUMNS: Column[] = [
  // The journey's row number (0, 1, …): what stage events point at; row k of the journeys file is journey k,
  // which lets metrics read journeys beside their derived stage columns by place (metrics/journey-stages.ts).
  // Joining a million CRM ids as text costs seconds in the browser; as integers, a tenth of that.
  col('journey_key', 'key', false),
  col('journey_id', 'id', false),
  col('lead_id', 'id'),
  col('opportunity_id', 'id'),
  col('account_id', 'id'),
  col('name', 'text'),
  col('created_at', 'time'),
  col('closed_at', 'time'),
  // When the CRM last changed the journey's records: with --merge, the newer record wins.
  col('updated_at', 'time'),
  // The deepest stage the journey reached (not where the CRM shows it now: that is crm_stage).
  col('stage', 'category', false),
  col('crm_stage', 'category'),
  col('outcome', 'category', false),
  col('amount', 'money'),
  col('currency', 'category'),
  col('amount_base', 'money'),
  ...DIMENSIONS.filter((d) => !['stage', 'crm_stage', 'outcome', 'currency'].includes(d)).map((d) =>
    col(d, 'category'),
  ),
];

/** One row per stage a journey entered (the earliest entry when the CRM shows it several times). */
export const STAGE_EVENT_COLUMNS: Column[] = [
  col('journey_key', 'key', false),
  col('journey_id', 'id', false),
  col('stage', 'category', false),
  // Null when the export says a stage was reached but not when (a lead status without a date).
  col('entered_at', 'time'),
  col('crm_stage', 'category'),
];

/** Marketing spend per channel and month, from a spend file (`revlens sync --source spend`); may be empty. */
export const SPEND_COLUMNS: Column[] = [
  col('channel', 'category', false),
  // The first day of the month, UTC.
  col('month', 'time', false),
  col('amount', 'money', false),
  col('currency', 'category'),
  col('amount_base', 'money'),
];

export const TABLES = { journeys: JOURNEY_COLUMNS, stage_events: STAGE_EVENT_COLUMNS, spend: SPEND_COLUMNS } as const;
export type TableName = keyof typeof TABLES;

function arrowType(kind: ColumnKind): DataType {
  switch (kind) {
    case 'id':
    case 'text':
      return new Utf8();
    case 'category':
      return new Dictionary(new Utf8(), new Int32());
    case 'time':
      // Zone-less on purpose: DuckDB-WASM maps a zoned column to TIMESTAMPTZ, whose functions need the ICU
      // extension it would download. Every value is UTC; the manifest says so.
      return new TimestampMillisecond();
    case 'money':
      return new Float64();
    case 'key':
      return new Int32();
  }
}

export function arrowSchema(table: TableName): Schema {
  return new Schema(TABLES[table].map((c) => new Field(c.name, arrowType(c.kind), c.nullable)));
}
