/**
 * Win-loss counted in plain TypeScript from the journeys as typed arrays (metrics/journey-columns.ts): winlossSql's
 * rows of the sections <revlens-winloss> draws (rates, reasons, deals, trend; by one breakdown), in the same order.
 * A cross-filter click counts them in the page in tens of ms, where DuckDB-WASM took 0.3–0.4 s. The POC sections
 * and a second breakdown are the CLI's, by SQL. tests/node/winloss-columns.test.ts holds it to winlossSql.
 */
import { parse } from '../model/schema.ts';
import { DAY_MS, compareText, periodNumber, periodNumberStart, quantilesOf } from './common.ts';
import { codeOf, msRange, type Category, type JourneyColumns } from './journey-columns.ts';
import { STEP, type Steps } from './steps.ts';
import { winlossSpecSchema, type WinlossSection, type WinlossSpec } from './winloss.ts';

/** The sections counted here. */
export type PageSection = Exclude<WinlossSection, 'poc' | 'poc_reasons'>;

type Row = Record<string, string | number | null>;

/** The closed journeys (won or lost, closed in the range), as the sections read them: k-th closed journey at [k]. */
interface Closed {
  journeys: Uint32Array;
  won: Uint8Array;
  /** The breakdown's code (-1: no value, or no breakdown) and its text. */
  segment: Int32Array;
  text: (code: number) => string | null;
  /** How many values the breakdown has (0: none). */
  segmentValues: number;
}

/**
 * winlossSql's rows of the `sections` asked for, over the `selected` journeys (row numbers), in steps
 * (metrics/steps.ts; one per section: closed journeys are few). Counts are numbers, as the SQL casts them to doubles.
 * Throws for a second breakdown.
 */
export function* winlossRows(c: JourneyColumns, selected: Uint32Array, specInput: WinlossSpec, sections: readonly PageSection[]): Steps<Partial<Record<PageSection, Row[]>>> {
  const spec = parse(winlossSpecSchema, specInput);
  if (spec.by2) throw new Error('internal: by2 is counted by SQL');
  const outcome = c.categories.outcome;
  const won = codeOf(outcome, 'won');
  const lost = codeOf(outcome, 'lost');
  // Won or lost, closed in the range (with no range, a close of unknown time counts too).
  const [from, until] = msRange(spec);
  const dated = spec.from !== undefined || spec.to !== undefined;
  const list = new Uint32Array(selected.length);
  let size = 0;
  for (let s = 0; s < selected.length; s++) {
    if ((s & STEP) === STEP) yield;
    const j = selected[s]!;
    const o = outcome.codes[j]!;
    if (o !== won && o !== lost) continue;
    if (dated && !(c.closed[j]! >= from && c.closed[j]! < until)) continue;
    list[size++] = j;
  }
  const journeys = list.subarray(0, size);
  const by = spec.by ? c.categories[spec.by] : undefined;
  const closed: Closed = { journeys, won: new Uint8Array(size), segment: new Int32Array(size).fill(-1), text: (code) => textOf(by, code), segmentValues: by?.values.length ?? 0 };
  for (let k = 0; k < size; k++) {
    const j = journeys[k]!;
    closed.won[k] = outcome.codes[j] === won ? 1 : 0;
    if (by) closed.segment[k] = by.codes[j]!;
  }
  const out: Partial<Record<PageSection, Row[]>> = {};
  for (const section of sections) {
    yield;
    if (section === 'rates') out.rates = rates(closed, spec.by !== undefined);
    if (section === 'reasons') out.reasons = pareto(closed, c.categories.loss_reason);
    if (section === 'deals') out.deals = deals(c, closed);
    if (section === 'trend') out.trend = trend(c, closed, spec.period ?? 'month');
  }
  return out;
}

/** How many segment codes + 1 there are (no value: 0). */
const segmentCount = (closed: Closed) => closed.segmentValues + 1;

const textOf = (category: Category | undefined, code: number): string | null => (category && code >= 0 ? category.values[code]! : null);

/**
 * Closed journeys (the k's in `members`) grouped by a key, an integer in [0, keys): per group, its first member,
 * and how many of its members were won and lost.
 */
function tally(closed: Closed, members: ArrayLike<number>, keys: number, key: (k: number) => number) {
  // Group numbers by key in a table, or a Map when the keys are too many for one.
  const table = keys <= 1 << 22 ? new Int32Array(keys).fill(-1) : undefined;
  const ids = new Map<number, number>();
  const first: number[] = [];
  const won: number[] = [];
  const lost: number[] = [];
  const group = new Int32Array(members.length);
  for (let m = 0; m < members.length; m++) {
    const k = members[m]!;
    const id = key(k);
    let g = table ? table[id]! : (ids.get(id) ?? -1);
    if (g < 0) {
      g = first.length;
      if (table) table[id] = g;
      else ids.set(id, g);
      first.push(k);
      won.push(0);
      lost.push(0);
    }
    group[m] = g;
    if (closed.won[k]) won[g]!++;
    else lost[g]!++;
  }
  return { first, won, lost, group };
}

const rate = (won: number, lost: number) => ({ won, lost, win_rate: won + lost ? won / (won + lost) : null });
/** The closed journeys' k's that `keep` keeps (all by default). Loops: typed arrays' from and filter call back slowly. */
function every(closed: Closed, keep?: (k: number) => boolean): Uint32Array {
  const out = new Uint32Array(closed.journeys.length);
  let n = 0;
  for (let k = 0; k < out.length; k++) if (!keep || keep(k)) out[n++] = k;
  return out.subarray(0, n);
}

/** rates: per segment, most closed first; one row over all when not broken down. */
function rates(closed: Closed, byOne: boolean): Row[] {
  const { segment } = closed;
  const t = tally(closed, every(closed), byOne ? segmentCount(closed) : 1, (k) => (byOne ? segment[k]! + 1 : 0));
  if (!byOne) return [rate(t.won[0] ?? 0, t.lost[0] ?? 0)];
  const rows = t.first.map((k, g) => ({ segment: closed.text(segment[k]!), ...rate(t.won[g]!, t.lost[g]!) }));
  return rows.sort((a, b) => b.won + b.lost - (a.won + a.lost) || compareText(a.segment, b.segment));
}

/** reasons: the loss reasons of the lost journeys per segment, most first, each with its share and the running share. */
function pareto(closed: Closed, reasons: Category): Row[] {
  const { journeys, segment } = closed;
  const members = every(closed, (k) => !closed.won[k]);
  const width = reasons.values.length + 1;
  const t = tally(closed, members, segmentCount(closed) * width, (k) => (segment[k]! + 1) * width + reasons.codes[journeys[k]!]! + 1);
  const groups = t.first.map((k, g) => ({ segment: closed.text(segment[k]!), loss_reason: textOf(reasons, reasons.codes[journeys[k]!]!), lost: t.lost[g]! }));
  groups.sort((a, b) => compareText(a.segment, b.segment) || b.lost - a.lost || compareText(a.loss_reason, b.loss_reason));
  const totals = new Map<string | null, number>();
  for (const g of groups) totals.set(g.segment, (totals.get(g.segment) ?? 0) + g.lost);
  let running = 0;
  return groups.map((g, i) => {
    if (i === 0 || groups[i - 1]!.segment !== g.segment) running = 0;
    running += g.lost;
    const total = totals.get(g.segment)!;
    return { ...g, share: g.lost / total, cumulative_share: running / total };
  });
}

/** deals: per segment, won then lost: how many, and the count, quartiles and mean of amount and of days to close. */
function deals(c: JourneyColumns, closed: Closed): Row[] {
  const { journeys, segment } = closed;
  const members = every(closed);
  const t = tally(closed, members, segmentCount(closed) * 2, (k) => (segment[k]! + 1) * 2 + closed.won[k]!);
  // Each member's amount and days to close (NaN when unknown), read once.
  const amounts = new Float64Array(members.length);
  const days = new Float64Array(members.length);
  for (let m = 0; m < members.length; m++) {
    const j = journeys[members[m]!]!;
    amounts[m] = c.amount[j]!;
    days[m] = (c.closed[j]! - c.created[j]!) / DAY_MS;
  }
  // Each group's known values side by side in one array (a counting sort), then its quartiles from its part.
  const stats = (value: Float64Array, name: string) => {
    const counts = new Float64Array(t.first.length);
    const values = new Float64Array(members.length);
    for (let m = 0; m < members.length; m++) if (value[m] === value[m]) counts[t.group[m]!]!++;
    const offsets = new Float64Array(t.first.length + 1);
    counts.forEach((n, g) => (offsets[g + 1] = offsets[g]! + n));
    const at = offsets.slice(0, -1);
    const sums = new Float64Array(t.first.length);
    for (let m = 0; m < members.length; m++) {
      const v = value[m]!;
      if (v !== v) continue;
      const g = t.group[m]!;
      values[at[g]!++] = v;
      sums[g]! += v;
    }
    return (g: number): Row => {
      const n = counts[g]!;
      const [p25, median, p75] = quantilesOf(values.subarray(offsets[g]!, offsets[g + 1]!), [0.25, 0.5, 0.75]);
      return { [`${name}_n`]: n, [`${name}_p25`]: p25!, [`${name}_median`]: median!, [`${name}_p75`]: p75!, [`${name}_mean`]: n ? sums[g]! / n : null };
    };
  };
  const amount = stats(amounts, 'amount');
  const cycle = stats(days, 'cycle_days');
  const rows = t.first.map((k, g) => ({ segment: closed.text(segment[k]!), won: closed.won[k]!, g }));
  rows.sort((a, b) => compareText(a.segment, b.segment) || b.won - a.won);
  return rows.map(({ segment: s, won, g }) => ({ segment: s, outcome: won ? 'won' : 'lost', deals: t.won[g]! + t.lost[g]!, ...amount(g), ...cycle(g) }));
}

/** trend: per segment and close period (its first moment, ms), in order; closes of unknown time are left out. */
function trend(c: JourneyColumns, closed: Closed, unit: 'week' | 'month' | 'quarter'): Row[] {
  const { journeys, segment } = closed;
  const members = every(closed, (k) => c.closed[journeys[k]!] === c.closed[journeys[k]!]);
  const period = new Float64Array(journeys.length);
  let [first, last] = [Infinity, -Infinity];
  for (const k of members) {
    const p = (period[k] = periodNumber(unit, c.closed[journeys[k]!]!));
    if (p < first) first = p;
    if (p > last) last = p;
  }
  const width = members.length ? last - first + 1 : 1;
  const t = tally(closed, members, segmentCount(closed) * width, (k) => (segment[k]! + 1) * width + period[k]! - first);
  const rows = t.first.map((k, g) => ({ segment: closed.text(segment[k]!), period: period[k]!, ...rate(t.won[g]!, t.lost[g]!) }));
  rows.sort((a, b) => compareText(a.segment, b.segment) || a.period - b.period);
  return rows.map((r) => ({ ...r, period: periodNumberStart(unit, r.period) }));
}
