/**
 * Plain-TypeScript helpers the reference metrics share: no SQL, no engine. Times are ms since the epoch (UTC).
 */
export type Cell = string | number | null;
export interface RefJourney {
  journey_id: string;
  created_at: number | null;
  closed_at?: number | null;
  outcome?: string;
  amount_base?: number | null;
  [field: string]: Cell | undefined;
}
export interface RefEvent {
  journey_id: string;
  stage: string;
  entered_at: number | null;
}
export interface RefSpend {
  channel: string;
  month: number;
  amount_base: number | null;
}
export interface RefData {
  journeys: RefJourney[];
  events: RefEvent[];
  spend?: RefSpend[];
}

export const DAY = 86_400_000;
export type Unit = 'week' | 'month' | 'quarter';

/** Linear interpolation between the closest ranks (the continuous quantile); null for no values. */
export function quantile(values: number[], q: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}
export const mean = (values: number[]): number | null => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
export const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** Compares text by Unicode code points (as the engine orders text); null last. */
export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
/** Is t within the inclusive day range? A missing time is in no range, but in "no range". */
export function inDays(t: number | null | undefined, range: { from?: string; to?: string }): boolean {
  if (!range.from && !range.to) return true;
  if (t === null || t === undefined) return false;
  return (!range.from || t >= dayMs(range.from)) && (!range.to || t < dayMs(range.to) + DAY);
}

/** The first moment of the week (Monday), month or quarter containing t. */
export function periodStart(unit: Unit, t: number): number {
  const d = new Date(t);
  if (unit === 'week') {
    const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    return midnight - ((d.getUTCDay() + 6) % 7) * DAY;
  }
  const m = d.getUTCMonth();
  return Date.UTC(d.getUTCFullYear(), unit === 'month' ? m : m - (m % 3), 1);
}
/** Whole periods from the period starting at a to the one starting at b. */
export function periodsBetween(unit: Unit, a: number, b: number): number {
  if (unit === 'week') return Math.round((b - a) / (7 * DAY));
  const da = new Date(a);
  const db = new Date(b);
  const months = (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + db.getUTCMonth() - da.getUTCMonth();
  return unit === 'month' ? months : Math.floor(months / 3);
}
export function addPeriods(unit: Unit, start: number, n: number): number {
  if (unit === 'week') return start + n * 7 * DAY;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (unit === 'month' ? n : 3 * n), 1);
}

/** What a journey's stage events say, per stage index: entered at all, and the earliest known time. */
export interface StageTimes {
  entered: boolean[];
  time: (number | null)[];
  deepest: number;
}
/**
 * Per journey id. `keep` chooses which events count (e.g. those at or before "as of").
 * Journeys with no event of a model stage are absent.
 */
export function stageTimes(stages: string[], events: RefEvent[], keep: (e: RefEvent) => boolean = () => true): Map<string, StageTimes> {
  const out = new Map<string, StageTimes>();
  for (const e of events) {
    const i = stages.indexOf(e.stage);
    if (i < 0 || !keep(e)) continue;
    let st = out.get(e.journey_id);
    if (!st) out.set(e.journey_id, (st = { entered: stages.map(() => false), time: stages.map(() => null), deepest: -1 }));
    st.entered[i] = true;
    if (e.entered_at !== null && (st.time[i] === null || e.entered_at < st.time[i]!)) st.time[i] = e.entered_at;
    st.deepest = Math.max(st.deepest, i);
  }
  return out;
}
/** When the journey reached stage k: the earliest known time of stage k or any later stage. */
export function reachedAt(st: StageTimes | undefined, k: number): number | null {
  if (!st) return null;
  let best: number | null = null;
  for (let i = k; i < st.time.length; i++) {
    const t = st.time[i]!;
    if (t !== null && (best === null || t < best)) best = t;
  }
  return best;
}

/** The default "as of": the latest timestamp anywhere; a day means its last millisecond. */
export function asOfMoment(data: RefData, asOf?: string): number | null {
  if (asOf) return dayMs(asOf) + DAY - 1;
  let latest: number | null = null;
  const see = (t: number | null | undefined) => {
    if (t !== null && t !== undefined && (latest === null || t > latest)) latest = t;
  };
  for (const j of data.journeys) {
    see(j.created_at);
    see(j.closed_at);
  }
  for (const e of data.events) see(e.entered_at);
  return latest;
}

/** A text attribute of a journey, or null. */
export const attr = (j: RefJourney | undefined, name: string | undefined): string | null =>
  name && j ? ((j[name] as string | null | undefined) ?? null) : null;

/** Groups values by a key that may be null. */
export function groupBy<T>(items: T[], key: (t: T) => string | null): Map<string | null, T[]> {
  const m = new Map<string | null, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}
