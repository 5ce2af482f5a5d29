import { AsyncLocalStorage } from 'node:async_hooks';
import { createReadStream } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { DataType, Dictionary, Field, RecordBatch, Schema, Struct, Table, makeData, tableToIPC } from 'apache-arrow';
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
import { SyncError } from './errors.ts';
import type { StagedTable } from './table-writer.ts';
import type { Reject, Row } from './types.ts';

export interface DatasetContent {
  source: string;
  generator: string;
  stageModel: StageModel;
  journeys: Row[];
  stageEvents: Row[];
  /** Tables already written to temporary files in the dataset folder (see stagingPath); they win over rows. */
  staged?: Partial<Record<TableName, StagedTable>>;
  /** Marketing spend rows; none unless a spend file was synced. */
  spend?: Row[];
  rejects: Reject[];
  sources: SourceFile[];
  unmappedStages: Manifest['unmapped_stages'];
  /**
   * What a `--merge` run folded together (sync/merge.ts). Written to the manifest once the manifest
   * schema has a `merged` field; until then parseManifest drops it.
   */
  merged?: unknown;
}

/** The Arrow fields a dataset table is written with: the model's schema, made byte-stable. */
export function datasetFields(name: TableName, empty: boolean): Field[] {
  return arrowSchema(name).fields.map((f, i) => {
    if (!DataType.isDictionary(f.type)) return f;
    // Arrow JS writes no dictionary batch for an empty table and DuckDB-WASM then refuses the
    // stream; an empty column is plain text to DuckDB either way.
    if (empty) return new Field(f.name, f.type.dictionary, f.nullable);
    // A Dictionary made without an id takes the next one of a process-wide counter, and the id is in
    // the stream: the same rows would give other bytes (and another file name) depending on what ran
    // before. The column's position is a stable id.
    return new Field(f.name, new Dictionary(f.type.dictionary, f.type.indices, i, f.type.isOrdered), f.nullable);
  });
}

/** A table as Arrow IPC stream bytes, with the model's schema (nullability included). */
export function tableIPC(name: TableName, rows: Row[]): Uint8Array {
  const fields = datasetFields(name, rows.length === 0);
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

/** One collation whatever the machine's locale, so that the same rejects give the same bytes. */
const FILE_ORDER = new Intl.Collator('en').compare;

const REJECT_COLUMNS = ['file', 'line', 'field', 'reason', 'record_id'] as const;

/** Rejects sorted by file and line, so that they read alongside the files. */
export function rejectsCsv(rejects: Reject[]): string {
  const sorted = [...rejects].sort((a, b) => FILE_ORDER(a.file, b.file) || a.line - b.line);
  const lines = [REJECT_COLUMNS.join(',')];
  for (const r of sorted) lines.push(REJECT_COLUMNS.map((c) => csvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/*
 * The dataset folder, and how it changes without ever being incomplete:
 *
 *   manifest.json                        the one file that says which files are the dataset
 *   journeys.<16 hex>.arrow              table files, named by the first 16 hex digits of their SHA-256
 *   stage_events.<16 hex>.arrow
 *   spend.<16 hex>.arrow
 *   rejects.<16 hex>.csv
 *   .revlens-sync.lock                   while a sync writes the folder
 *   .revlens-tmp-<pid>-<random>-<name>   a file being written (only seen after a crash)
 *
 * A sync writes each file under a temporary name, fsyncs it and renames it to its content-addressed
 * name (a file with that name is therefore always complete), fsyncs the folder, and only then replaces
 * manifest.json the same way. rename() is atomic, so a reader, or a sync killed at any moment, finds
 * either the previous manifest or the new one, and every file either names is complete. Afterwards the
 * files of neither the new manifest nor the one it replaced are deleted, with the temporary files of
 * crashed syncs: a page that fetched the previous manifest a moment ago can still fetch its files.
 */

export const MANIFEST_FILE = 'manifest.json';
const LOCK_FILE = '.revlens-sync.lock';
const TEMP_PREFIX = '.revlens-tmp-';
/** Files a sync writes and may delete again: content-addressed, or the fixed names of datasets written before. */
const DATASET_FILE = /^(?:(?:journeys|stage_events|spend)(?:\.[0-9a-f]{16})?\.arrow|rejects(?:\.[0-9a-f]{16})?\.csv)$/;

const hexSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A file's SHA-256, read in chunks (a table file can be larger than is wise to hold). */
async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
const contentName = (stem: string, ext: string, sha256: string) => `${stem}.${sha256.slice(0, 16)}.${ext}`;

/**
 * Writes the dataset into `outDir` (created if needed) and switches to it atomically: a reader, or a
 * crash at any moment, sees either the previous dataset or this one, complete.
 */
/**
 * Journeys numbered in the order written (journey_key) and each stage event given its journey's number:
 * rows in memory (tests, --merge, --source spend) are numbered here; a streamed sync numbers as it goes.
 */
function keyed(journeys: Row[], events: Row[]): { journeys: Row[]; stage_events: Row[] } {
  const keys = new Map<unknown, number>();
  const js = journeys.map((j, i) => {
    keys.set(j.journey_id, i);
    return { ...j, journey_key: i };
  });
  const es = events.map((e) => {
    const key = keys.get(e.journey_id);
    if (key === undefined) throw new Error(`internal: a stage event of journey ${String(e.journey_id)}, which is not among the journeys`);
    return { ...e, journey_key: key };
  });
  return { journeys: js, stage_events: es };
}

export async function writeDataset(outDir: string, content: DatasetContent): Promise<Manifest> {
  return withDatasetLock(outDir, async (target) => {
    const previous = await manifestFiles(target);
    const created: string[] = [];
    let switched = false;
    try {
      const tables = {} as Manifest['tables'];
      const rowsOf: Record<TableName, Row[]> = { ...keyed(content.journeys, content.stageEvents), spend: content.spend ?? [] };
      for (const name of Object.keys(TABLES) as TableName[]) {
        const staged = content.staged?.[name];
        if (staged) {
          const file = contentName(name, 'arrow', staged.sha256);
          if (await putStaged(target, file, staged)) created.push(file);
          tables[name] = { file, format: 'arrow-ipc-stream', rows: staged.rows, sha256: staged.sha256, bytes: staged.bytes };
          continue;
        }
        const bytes = tableIPC(name, rowsOf[name]);
        const sha256 = hexSha256(bytes);
        const file = contentName(name, 'arrow', sha256);
        if (await putFile(target, file, bytes, sha256)) created.push(file);
        tables[name] = { file, format: 'arrow-ipc-stream', rows: rowsOf[name].length, sha256, bytes: bytes.byteLength };
      }
      const rejects = Buffer.from(rejectsCsv(content.rejects), 'utf8');
      const rejectsSha256 = hexSha256(rejects);
      const rejectsFile = contentName('rejects', 'csv', rejectsSha256);
      if (await putFile(target, rejectsFile, rejects, rejectsSha256)) created.push(rejectsFile);

      const manifest = parseManifest(
        {
          schema_version: SCHEMA_VERSION,
          generated_at: new Date().toISOString(),
          generator: content.generator,
          source: content.source,
          timezone: 'UTC',
          stage_model: content.stageModel,
          tables,
          rejects: { file: rejectsFile, rows: content.rejects.length },
          sources: content.sources,
          unmapped_stages: content.unmappedStages,
          ...(content.merged === undefined ? {} : { merged: content.merged }),
        },
        'the manifest sync was about to write',
      );
      // The new files' names must be on disk before a manifest that names them can be.
      await syncFolder(target);
      await writeDurably(target, MANIFEST_FILE, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
      switched = true;
      await syncFolder(target);

      const keep = previous === null ? null : new Set([...previous, ...Object.values(tables).map((t) => t.file), rejectsFile]);
      await removeLeftovers(target, keep);
      return manifest;
    } catch (e) {
      if (switched) throw e; // the new manifest names the new files: nothing to take back
      // Nothing names the files this run added: take them away again (the next run would anyway).
      const named = new Set(previous ?? []);
      await Promise.all(created.filter((f) => !named.has(f)).map((f) => rm(join(target, f), { force: true }).catch(() => undefined)));
      await removeLeftovers(target, null);
      throw e;
    }
  });
}

/**
 * Writes `name` unless a file of that name with these bytes is there already (the same content,
 * from an earlier run). Returns whether it wrote.
 */
async function putFile(dir: string, name: string, bytes: Uint8Array, sha256: string): Promise<boolean> {
  const path = join(dir, name);
  const existing = await stat(path).catch(() => null);
  if (existing?.isFile() && existing.size === bytes.byteLength && (await fileSha256(path)) === sha256) return false;
  await writeDurably(dir, name, bytes);
  return true;
}

/** A temporary file in the dataset folder for a table being written: removed by the next run if this one dies. */
export function stagingPath(dir: string, name: string): string {
  return join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}-${name}`);
}

/** Puts a staged table in place under `name` (it is durable already), unless the same content is there. */
async function putStaged(dir: string, name: string, staged: StagedTable): Promise<boolean> {
  const path = join(dir, name);
  const existing = await stat(path).catch(() => null);
  if (existing?.isFile() && existing.size === staged.bytes && (await fileSha256(path)) === staged.sha256) {
    await rm(staged.path, { force: true });
    return false;
  }
  await rename(staged.path, path);
  return true;
}

/** Writes bytes under a temporary name, fsyncs them and renames the file to `name` (atomic). */
async function writeDurably(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}-${name}`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, name));
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** Makes the folder's entries (created, renamed files) durable. */
async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    // Windows cannot open or fsync a folder; its renames are durable by other means.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'EACCES'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    await handle?.close();
  }
}

/**
 * The files the folder's manifest.json names; [] when there is none, null when it cannot be read (then
 * nothing but temporary files is deleted). Read loosely: a manifest of an older schema version still
 * names its files.
 */
async function manifestFiles(dir: string): Promise<string[] | null> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8'));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? [] : null;
  }
  const m = json as { tables?: Record<string, { file?: unknown }>; rejects?: { file?: unknown } };
  if (typeof m?.tables !== 'object' || m.tables === null) return null;
  const files = [...Object.values(m.tables).map((t) => t?.file), m.rejects?.file];
  return files.filter((f): f is string => typeof f === 'string');
}

/**
 * Deletes temporary files of syncs that are no longer running and, unless `keep` is null, the dataset
 * files not in `keep`. Only names a sync writes are touched; anything else in the folder stays.
 * Best effort: what cannot be deleted now is deleted by the next run.
 */
async function removeLeftovers(dir: string, keep: Set<string> | null): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    let remove = false;
    if (name.startsWith(TEMP_PREFIX)) {
      const pid = Number(/^\d+/.exec(name.slice(TEMP_PREFIX.length))?.[0]);
      remove = pid === process.pid || !isRunning(pid);
    } else if (keep !== null && DATASET_FILE.test(name)) {
      remove = !keep.has(name);
    }
    if (remove) await rm(join(dir, name), { force: true }).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The dataset folders this async context holds the lock of. */
const heldLocks = new AsyncLocalStorage<ReadonlySet<string>>();

/**
 * Runs `fn` holding the dataset folder's lock, so that no other sync writes it meanwhile: one that
 * reads the dataset, merges and writes it back (`--merge`) loses nobody's update. Refuses a folder
 * that is not a dataset. writeDataset inside `fn` uses the lock already held.
 */
export async function withDatasetLock<T>(outDir: string, fn: (folder: string) => Promise<T>): Promise<T> {
  const target = resolve(outDir);
  const held = heldLocks.getStore();
  if (held?.has(target)) return fn(target);
  await refuseForeignFolder(target, outDir);
  await mkdir(target, { recursive: true });
  const lock = join(target, LOCK_FILE);
  await acquireLock(lock, outDir);
  try {
    return await heldLocks.run(new Set([...(held ?? []), target]), () => fn(target));
  } finally {
    await rm(lock, { force: true });
  }
}

/** Writing would delete and replace files: only ever do that in a dataset folder (or an empty one). */
async function refuseForeignFolder(target: string, outDir: string): Promise<void> {
  const entries = await readdir(target).catch(() => [] as string[]);
  if (entries.length === 0) return;
  if (entries.includes(MANIFEST_FILE)) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(target, MANIFEST_FILE), 'utf8'));
    } catch {
      json = null;
    }
    const m = json as { tables?: unknown } | null;
    if (typeof m?.tables === 'object' && m.tables !== null) return;
    throw new SyncError(`${outDir} has a manifest.json that is not a RevLens dataset manifest: choose an empty or new folder for --out`);
  }
  // A first sync that crashed before its manifest leaves only files a sync writes.
  if (entries.every((e) => DATASET_FILE.test(e) || e.startsWith(TEMP_PREFIX) || e === LOCK_FILE)) return;
  throw new SyncError(`${outDir} exists and is not a RevLens dataset (no manifest.json): choose an empty or new folder for --out`);
}

/**
 * Creates the lock file atomically with its content (`<pid> <host>`): written under a temporary name,
 * then hard-linked, which fails if the lock exists. A lock left by a sync that died on this machine is
 * taken over.
 */
async function acquireLock(lock: string, outDir: string): Promise<void> {
  const dir = join(lock, '..');
  const temp = join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}-lock`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(`${process.pid} ${hostname()}\n`);
  } finally {
    await handle.close();
  }
  try {
    let holder = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(temp, lock);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const text = await readFile(lock, 'utf8').catch(() => null);
      if (text === null) continue; // released in between
      const [pid, host] = text.trim().split(' ');
      holder = `process ${pid} on ${host}`;
      if (host !== hostname() || isRunning(Number(pid))) break;
      await rm(lock, { force: true }); // its sync died: take over
    }
    const since = await stat(lock).then((s) => ` since ${s.mtime.toISOString()}`, () => '');
    throw new SyncError(
      `${outDir} is being written by another revlens sync (${holder || 'a lock file'}${since}): wait for it to finish; if no sync is running, delete ${lock}`,
    );
  } finally {
    await rm(temp, { force: true });
  }
}
