import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DataType, Field, RecordBatch, Schema, Struct, Table, makeData, tableToIPC } from 'apache-arrow';
import {
  SCHEMA_VERSION,
  TABLES,
  arrowSchema,
  parseManifest,
  type Manifest,
  type SourceFile,
  type StageModel,
  type TableName,
} from '../model/index.ts';
import { column } from './arrow-columns.ts';
import type { Reject, Row } from './types.ts';

export interface DatasetContent {
  source: string;
  generator: string;
  stageModel: StageModel;
  journeys: Row[];
  stageEvents: Row[];
  /** Marketing spend rows; none unless a spend file was synced. */
  spend?: Row[];
  rejects: Reject[];
  sources: SourceFile[];
  unmappedStages: Manifest['unmapped_stages'];
}

/** A table as Arrow IPC stream bytes, with the model's schema (nullability included). */
export function tableIPC(name: TableName, rows: Row[]): Uint8Array {
  const fields = arrowSchema(name).fields.map((f) =>
    // Arrow JS writes no dictionary batch for an empty table and DuckDB-WASM then refuses the
    // stream; an empty column is plain text to DuckDB either way.
    rows.length === 0 && DataType.isDictionary(f.type) ? new Field(f.name, f.type.dictionary, f.nullable) : f,
  );
  const children = fields.map((f) => {
    const data = column(f.type, rows.map((r) => r[f.name] ?? null)).data[0]!;
    if (!f.nullable && data.nullCount > 0) throw new Error(`internal: ${name}.${f.name} has ${data.nullCount} empty values`);
    return data;
  });
  const batch = new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children }));
  return tableToIPC(new Table([batch]), 'stream');
}

const CSV_FORMULA = /^[=+\-@\t\r]/;

/** A CSV cell that Excel shows as text: quoted, and never read as a formula. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (CSV_FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

const REJECT_COLUMNS = ['file', 'line', 'field', 'reason', 'record_id'] as const;

/** Rejects sorted by file and line, so that they read alongside the files. */
export function rejectsCsv(rejects: Reject[]): string {
  const sorted = [...rejects].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const lines = [REJECT_COLUMNS.join(',')];
  for (const r of sorted) lines.push(REJECT_COLUMNS.map((c) => csvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Writes the dataset into a fresh sibling folder and only then puts it in place of `outDir`, so a
 * reader never sees a half-written dataset.
 */
export async function writeDataset(outDir: string, content: DatasetContent): Promise<Manifest> {
  const target = resolve(outDir);
  if (existsSync(target) && readdirSync(target).length > 0 && !existsSync(join(target, 'manifest.json'))) {
    // Replacing the folder would delete whatever is in it: only ever replace a dataset.
    throw new Error(`${outDir} exists and is not a RevLens dataset (no manifest.json): choose an empty or new folder for --out`);
  }
  const staging = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });

  const tables = {} as Manifest['tables'];
  const rowsOf: Record<TableName, Row[]> = { journeys: content.journeys, stage_events: content.stageEvents, spend: content.spend ?? [] };
  for (const name of Object.keys(TABLES) as TableName[]) {
    const bytes = tableIPC(name, rowsOf[name]);
    const file = `${name}.arrow`;
    await writeFile(join(staging, file), bytes);
    tables[name] = {
      file,
      format: 'arrow-ipc-stream',
      rows: rowsOf[name].length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.byteLength,
    };
  }
  await writeFile(join(staging, 'rejects.csv'), rejectsCsv(content.rejects));

  const manifest = parseManifest(
    {
      schema_version: SCHEMA_VERSION,
      generated_at: new Date().toISOString(),
      generator: content.generator,
      source: content.source,
      timezone: 'UTC',
      stage_model: content.stageModel,
      tables,
      rejects: { file: 'rejects.csv', rows: content.rejects.length },
      sources: content.sources,
      unmapped_stages: content.unmappedStages,
    },
    'the manifest sync was about to write',
  );
  await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const previous = join(dirname(target), `.${basename(target)}.old-${process.pid}`);
  if (existsSync(target)) await rename(target, previous);
  await rename(staging, target);
  await rm(previous, { recursive: true, force: true });
  return manifest;
}
