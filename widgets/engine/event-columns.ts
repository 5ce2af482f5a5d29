/**
 * The stage_events file as the page reads it: the columns it needs, and those columns as stageFacts reads
 * them (metrics/journey-columns.ts). Arrow in, plain typed arrays out.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import type { EventColumns } from '../../metrics/journey-columns.ts';
import type { StageModel } from '../../model/index.ts';

/**
 * The stage_events columns a page reads: metrics read them only for journey_stages and the as-of; the text ids
 * and CRM stage names are for sync and merges, and leaving them out more than halves the first table's ingest
 * (0.5 → 0.2 s at two million events).
 */
const EVENT_COLUMNS = ['journey_key', 'stage', 'entered_at'];

/** A stage_events file's bytes as a table of EVENT_COLUMNS (throws when they are not an Arrow IPC stream). */
export function readEvents(bytes: Uint8Array): Table {
  return tableFromIPC(bytes).select(EVENT_COLUMNS);
}

/** The events batch by batch, each stage as its index in the model, each time in ms (NaN: unknown). */
export function eventColumns(events: Table, model: StageModel): EventColumns[] {
  // An empty table is written with a plain-text stage column (no dictionary): it has no events to count anyway.
  return events.batches.filter((batch) => batch.numRows > 0).map((batch) => {
    const [journey, stage, at] = EVENT_COLUMNS.map((c) => batch.getChild(c)!.data[0]!);
    const index = (stage!.dictionary!.toArray() as string[]).map((key) => model.stages.findIndex((s) => s.key === key));
    // Times as 32-bit halves: a BigInt per event would take most of the count's time.
    const halves = new Int32Array(at!.values.buffer, at!.values.byteOffset, 2 * batch.numRows);
    const columns = { journey: journey!.values, stage: new Int8Array(batch.numRows), at: new Float64Array(batch.numRows) };
    for (let i = 0; i < batch.numRows; i++) {
      columns.stage[i] = index[stage!.values[i]]!;
      columns.at[i] = at!.nullCount && !at!.getValid(i) ? NaN : halves[2 * i + 1]! * 2 ** 32 + (halves[2 * i]! >>> 0);
    }
    return columns;
  });
}
