import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataType, TimeUnit, tableFromIPC, type Data, type Table, type Vector } from 'apache-arrow';
import { TABLES, parseManifest, type Manifest, type TableName } from '../model/index.ts';
import type { Row } from './types.ts';

/** The rows of a dataset's tables, as sync builds them: what --merge folds new exports into. */
export interface DatasetTables {
  journeys: Row[];
  stageEvents: Row[];
  spend: Row[];
}

export interface ReadDataset extends DatasetTables {
  manifest: Manifest;
}

/**
 * Reads a dataset folder back into rows, checking it as `revlens metrics` does: the manifest's schema
 * version, each file's SHA-256 and row count. Times come back as ms since the epoch (UTC), categories
 * as text, every column of the model present in every row (null when empty).
 */
export async function readDataset(folder: string): Promise<ReadDataset> {
  const manifest = await readManifest(folder);
  const rows = {} as Record<TableName, Row[]>;
  for (const name of Object.keys(TABLES) as TableName[]) rows[name] = await readTable(folder, manifest, name);
  return { manifest, journeys: rows.journeys, stageEvents: rows.stage_events, spend: rows.spend };
}

/** A dataset folder's manifest, read and checked (schema version, shape); the error says what to do. */
export async function readManifest(folder: string): Promise<Manifest> {
  const manifestPath = join(folder, 'manifest.json');
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    throw new Error(`${manifestPath} not found: ${folder} is not a dataset written by "revlens sync"`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${manifestPath} is not valid JSON (${(e as Error).message}): sync the dataset again`);
  }
  return parseManifest(json, manifestPath);
}

/** A table file's bytes, checked against the manifest's SHA-256. */
export async function readTableBytes(folder: string, manifest: Manifest, name: TableName): Promise<Uint8Array> {
  const path = join(folder, manifest.tables[name].file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new Error(`${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); manifest.json lists it: sync the dataset again`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== manifest.tables[name].sha256) {
    throw new Error(`${path} does not match its checksum in manifest.json (changed or truncated): sync the dataset again`);
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function readTable(folder: string, manifest: Manifest, name: TableName): Promise<Row[]> {
  const entry = manifest.tables[name];
  const path = join(folder, entry.file);
  const bytes = await readTableBytes(folder, manifest, name);
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    throw new Error(`${path} is not a readable Arrow IPC stream (${(e as Error).message}): sync the dataset again`);
  }
  if (table.numRows !== entry.rows) {
    throw new Error(`${path}: Arrow read ${table.numRows} rows, manifest.json says ${entry.rows}: sync the dataset again`);
  }
  const names = TABLES[name].map((c) => c.name);
  const columns = names.map((column) => {
    const vector = table.getChild(column);
    if (!vector) throw new Error(`${path} has no column "${column}": sync the dataset again`);
    return cells(vector);
  });
  const out: Row[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]!] = columns[c]![i]!;
    out[i] = row;
  }
  return out;
}

type Cell = string | number | null;

/** A column's values, decoded straight from its buffers (Vector.get costs a lot more per value). */
function cells(vector: Vector): Cell[] {
  const out: Cell[] = new Array(vector.length);
  let at = 0;
  for (const data of vector.data) {
    decode(data, out, at);
    at += data.length;
  }
  return out;
}

function decode(data: Data, out: Cell[], at: number): void {
  const { type, length, offset } = data;
  const valid = validity(data);
  let value: (i: number) => Cell;
  if (DataType.isDictionary(type)) {
    const dictionary = cells(data.dictionary!);
    const indices = data.values as ArrayLike<number>;
    value = (i) => dictionary[indices[offset + i]!]!;
  } else if (DataType.isUtf8(type)) {
    const offsets = data.valueOffsets as Int32Array;
    const bytes = data.values as Uint8Array;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    value = (i) => buffer.toString('utf8', offsets[offset + i]!, offsets[offset + i + 1]!);
  } else if (DataType.isTimestamp(type)) {
    const values = data.values as BigInt64Array | Int32Array;
    const toMs = { [TimeUnit.SECOND]: 1000, [TimeUnit.MILLISECOND]: 1, [TimeUnit.MICROSECOND]: 1e-3, [TimeUnit.NANOSECOND]: 1e-6 }[type.unit];
    value =
      values instanceof BigInt64Array
        ? (i) => Number(values[offset + i]!) * toMs
        : // Older Arrow JS keeps 64-bit values as pairs of 32-bit words (low, high).
          (i) => ((values[2 * (offset + i) + 1]! * 2 ** 32) + (values[2 * (offset + i)]! >>> 0)) * toMs;
  } else if (DataType.isFloat(type) || DataType.isInt(type)) {
    const values = data.values as ArrayLike<number | bigint>;
    value = (i) => Number(values[offset + i]!);
  } else {
    throw new Error(`a dataset column of type ${type} is not one RevLens writes`);
  }
  for (let i = 0; i < length; i++) out[at + i] = valid(i) ? value(i) : null;
}

function validity(data: Data): (i: number) => boolean {
  const bitmap = data.nullBitmap;
  if (data.nullCount === 0 || !bitmap || bitmap.length === 0) return () => true;
  const { offset } = data;
  return (i) => ((bitmap[(offset + i) >> 3]! >> ((offset + i) & 7)) & 1) === 1;
}
