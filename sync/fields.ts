import type { Config, FieldName } from './config.ts';
import type { CsvFile } from './csv.ts';
import { SyncError } from './errors.ts';
import type { RecordLike } from './kept-records.ts';
import { sizeBand, text } from './values.ts';

/** Where each journey field comes from, as "Object.Column" references tried in order. */
export type FieldSources = Partial<Record<FieldName, string[]>>;

/** The records one journey is made of, by object name (Lead, Opportunity … or Deal, Contact). */
export type JourneyRecords = Partial<Record<string, RecordLike>>;

export interface FieldReader {
  (records: JourneyRecords): Partial<Record<FieldName, string | null>>;
  /** The columns it reads, by object: what records kept for later must retain. */
  columns: Record<string, string[]>;
}

/**
 * Resolves the field sources once per sync: the config's `fields` entries replace a source's
 * built-in lists. A column the config names must exist in its object's file; built-in columns an
 * export lacks are skipped. The first non-empty value wins; employee counts become size bands.
 */
export function fieldReader(builtIn: FieldSources, config: Config, files: Partial<Record<string, CsvFile>>): FieldReader {
  const names = new Set([...Object.keys(builtIn), ...Object.keys(config.fields)]) as Set<FieldName>;
  const sources = [...names].map((field) => {
    const configured = config.fields[field];
    const refs = configured === undefined ? (builtIn[field] ?? []) : Array.isArray(configured) ? configured : [configured];
    const usable = refs
      .map((ref) => {
        const dot = ref.indexOf('.');
        const [object, column] = [ref.slice(0, dot), ref.slice(dot + 1)];
        const file = files[object];
        if (configured !== undefined && !file) {
          throw new SyncError(`the config's fields.${field} names ${ref}, but this export has no ${object} file (objects read: ${Object.keys(files).join(', ')})`);
        }
        if (configured !== undefined && file && !file.has(column)) {
          throw new SyncError(`the config's fields.${field} names ${ref}, but ${file.name} has no ${column} column`);
        }
        return file?.has(column) ? { object, column } : null;
      })
      .filter((s) => s !== null);
    return { field, usable };
  });

  const read = (records: JourneyRecords) => {
    const out: Partial<Record<FieldName, string | null>> = {};
    for (const { field, usable } of sources) {
      let value: string | null = null;
      for (const { object, column } of usable) {
        value = text(records[object]?.get(column));
        if (value !== null) break;
      }
      out[field] = field === 'company_size' && value !== null && /^\d+$/.test(value) ? sizeBand(Number(value)) : value;
    }
    return out;
  };
  const columns: Record<string, string[]> = {};
  for (const { usable } of sources) for (const { object, column } of usable) (columns[object] ??= []).push(column);
  return Object.assign(read, { columns });
}
