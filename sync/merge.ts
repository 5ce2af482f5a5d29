import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../model/index.ts';
import { SyncError } from './errors.ts';
import { readDataset } from './read-dataset.ts';
import type { Row } from './types.ts';
import { MANIFEST_FILE, withDatasetLock, writeDataset, type DatasetContent } from './write-dataset.ts';

/** The tables of a dataset already written (readDataset gives them). */
export interface PreviousTables {
  journeys: Row[];
  stageEvents: Row[];
  spend?: Row[];
}

/** What a merge did, for the summary (and the manifest, once it has a field for it). */
export interface MergeSummary {
  journeys: {
    /** In the dataset before. */
    previous: number;
    /** In this run's export. */
    incoming: number;
    /** Only in this run's export. */
    added: number;
    /** In both; this run's record won (later updated_at, or not older). */
    replaced: number;
    /** In both; the dataset's record won (its updated_at is later). */
    kept: number;
    /** Only in the dataset, carried over unchanged. */
    carried: number;
    /** In the merged dataset: added + replaced + kept + carried. */
    total: number;
  };
  spend: {
    previous: number;
    incoming: number;
    /** Rows of the dataset dropped because this run has rows for their (channel, month). */
    replaced: number;
    total: number;
  };
}

/**
 * Folds this run's content into a dataset's tables (`revlens sync --merge`):
 * - journeys are upserted by journey_id; of two records of one journey the later `updated_at` wins, a
 *   record with an updated_at beats one without, and on a tie (equal, or both unknown) this run's wins;
 * - a journey's stage events are those of the record that won, never a mix of two versions;
 * - spend rows are upserted by (channel, month): this run's rows for a month replace the dataset's;
 * - sources, rejects and unmapped stage names are this run's.
 *
 * The merged tables are in one canonical order (journeys by id, each journey's events in stage order,
 * spend by channel and month), so merging the same export again changes nothing, and exports whose
 * shared journeys differ in updated_at give the same tables whichever is merged first.
 */
export function mergeContent(previous: PreviousTables, incoming: DatasetContent): { content: DatasetContent; merged: MergeSummary } {
  const before = journeyGroups(previous.journeys, previous.stageEvents, 'the existing dataset');
  const now = journeyGroups(incoming.journeys, incoming.stageEvents, "this run's export");
  const stageRank = new Map(incoming.stageModel.stages.map((s, i) => [s.key, i]));
  // The merged dataset has this run's stage model: the dataset's rows must not use a stage it lacks.
  for (const { journey, events } of before.values()) {
    for (const stage of [journey.stage, ...events.map((e) => e.stage)]) {
      if (!stageRank.has(String(stage))) {
        throw new Error(`the existing dataset has a stage "${String(stage)}" that this sync's stage model does not know: sync without --merge`);
      }
    }
  }

  const counts = { previous: before.size, incoming: now.size, added: 0, replaced: 0, kept: 0, carried: 0, total: 0 };
  const merged = new Map(before);
  for (const [id, group] of now) {
    const old = before.get(id);
    if (!old) counts.added++;
    else if (newer(old.journey, group.journey)) {
      counts.kept++;
      continue;
    } else counts.replaced++;
    merged.set(id, group);
  }
  counts.carried = before.size - counts.replaced - counts.kept;
  counts.total = merged.size;

  const ids = [...merged.keys()].sort(byCodeUnits);
  const journeys: Row[] = [];
  const stageEvents: Row[] = [];
  for (const id of ids) {
    const { journey, events } = merged.get(id)!;
    journeys.push(journey);
    stageEvents.push(...sortEvents(events, stageRank));
  }

  const { rows: spend, replaced } = mergeSpend(previous.spend ?? [], incoming.spend ?? []);
  return {
    content: { ...incoming, journeys, stageEvents, spend },
    merged: {
      journeys: counts,
      spend: { previous: previous.spend?.length ?? 0, incoming: incoming.spend?.length ?? 0, replaced, total: spend.length },
    },
  };
}

interface Group {
  journey: Row;
  events: Row[];
}

/** Journeys by id, each with its stage events. */
function journeyGroups(journeys: Row[], events: Row[], where: string): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const journey of journeys) {
    const id = journey.journey_id;
    if (typeof id !== 'string') throw new Error(`${where} has a journey without a journey_id`);
    if (groups.has(id)) throw new Error(`${where} has journey ${id} twice`);
    groups.set(id, { journey, events: [] });
  }
  for (const event of events) {
    const group = groups.get(String(event.journey_id));
    if (!group) throw new Error(`${where} has a stage event of journey ${String(event.journey_id)}, which is not among its journeys`);
    group.events.push(event);
  }
  return groups;
}

/** Whether the dataset's record `old` beats this run's record `now`: only when it is strictly newer. */
function newer(old: Row, now: Row): boolean {
  const a = time(old.updated_at);
  const b = time(now.updated_at);
  if (a === null) return false;
  if (b === null) return true;
  return a > b;
}

const time = (v: Row[string] | undefined): number | null => (typeof v === 'number' && !Number.isNaN(v) ? v : null);

/** Plain UTF-16 order: the same on every machine, whatever its locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A journey's events in the stage model's order (then by time, then by CRM stage name). */
function sortEvents(events: Row[], stageRank: Map<string, number>): Row[] {
  if (events.length < 2) return events;
  const rank = (e: Row) => stageRank.get(String(e.stage)) ?? stageRank.size;
  return [...events].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      byCodeUnits(String(a.stage), String(b.stage)) ||
      compareNullable(time(a.entered_at), time(b.entered_at)) ||
      byCodeUnits(String(a.crm_stage ?? ''), String(b.crm_stage ?? '')),
  );
}

function compareNullable(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/** Spend upserted by (channel, month): every row of this run for a month replaces the dataset's rows for it. */
function mergeSpend(previous: Row[], incoming: Row[]): { rows: Row[]; replaced: number } {
  const key = (r: Row) => `${String(r.channel)}\u0000${String(r.month)}`;
  const incomingKeys = new Set(incoming.map(key));
  const kept = previous.filter((r) => !incomingKeys.has(key(r)));
  const rows = [...kept, ...incoming].sort(
    (a, b) => byCodeUnits(String(a.channel), String(b.channel)) || compareNullable(time(a.month), time(b.month)),
  );
  return { rows, replaced: previous.length - kept.length };
}

/**
 * `revlens sync --merge`: folds this run's content into the dataset in `outDir` (or writes it as it is
 * when there is none yet) and switches to the result atomically. The folder stays locked from reading
 * to writing, so a sync running meanwhile cannot slip an update in between that this one would drop.
 */
export async function mergeIntoDataset(outDir: string, incoming: DatasetContent): Promise<{ manifest: Manifest; merged: MergeSummary }> {
  return withDatasetLock(outDir, async (folder) => {
    let previous: PreviousTables = { journeys: [], stageEvents: [], spend: [] };
    if (existsSync(join(folder, MANIFEST_FILE))) {
      try {
        previous = await readDataset(folder);
      } catch (e) {
        throw new SyncError(`--merge cannot read the dataset it merges into: ${(e as Error).message}`);
      }
    }
    const { content, merged } = mergeContent(previous, incoming);
    const manifest = await writeDataset(folder, { ...content, merged });
    return { manifest, merged };
  });
}
