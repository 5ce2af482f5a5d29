/**
 * How metric rows are printed: a readable table (numbers formatted for the locale, CJK-aware widths), JSON,
 * or CSV (raw values; text cells that a spreadsheet would run as a formula are prefixed with ').
 */
import type { Locale } from '../model/index.ts';
import { formatTable } from './table.ts';

export type Value = string | number | boolean | null | undefined;
export type Row = Record<string, Value>;

/** How a column reads: a count, a share, days, money, a plain number, text, a yes/no. */
export type Kind = 'count' | 'percent' | 'days' | 'money' | 'number' | 'text' | 'yes';
export interface Column {
  key: string;
  header: string;
  kind: Kind;
}
export const col = (key: string, header: string, kind: Kind = 'text'): Column => ({ key, header, kind });

function formatCell(v: Value, kind: Kind, locale: Locale): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean' || kind === 'yes') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  const f = (opts: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, opts).format(v);
  switch (kind) {
    case 'count':
      return f({ maximumFractionDigits: 0 });
    case 'percent':
      return f({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case 'days':
      return f({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case 'money':
      return f({ minimumFractionDigits: 0, maximumFractionDigits: 2 });
    case 'number':
      return f({ maximumFractionDigits: 2 });
    default:
      return String(v);
  }
}

/** A table of the given columns; empty values of a text column that holds a segment read "(none)". */
export function formatRows(rows: Row[], columns: Column[], locale: Locale, segmentKeys: string[] = []): string {
  if (!rows.length) return '(no rows)';
  const right = new Set(columns.flatMap((c, i) => (c.kind === 'text' ? [] : [i])));
  const cells = rows.map((r) =>
    columns.map((c) => (segmentKeys.includes(c.key) && (r[c.key] === null || r[c.key] === undefined) ? '(none)' : formatCell(r[c.key], c.kind, locale))),
  );
  return formatTable(
    columns.map((c) => c.header),
    cells,
    right,
  );
}

const FORMULA = /^[=+\-@\t\r]/;

/** One CSV cell: numbers as they are; text quoted when needed and never read as a formula. */
export function csvValue(v: Value): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const text = FORMULA.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV with every field any row has, in first-seen order. */
export function toCsv(rows: Row[]): string {
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  return [keys.map(csvValue).join(','), ...rows.map((r) => keys.map((k) => csvValue(r[k])).join(','))].join('\r\n') + '\r\n';
}
