import type { Outcome } from '../../model/index.ts';
import type { CsvFile, CsvRecord } from '../csv.ts';
import { pastTime, type DateRules } from '../dates.ts';
import { SyncError } from '../errors.ts';
import { JourneyDraft } from '../journey.ts';
import { FieldProblem, cell, readRecords, required } from '../records.ts';
import type { Reader, ReaderContext } from '../source.ts';
import { StageMap, unmappedOf } from '../stage-map.ts';
import { amount, sizeBand, text } from '../values.ts';
import type { EventsMapping, LookupMapping, Mapping } from './config.ts';

type Target = string;
type ValueMap<T extends string> = { column: string; values: Record<string, T>; default?: T | undefined };

/** A mapped column's value through its value map; unknown values get the default and are reported. */
function mapped<T extends string>(spec: T | ValueMap<T> | undefined, record: CsvRecord, map: StageMap<T> | undefined): T | null {
  if (spec === undefined) return null;
  if (typeof spec === 'string') return spec;
  const value = text(record.get(spec.column));
  return value === null ? (spec.default ?? null) : map!.get(value);
}

function mapOf<T extends string>(spec: T | ValueMap<T> | undefined, fallback: T): StageMap<T> | undefined {
  return typeof spec === 'object' ? new StageMap(spec.values, {}, spec.default ?? fallback) : undefined;
}

function requireColumns(file: CsvFile, columns: (string | undefined)[], where: string): void {
  const missing = columns.filter((c): c is string => c !== undefined && !file.has(c));
  if (missing.length) {
    throw new SyncError(`${file.name} has no ${missing.map((c) => `"${c}"`).join(', ')} column, which the config's ${where} names: fix the mapping or the file`);
  }
}

const specColumns = (spec: unknown) => (typeof spec === 'object' && spec !== null ? [(spec as { column: string }).column] : []);

function fieldValues(record: CsvRecord, fields: Record<string, string>, into: JourneyDraft['fields']): void {
  for (const [field, column] of Object.entries(fields)) {
    const value = text(record.get(column));
    if (value === null && into[field as keyof typeof into] != null) continue; // keep what another file said
    into[field as keyof typeof into] = field === 'company_size' && value !== null && /^\d+$/.test(value) ? sizeBand(Number(value)) : value;
  }
}

async function file(ctx: ReaderContext, name: string, where: string): Promise<CsvFile> {
  const found = ctx.find(name);
  if (!found) throw new SyncError(`the config's ${where} names ${name}, which is not in ${ctx.dir} (CSV files there: ${ctx.csvNames.join(', ')})`);
  return ctx.read(found);
}

/** A lookup file as key → record (first row of a key wins; rows are reference data, not journeys). */
async function readLookup(ctx: ReaderContext, f: CsvFile, lookup: LookupMapping, where: string): Promise<Map<string, CsvRecord>> {
  requireColumns(f, [lookup.key, ...Object.values(lookup.fields)], where);
  const byKey = new Map<string, CsvRecord>();
  const settle = ctx.ledger.open(f, 'lookup');
  for await (const record of f.records()) {
    settle.read();
    const key = text(record.get(lookup.key));
    if (record.fieldCountProblem) settle.reject(record, '', `the record ${record.fieldCountProblem}`, key);
    else if (key === null) settle.reject(record, lookup.key, `${lookup.key} is empty: nothing can look this row up`, null);
    else if (byKey.has(key)) settle.reject(record, lookup.key, `${lookup.key} "${key}" repeats line ${byKey.get(key)!.line}, which is the one used`, key);
    else {
      settle.keep(record);
      byKey.set(key, record.retain(Object.values(lookup.fields)));
    }
  }
  return byKey;
}

/**
 * Any CSV, through the config's `mapping`: one row of the journeys file per journey, events files
 * adding stages and outcomes by key, lookup files adding fields (see sync/mapped/config.ts).
 */
export const anyCsv: Reader = {
  source: 'csv',
  expects: 'the files the config\'s "mapping" names',

  async detect(ctx) {
    const m = ctx.config.mapping;
    return m !== undefined && ctx.find(m.journeys.file) !== undefined;
  },

  async read(ctx, emit) {
    const mapping: Mapping = ctx.config.mapping!;
    const spec = mapping.journeys;
    const main = await file(ctx, spec.file, 'mapping.journeys.file');
    const events = await Promise.all(mapping.events.map((e, i) => file(ctx, e.file, `mapping.events[${i}].file`)));
    const lookups = await Promise.all(mapping.lookups.map((l, i) => file(ctx, l.file, `mapping.lookups[${i}].file`)));

    requireColumns(
      main,
      [spec.id, spec.created, spec.closed, spec.updated, spec.amount, spec.currency, ...Object.values(spec.stageDates), ...Object.values(spec.fields), ...specColumns(spec.stage), ...specColumns(spec.outcome)],
      'mapping.journeys',
    );
    const dateColumns = [
      ...[spec.created, spec.closed, spec.updated, ...Object.values(spec.stageDates)].map((column) => ({ file: main, column })),
      ...mapping.events.flatMap((e, i) => [e.closed, ...Object.values(e.stageDates)].map((column) => ({ file: events[i]!, column }))),
    ].filter((c): c is { file: CsvFile; column: string } => c.column !== undefined);
    const dates: DateRules = await ctx.dates(dateColumns);
    const t = (raw: string | undefined) => pastTime(raw, dates);

    const stages = mapOf<Target>(spec.stage, 'lead');
    const outcomes = mapOf<Outcome>(spec.outcome, 'open');
    const { rows } = await readRecords(main, ctx.ledger, { object: 'journeys', requiredColumns: [spec.id], idColumn: spec.id }, (record) => {
      const draft = new JourneyDraft(required(record, spec.id));
      draft.created_at = spec.created ? cell(record, spec.created, t) : null;
      draft.closed_at = spec.closed ? cell(record, spec.closed, t) : null;
      draft.updated_at = spec.updated ? cell(record, spec.updated, t) : null;
      draft.enter('lead', null);
      for (const [stage, column] of Object.entries(spec.stageDates)) {
        const at = cell(record, column, t);
        if (at !== null) draft.enter(stage, at);
      }
      const reached = mapped(spec.stage, record, stages);
      if (reached === 'lost') draft.outcome = 'lost';
      else if (reached === 'won') draft.outcome = 'won';
      else if (reached) draft.enter(reached, null, text(record.get(specColumns(spec.stage)[0] ?? '')));
      draft.outcome = mapped(spec.outcome, record, outcomes) ?? draft.outcome;
      if (draft.outcome === 'open') draft.closed_at = null;
      if (spec.stage && typeof spec.stage === 'object') draft.crm_stage = text(record.get(spec.stage.column));
      setAmount(ctx, draft, record, spec.amount, spec.currency);
      fieldValues(record, spec.fields, draft.fields);
      // Kept until events and lookups are joined: only the key columns of the lookups.
      return { id: draft.journey_id, draft, record: record.retain(mapping.lookups.map((l) => l.on ?? l.key)) };
    });
    // "lead" was entered only so that every journey starts somewhere; a stage date may say when.
    for (const { draft } of rows) if (draft.entries.get('lead')!.at === null && spec.created) draft.enter('lead', draft.created_at);

    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [i, e] of mapping.events.entries()) await joinEvents(ctx, events[i]!, e, byId, t, `mapping.events[${i}]`);
    for (const [i, l] of mapping.lookups.entries()) {
      const table = await readLookup(ctx, lookups[i]!, l, `mapping.lookups[${i}]`);
      const on = l.on ?? l.key;
      requireColumns(main, [on], `mapping.lookups[${i}].on`);
      for (const { record, draft } of rows) {
        const key = text(record.get(on));
        const hit = key === null ? undefined : table.get(key);
        if (hit) fieldValues(hit, l.fields, draft.fields);
      }
    }
    for (const { draft } of rows) emit(draft);
    return {
      unmappedStages: [...(stages ? unmappedOf(specColumns(spec.stage)[0]!, stages) : []), ...(outcomes ? unmappedOf(specColumns(spec.outcome)[0]!, outcomes) : [])],
      read: [main.name, ...events.map((f) => f.name), ...lookups.map((f) => f.name)],
    };
  },
};

function setAmount(ctx: ReaderContext, draft: JourneyDraft, record: CsvRecord, amountColumn?: string, currencyColumn?: string): void {
  if (!amountColumn) return;
  const value = cell(record, amountColumn, amount);
  const currency = (currencyColumn ? text(record.get(currencyColumn)) : null) ?? ctx.config.currency ?? null;
  const base = ctx.money.toBase(value, currency, currencyColumn ?? amountColumn);
  Object.assign(draft, { amount: value, currency, amount_base: base });
}

/** An events file: one row per journey, matched by key, adding stages, outcome, close time, fields. */
async function joinEvents(
  ctx: ReaderContext,
  f: CsvFile,
  e: EventsMapping,
  byId: Map<string, { draft: JourneyDraft; record: CsvRecord }>,
  t: (raw: string | undefined) => number | null,
  where: string,
): Promise<void> {
  requireColumns(f, [e.key, e.closed, e.amount, e.currency, ...Object.values(e.stageDates), ...Object.values(e.fields), ...specColumns(e.outcome)], where);
  const outcomes = mapOf<Outcome>(e.outcome, 'open');
  const seen = new Map<string, number>();
  const settle = ctx.ledger.open(f, 'events');
  for await (const record of f.records()) {
    settle.read();
    const key = text(record.get(e.key));
    try {
      if (record.fieldCountProblem) throw new FieldProblem('', `the record ${record.fieldCountProblem}`);
      if (key === null) throw new FieldProblem(e.key, `${e.key} is empty: no journey to add this row to`);
      const journey = byId.get(key);
      if (!journey) throw new FieldProblem(e.key, `${e.key} "${key}" is not in the journeys file (or its row there was rejected)`);
      if (seen.has(key)) throw new FieldProblem(e.key, `a second row for ${e.key} "${key}": the one on line ${seen.get(key)} is used`);
      const { draft } = journey;
      const times = Object.entries(e.stageDates).map(([stage, column]) => [stage, cell(record, column, t)] as const);
      const closed = e.closed ? cell(record, e.closed, t) : null;
      const outcome = mapped(e.outcome, record, outcomes);
      // The amount last: it is the one change a later problem could leave half done.
      if (e.amount) setAmount(ctx, draft, record, e.amount, e.currency);
      for (const [stage, at] of times) if (at !== null) draft.enter(stage, at);
      if (outcome) draft.outcome = outcome;
      if (closed !== null) draft.closed_at = closed;
      fieldValues(record, e.fields, draft.fields);
      seen.set(key, record.line);
      settle.keep(record);
    } catch (err) {
      if (!(err instanceof FieldProblem)) throw err;
      settle.reject(record, err.field, err.message, key);
    }
  }
}
