/**
 * What <revlens-kpi> should show on the demo dataset, counted by hand in plain TypeScript over the rows of
 * `journeys` and `stage_events` — not with the metric SQL the element runs — so the two are independent.
 */
import type { TestProject } from 'vitest/node';
import { loadDataset, queryRows } from '../../../cli/duckdb.ts';
import type { SetupContext } from '../setup-context.ts';

type Pair = [number | null, number | null];
export interface KpiExpected {
  current: { from: string; to: string };
  previous: { from: string; to: string };
  days: number;
  values: { leads: Pair; mqls: Pair; mql_rate: Pair; win_rate: Pair; revenue: Pair; cycle: Pair; velocity: Pair };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** 2026-01-01 … 2026-03-31 (90 days) against 2025-10-03 … 2025-12-31. */
    kpiDemo: KpiExpected;
    /** The same period, only journeys in region EMEA. */
    kpiDemoEmea: KpiExpected;
    /** No dates anywhere: the 90 full days before the dataset's latest timestamp. */
    kpiDemoDefault: KpiExpected;
  }
}

interface Journey {
  id: string;
  created: number | null;
  closed: number | null;
  outcome: string;
  amount: number | null;
  region: string | null;
}
interface Event {
  id: string;
  stage: string;
  at: number | null;
}

const DAY = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export default async function setup(project: TestProject, context: SetupContext): Promise<void> {
  const manifest = await loadDataset(context.conn, context.datasets.demo);
  const stages = manifest.stage_model.stages.map((s) => s.key);
  const journeys: Journey[] = queryRows(context.conn, 'SELECT * FROM journeys').map((r) => ({
    id: String(r.journey_id),
    created: n(r.created_at),
    closed: n(r.closed_at),
    outcome: String(r.outcome),
    amount: n(r.amount_base),
    region: r.region === null ? null : String(r.region),
  }));
  const events: Event[] = queryRows(context.conn, 'SELECT * FROM stage_events').map((r) => ({
    id: String(r.journey_id),
    stage: String(r.stage),
    at: n(r.entered_at),
  }));

  const period = (from: string, to: string) => {
    const days = (ms(to) - ms(from)) / DAY + 1;
    return { current: { from, to }, previous: { from: iso(ms(from) - days * DAY), to: iso(ms(from) - DAY) }, days };
  };
  const fixed = period('2026-01-01', '2026-03-31');
  project.provide('kpiDemo', expected(fixed, journeys, events, stages));
  const emea = journeys.filter((j) => j.region === 'EMEA');
  const emeaIds = new Set(emea.map((j) => j.id));
  project.provide('kpiDemoEmea', expected(fixed, emea, events.filter((e) => emeaIds.has(e.id)), stages));

  // The latest timestamp anywhere; its day is partial unless the moment is the day's last millisecond.
  const latest = Math.max(...journeys.flatMap((j) => [j.created ?? -Infinity, j.closed ?? -Infinity]), ...events.map((e) => e.at ?? -Infinity));
  const endsDay = (latest + 1) % DAY === 0;
  const to = iso(endsDay ? latest : latest - DAY);
  project.provide('kpiDemoDefault', expected(period(iso(ms(to) - 89 * DAY), to), journeys, events, stages));
}

function expected(p: Omit<KpiExpected, 'values'>, journeys: Journey[], events: Event[], stages: string[]): KpiExpected {
  const both = (f: (from: number, to: number) => number | null): Pair => [
    f(ms(p.current.from), ms(p.current.to) + DAY),
    f(ms(p.previous.from), ms(p.previous.to) + DAY),
  ];
  const within = (t: number | null, from: number, to: number) => t !== null && t >= from && t < to;
  // Deepest stage per journey over every event (the funnel counts a journey at each stage up to its deepest).
  const deepest = new Map<string, number>();
  for (const e of events) {
    const i = stages.indexOf(e.stage);
    if (i >= 0) deepest.set(e.id, Math.max(deepest.get(e.id) ?? -1, i));
  }
  const mql = stages.indexOf('mql');
  const created = (from: number, to: number) => journeys.filter((j) => within(j.created, from, to) && deepest.has(j.id));
  const closed = (from: number, to: number) => journeys.filter((j) => (j.outcome === 'won' || j.outcome === 'lost') && within(j.closed, from, to));
  const won = (from: number, to: number) => closed(from, to).filter((j) => j.outcome === 'won');

  const leads = both((a, b) => created(a, b).length);
  const mqls = both((a, b) => created(a, b).filter((j) => deepest.get(j.id)! >= mql).length);
  const winRate = both((a, b) => {
    const c = closed(a, b);
    return c.length ? c.filter((j) => j.outcome === 'won').length / c.length : null;
  });
  const revenue = both((a, b) => {
    const amounts = won(a, b).map((j) => j.amount).filter((x): x is number => x !== null);
    return amounts.length ? amounts.reduce((s, x) => s + x, 0) : null;
  });
  const cycle = both((a, b) => {
    const w = won(a, b);
    if (!w.length) return null;
    return median(w.filter((j) => j.created !== null && j.closed !== null).map((j) => (j.closed! - j.created!) / DAY));
  });
  return {
    ...p,
    values: {
      leads,
      mqls,
      mql_rate: [0, 1].map((k) => (leads[k] ? mqls[k]! / leads[k]! : null)) as Pair,
      win_rate: winRate,
      revenue,
      cycle,
      velocity: both((a, b) => velocity(a, b, journeys, events, stages)),
    },
  };
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Sales velocity at the end of the period's last day: open opportunities then × win rate × mean won amount
 * ÷ mean days from reaching Opportunity (or a later stage when it was skipped) to closing, over deals closed
 * in the period. Events after that moment do not count.
 */
function velocity(from: number, to: number, journeys: Journey[], events: Event[], stages: string[]): number | null {
  const asOf = to - 1;
  const opp = stages.indexOf('opportunity');
  const seen = new Map<string, { deepest: number; reachedAt: number | null }>();
  for (const e of events) {
    const i = stages.indexOf(e.stage);
    if (i < 0 || (e.at !== null && e.at > asOf)) continue;
    const s = seen.get(e.id) ?? { deepest: -1, reachedAt: null };
    s.deepest = Math.max(s.deepest, i);
    if (i >= opp && e.at !== null) s.reachedAt = s.reachedAt === null ? e.at : Math.min(s.reachedAt, e.at);
    seen.set(e.id, s);
  }
  let open = 0;
  let wins = 0;
  let losses = 0;
  const amounts: number[] = [];
  const cycles: number[] = [];
  for (const j of journeys) {
    const s = seen.get(j.id);
    if (!s || s.deepest < opp) continue;
    const isClosed = (j.outcome === 'won' || j.outcome === 'lost') && (j.closed === null || j.closed <= asOf);
    if (!isClosed) open += 1;
    if (j.closed === null || j.closed > asOf || j.closed < from || j.closed >= to) continue;
    if (j.outcome === 'lost') losses += 1;
    if (j.outcome !== 'won') continue;
    wins += 1;
    if (j.amount !== null) amounts.push(j.amount);
    if (s.reachedAt !== null) cycles.push((j.closed - s.reachedAt) / DAY);
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const amount = mean(amounts);
  const days = mean(cycles);
  if (wins + losses === 0 || amount === null || !days) return null;
  return (open * (wins / (wins + losses)) * amount) / days;
}
