/**
 * Parsers for the cell values CRM exports write. Each returns null for an empty cell and throws a
 * ValueError, whose message says what was expected, for a cell it cannot read.
 */

export class ValueError extends Error {
  override name = 'ValueError';
}

/** Salesforce's weekly export writes an empty lookup as this id. */
const EMPTY_LOOKUP = /^0{15}AAA$/;

export function text(raw: string | undefined): string | null {
  const v = raw?.trim() ?? '';
  return v === '' ? null : v;
}

/**
 * How ids are compared: Salesforce writes the same record's id 15 characters long (case-sensitive, in
 * reports) or 18 (the 15 plus a case checksum, in Data Loader and the API).
 */
export function idKey(id: string): string {
  return id.length === 18 && /^[a-zA-Z0-9]{18}$/.test(id) ? id.slice(0, 15) : id;
}

export function id(raw: string | undefined): string | null {
  const v = text(raw);
  return v === null || EMPTY_LOOKUP.test(v) ? null : v;
}

/** TRUE/FALSE, true/false, 1/0; an empty cell is false, as Salesforce writes false as blank in some exports. */
export function bool(raw: string | undefined): boolean {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0' || v === '') return false;
  throw new ValueError(`"${raw}" is not a yes/no value (expected TRUE/FALSE or 1/0)`);
}

/** A non-negative amount: 1234.5, 1,234.50, $1,234.50, ¥12,000. */
export function amount(raw: string | undefined): number | null {
  const written = text(raw);
  if (written === null) return null;
  const v = written.replace(/^[$€£¥]\s*/, '');
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(v) ? v.replaceAll(',', '') : v;
  if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(plain)) throw new ValueError(`"${written}" is not a number`);
  const n = Number(plain);
  if (!Number.isFinite(n)) throw new ValueError(`"${written}" is not a finite number`);
  if (n < 0) throw new ValueError(`${written} is negative; amounts must be 0 or more`);
  return n;
}

export type DateOrder = 'MDY' | 'DMY';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
// Year first, as Excel writes dates in zh-CN: 2024/3/5, 2024/3/5 14:30, 2024年3月5日.
const YEAR_FIRST = /^(\d{4})(?:\/|年)(\d{1,2})(?:\/|月)(\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0, raw = ''): number {
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(t);
  // Date.UTC rolls 2024-02-31 over to March: a rolled value is not a real date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new ValueError(`"${raw}" is not a real date or time`);
  }
  return t;
}

/**
 * A date or date-time as ms since the epoch, UTC. Reads ISO dates and times with or without a zone
 * (`2024-01-22`, `2024-01-22 00:00:00`, `2024-01-22T20:36:47.000+0000`), year-first dates as Chinese
 * Excel writes them (`2024/1/22 20:36`, `2024年1月22日`), and slashed dates with optional 12- or 24-hour
 * times (`02/23/26 08:55 PM`), month first unless `order` is DMY.
 * Two-digit years are 2000–2068 for 00–68 and 1969–1999 otherwise, as POSIX reads them.
 */
export function time(raw: string | undefined, order: DateOrder = 'MDY'): number | null {
  const v = text(raw);
  if (v === null) return null;
  const iso = ISO.exec(v);
  if (iso) {
    const [, y, mo, d, h, mi, s, ms, zone] = iso;
    const t = utc(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0), +(ms ?? '0').padEnd(3, '0'), v);
    if (!zone || zone === 'Z') return t;
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    return t - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const yf = YEAR_FIRST.exec(v);
  if (yf) {
    const [, y, mo, d, h, mi, s] = yf;
    return utc(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0), 0, v);
  }
  const sl = SLASHED.exec(v);
  if (sl) {
    const [, a, b, yy, h, mi, s, ampm] = sl;
    const [mo, d] = order === 'MDY' ? [+a!, +b!] : [+b!, +a!];
    const y = yy!.length === 2 ? (+yy! <= 68 ? 2000 + +yy! : 1900 + +yy!) : +yy!;
    let hour = +(h ?? 0);
    if (ampm) {
      if (hour < 1 || hour > 12) throw new ValueError(`"${v}" has hour ${hour} with ${ampm}`);
      hour = (hour % 12) + (/p/i.test(ampm) ? 12 : 0);
    }
    return utc(y, mo, d, hour, +(mi ?? 0), +(s ?? 0), 0, v);
  }
  throw new ValueError(`"${v}" is not a date (expected e.g. 2024-03-05, 2024-03-05T14:30:00.000+0000 or 03/05/2024 2:30 PM)`);
}

/** Employee counts as the size bands sales teams segment by. */
export function sizeBand(employees: number | null): string | null {
  if (employees === null) return null;
  if (employees < 50) return '1-49';
  if (employees < 250) return '50-249';
  if (employees < 1000) return '250-999';
  if (employees < 5000) return '1000-4999';
  return '5000+';
}
