import type { CsvFile } from './csv.ts';
import { SyncError } from './errors.ts';
import { ValueError, text } from './values.ts';

/** Month first (US: 03/05/2024 is March 5th) or day first (most of the world: May 3rd). */
export type DateOrder = 'MDY' | 'DMY';

export interface DateRules {
  /** Undefined when the export showed no slashed dates: one turning up later stops sync. */
  order: DateOrder | undefined;
  /** IANA zone for times written without one, e.g. "Asia/Shanghai"; UTC when absent. */
  zone?: string;
  /** Times after this are in the future: a stage cannot have been entered then (see pastTime). */
  latest?: number;
}

/** An event's time (creation, a stage entered, a close): one after `rules.latest` is refused. */
export function pastTime(raw: string | undefined, rules: DateRules): number | null {
  const t = parseTime(raw, rules);
  if (t !== null && rules.latest !== undefined && t > rules.latest) {
    throw new ValueError(`"${raw?.trim()}" is in the future: nothing can have happened after the export was made`);
  }
  return t;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
// Year first, as Excel writes dates in zh-CN: 2024/3/5, 2024/3/5 14:30, 2024年3月5日.
const YEAR_FIRST = /^(\d{4})(?:\/|年)(\d{1,2})(?:\/|月)(\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
// Milliseconds since 1970 (13 digits: 2001–2286), as some APIs and HubSpot exports write them.
const EPOCH_MS = /^\d{13}$/;

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two or four ASCII digits at i as a number, or -1. */
function digits(v: string, i: number, n: number): number {
  let x = 0;
  for (let k = i; k < i + n; k++) {
    const c = v.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    x = x * 10 + c;
  }
  return x;
}

/**
 * The exports' common forms without a regex or a Date: `2024-01-22`, `2024-01-22 20:36:47` and
 * `2024-01-22T20:36:47.000+0000` / `…Z`, read as UTC. NaN for anything else (the general reader
 * takes it). Millions of cells go through here.
 */
function fastIso(v: string, zone: string | undefined): number {
  const n = v.length;
  if ((n !== 10 && n !== 19 && n !== 24 && n !== 28) || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return NaN;
  const y = digits(v, 0, 4);
  const mo = digits(v, 5, 2);
  const d = digits(v, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > DAYS[mo - 1]! || (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)))) return NaN;
  if (n === 10) return zone && zone !== 'UTC' ? NaN : Date.UTC(y, mo - 1, d);
  const sep = v.charCodeAt(10);
  if ((sep !== 32 && sep !== 84) || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return NaN;
  const h = digits(v, 11, 2);
  const mi = digits(v, 14, 2);
  const s = digits(v, 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return NaN;
  let ms = 0;
  if (n === 19) {
    if (zone && zone !== 'UTC') return NaN;
  } else {
    if (v.charCodeAt(19) !== 46) return NaN;
    ms = digits(v, 20, 3);
    const tail = v.slice(23);
    if (ms < 0 || (tail !== 'Z' && tail !== '+0000')) return NaN;
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/** Minutes the zone is ahead of UTC at a UTC instant, from the platform's time-zone data. */
function zoneOffset(zone: string, utcMs: number): number {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p = Object.fromEntries(f.formatToParts(utcMs).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

function instant(p: Parts, raw: string, zone: string | undefined): number {
  const t = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms);
  const back = new Date(t);
  // Date.UTC rolls 2024-02-31 over to March: a rolled value is not a real date.
  if (back.getUTCFullYear() !== p.y || back.getUTCMonth() !== p.mo - 1 || back.getUTCDate() !== p.d || p.h > 23 || p.mi > 59 || p.s > 59) {
    throw new ValueError(`"${raw}" is not a real date or time`);
  }
  if (!zone || zone === 'UTC') return t;
  // Local wall time → UTC: subtract the offset, then once more with the offset at the result (DST).
  const first = t - zoneOffset(zone, t) * 60_000;
  return t - zoneOffset(zone, first) * 60_000;
}

/**
 * A date or date-time as ms since the epoch, UTC. Reads ISO dates and times with or without a zone
 * (`2024-01-22`, `2024-01-22 00:00:00`, `2024-01-22T20:36:47.000+0000`), year-first dates as Chinese
 * Excel writes them (`2024/1/22 20:36`, `2024年1月22日`), slashed dates with optional 12- or 24-hour
 * times (`02/23/26 08:55 PM`) in the export's day/month order, and epoch milliseconds. Times without
 * a zone are in `rules.zone` (UTC by default). Two-digit years are 2000–2068 for 00–68 and 1969–1999
 * otherwise, as POSIX reads them.
 */
export function parseTime(raw: string | undefined, rules: DateRules = { order: 'MDY' }): number | null {
  const v = text(raw);
  if (v === null) return null;
  const fast = fastIso(v, rules.zone);
  if (!Number.isNaN(fast)) return fast;
  if (EPOCH_MS.test(v)) return Number(v);
  const iso = ISO.exec(v);
  if (iso) {
    const [, y, mo, d, h, mi, s, ms, zone] = iso;
    const parts = { y: +y!, mo: +mo!, d: +d!, h: +(h ?? 0), mi: +(mi ?? 0), s: +(s ?? 0), ms: +(ms ?? '0').padEnd(3, '0') };
    if (!zone) return instant(parts, v, rules.zone);
    const t = instant(parts, v, 'UTC');
    if (zone === 'Z') return t;
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    return t - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const yf = YEAR_FIRST.exec(v);
  if (yf) {
    const [, y, mo, d, h, mi, s] = yf;
    return instant({ y: +y!, mo: +mo!, d: +d!, h: +(h ?? 0), mi: +(mi ?? 0), s: +(s ?? 0), ms: 0 }, v, rules.zone);
  }
  const sl = SLASHED.exec(v);
  if (sl) {
    const [, a, b, yy, h, mi, s, ampm] = sl;
    if (!rules.order) throw new ValueError(`"${v}" is day/month-ambiguous and the export's first thousand dates had none like it: set "dateOrder": "MDY" or "DMY" in a --config file`);
    const [mo, d] = rules.order === 'MDY' ? [+a!, +b!] : [+b!, +a!];
    const y = yy!.length === 2 ? (+yy! <= 68 ? 2000 + +yy! : 1900 + +yy!) : +yy!;
    let hour = +(h ?? 0);
    if (ampm) {
      if (hour < 1 || hour > 12) throw new ValueError(`"${v}" has hour ${hour} with ${ampm}`);
      hour = (hour % 12) + (/p/i.test(ampm) ? 12 : 0);
    }
    return instant({ y, mo, d, h: hour, mi: +(mi ?? 0), s: +(s ?? 0), ms: 0 }, v, rules.zone);
  }
  throw new ValueError(
    `"${v}" is not a date (expected e.g. 2024-03-05, 2024-03-05T14:30:00.000+0000, 2024/3/5 or 03/05/2024 2:30 PM)`,
  );
}

/** Where a slashed date shows its order: a first number above 12 is a day, a second one a month's day. */
interface Evidence {
  file: string;
  line: number;
  column: string;
  value: string;
}

/**
 * Decides the day/month order of slashed dates for a whole export from the values in its date
 * columns: one tool wrote them all, in one locale. Never guesses row by row: when no value decides
 * (all parts ≤ 12) and the config does not say, or when values contradict each other, sync stops
 * and asks for `dateOrder`. A file whose first thousand dates have no slashed one is taken to have
 * none, so that an ISO export is not read twice.
 */
export async function decideDateOrder(columns: { file: CsvFile; column: string }[], configured: DateOrder | undefined): Promise<DateOrder | undefined> {
  if (configured) return configured;
  let dayFirst: Evidence | undefined;
  let monthFirst: Evidence | undefined;
  let ambiguous: Evidence | undefined;
  const byFile = new Map<CsvFile, string[]>();
  for (const { file, column } of columns) if (file.has(column)) byFile.set(file, [...(byFile.get(file) ?? []), column]);
  for (const [file, fileColumns] of byFile) {
    let dates = 0;
    let slashed = false;
    scan: for await (const batch of file.batches()) for (const record of batch) {
      for (const column of fileColumns) {
        const value = record.get(column)?.trim() ?? '';
        if (value === '') continue;
        dates++;
        const m = SLASHED.exec(value);
        if (!m) continue;
        slashed = true;
        const [a, b] = [+m[1]!, +m[2]!];
        const evidence = { file: file.name, line: record.line, column, value };
        if (a > 12 && b <= 12) dayFirst ??= evidence;
        else if (b > 12 && a <= 12) monthFirst ??= evidence;
        else ambiguous ??= evidence;
      }
      if (!slashed && dates >= 1000) break scan;
    }
  }
  const where = (e: Evidence) => `${e.file} line ${e.line}, ${e.column} "${e.value}"`;
  if (dayFirst && monthFirst) {
    throw new SyncError(
      `dates disagree on day/month order: ${where(dayFirst)} is day first, ${where(monthFirst)} is month first; fix the export, or set "dateOrder" in the config and the other dates will be rejected`,
    );
  }
  if (dayFirst) return 'DMY';
  if (monthFirst) return 'MDY';
  if (ambiguous) throw new SyncError(`cannot tell the day/month order of dates such as ${where(ambiguous)} ${ASK}`);
  return undefined;
}

const ASK = '(every date in the export has both parts 12 or less): set "dateOrder": "MDY" (03/05 is March 5th) or "DMY" (May 3rd) in a --config file';
