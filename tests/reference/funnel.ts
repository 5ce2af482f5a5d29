/**
 * The funnel computed with plain loops over rows: no SQL, no engine. Tests hold the SQL builder
 * against it. Written from the definition, not from the SQL.
 */
export interface RefJourney {
  journey_id: string;
  created_at: number | null;
  [field: string]: string | number | null;
}
export interface RefEvent {
  journey_id: string;
  stage: string;
  entered_at: number | null;
}
export interface RefFunnelRow {
  segment: string | null;
  stage: string;
  reached: number;
  conversion_from_previous: number | null;
  conversion_from_first: number | null;
  median_days_from_previous: number | null;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function referenceFunnel(
  stages: string[],
  journeys: RefJourney[],
  events: RefEvent[],
  opts: { by?: string; from?: number; toExclusive?: number } = {},
): RefFunnelRow[] {
  const inScope = journeys.filter(
    (j) =>
      (opts.from === undefined || (j.created_at !== null && j.created_at >= opts.from)) &&
      (opts.toExclusive === undefined || (j.created_at !== null && j.created_at < opts.toExclusive)),
  );
  // Earliest time per journey and stage; a stage seen with no time still counts as entered.
  const entered = new Map<string, Map<number, number | null>>();
  for (const e of events) {
    const idx = stages.indexOf(e.stage);
    if (idx < 0) continue;
    const m = entered.get(e.journey_id) ?? new Map<number, number | null>();
    entered.set(e.journey_id, m);
    const prev = m.get(idx);
    if (!m.has(idx)) m.set(idx, e.entered_at);
    else if (e.entered_at !== null && (prev === null || prev === undefined || e.entered_at < prev)) m.set(idx, e.entered_at);
  }
  const segments = new Map<string | null, RefJourney[]>();
  for (const j of inScope) {
    if (!entered.has(j.journey_id)) continue;
    const key = opts.by ? ((j[opts.by] as string | null) ?? null) : null;
    segments.set(key, [...(segments.get(key) ?? []), j]);
  }
  if (!opts.by && !segments.has(null)) segments.set(null, []);

  const rows: RefFunnelRow[] = [];
  for (const [segment, members] of segments) {
    const reached = stages.map((_, k) =>
      members.filter((j) => Math.max(...entered.get(j.journey_id)!.keys()) >= k).length,
    );
    stages.forEach((stage, k) => {
      const gaps: number[] = [];
      if (k > 0) {
        for (const j of members) {
          const m = entered.get(j.journey_id)!;
          const cur = m.get(k);
          const prev = m.get(k - 1);
          if (cur != null && prev != null) gaps.push((cur - prev) / 86_400_000);
        }
      }
      rows.push({
        segment,
        stage,
        reached: reached[k]!,
        conversion_from_previous: k === 0 || reached[k - 1] === 0 ? null : reached[k]! / reached[k - 1]!,
        conversion_from_first: reached[0] === 0 ? null : reached[k]! / reached[0]!,
        median_days_from_previous: median(gaps),
      });
    });
  }
  return rows;
}
