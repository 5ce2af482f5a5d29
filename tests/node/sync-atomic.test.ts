import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSalesforce, type GeneratedCounts } from '../../bench/generate-salesforce.ts';
import { loadDataset, openDuckDB, type Connection } from '../../cli/duckdb.ts';
import type { Manifest } from '../../model/index.ts';
import { runSync } from '../../sync/index.ts';
import { readDataset } from '../../sync/read-dataset.ts';
import { writeDataset, withDatasetLock, type DatasetContent } from '../../sync/write-dataset.ts';
import { ROOT, tempDir } from '../support/paths.ts';

/*
 * The kill test. Two generated Salesforce exports, A and B, are synced once, cleanly, into datasets of
 * their own. Then, again and again, a folder holding dataset A is overwritten with dataset B by a child
 * process that calls writeDataset, and the child is killed with SIGKILL:
 * - by the parent, at random moments spread over the whole write (stratified: one random moment in each
 *   of RANDOM_KILLS equal slices of a clean run), and at RANDOM_AROUND_SWITCH more random moments in the
 *   few milliseconds from writing manifest.json to the end (its fsync and rename, the folder fsync, the
 *   cleanup);
 * - by the child itself, right after each file-system step that changes the folder.
 * After every kill the folder must load with cli/duckdb.ts's loadDataset (checksums, row counts) and
 * hold exactly A or B, with the journey count the generator counted for it.
 *
 * The child logs each file-system call it starts and finishes to a trace file with writeSync (the
 * kernel has the line before the next step runs, so it survives the kill); the trace says where each
 * kill landed and, once the manifest rename has finished, that the folder must hold B.
 */

const RANDOM_KILLS = 52;
/** More random moments, in the few milliseconds from writing manifest.json to the end of the run. */
const RANDOM_AROUND_SWITCH = 16;
const SIZE = { A: { opportunities: 1000, seed: 71 }, B: { opportunities: 2000, seed: 72 } };

interface Side {
  generated: GeneratedCounts;
  folder: string;
  manifest: Manifest;
}
let A: Side;
let B: Side;
let contentB: DatasetContent;
let contentFile: string;
let childScript: string;
let writerBundle: string;
let conn: Connection;
const work = tempDir('revlens-atomic-');

/** Folders a killed child left, for the cleanup test. */
const killed: { folder: string; where: string }[] = [];

const tableShas = (m: Manifest) => [m.tables.journeys.sha256, m.tables.stage_events.sha256, m.tables.spend.sha256];
const filesOf = (m: Manifest) => [...Object.values(m.tables).map((t) => t.file), m.rejects.file];
const readManifest = (folder: string) => JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;

async function syncSide(name: 'A' | 'B'): Promise<Side> {
  const exportDir = join(work, `export-${name}`);
  const generated = await generateSalesforce({ outDir: exportDir, ...SIZE[name] });
  const folder = join(work, `clean-${name}`);
  await runSync({ source: 'salesforce', inDir: exportDir, outDir: folder });
  return { generated, folder, manifest: readManifest(folder) };
}

beforeAll(async () => {
  ({ conn } = await openDuckDB());
  A = await syncSide('A');
  B = await syncSide('B');
  // The counts every kill is checked against are the generator's, counted while it wrote the CSV files.
  expect(A.manifest.tables.journeys.rows).toBe(A.generated.truth.journeys);
  expect(B.manifest.tables.journeys.rows).toBe(B.generated.truth.journeys);
  expect(A.generated.truth.journeys).not.toBe(B.generated.truth.journeys);

  // Dataset B as the content writeDataset gets, read back from its clean sync.
  const read = await readDataset(B.folder);
  const rejects = (parse(readFileSync(join(B.folder, B.manifest.rejects.file), 'utf8'), { columns: true }) as Record<string, string>[]).map(
    (r) => ({ file: r.file!, line: Number(r.line), field: r.field!, reason: r.reason!, record_id: r.record_id! }),
  );
  contentB = {
    source: read.manifest.source,
    generator: read.manifest.generator,
    stageModel: read.manifest.stage_model,
    journeys: read.journeys,
    stageEvents: read.stageEvents,
    spend: read.spend,
    rejects,
    sources: read.manifest.sources,
    unmappedStages: read.manifest.unmapped_stages,
  };
  contentFile = join(work, 'content-B.json');
  writeFileSync(contentFile, JSON.stringify(contentB));
  childScript = join(work, 'child.mjs');
  writeFileSync(childScript, CHILD);
  // sync/write-dataset.ts and what it imports, as one plain JS file: a child starts in a sixth of the
  // time tsx takes to load the TypeScript (esbuild is what tsx transforms with, too).
  writerBundle = join(work, 'write-dataset.mjs');
  await build({ entryPoints: [join(ROOT, 'sync/write-dataset.ts')], bundle: true, platform: 'node', format: 'esm', outfile: writerBundle, logLevel: 'error' });
}, 120_000);

afterAll(() => {
  conn?.close();
  // Some 90 dataset folders of a few MB each.
  rmSync(work, { recursive: true, force: true });
});

/**
 * The child: loads write-dataset.ts and dataset B's content, says "ready", and on "go" writes B into
 * its folder. Until "go" nothing is traced; after it, every fs.promises call and FileHandle call is.
 */
const CHILD = String.raw`
import fs from 'node:fs';
import { basename } from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
import { pathToFileURL } from 'node:url';

const [writer, contentFile, target, tracePath] = process.argv.slice(2);
const trace = fs.openSync(tracePath, 'w');
let armed = false;
let plan = { killAfter: null, anchor: null };
let ops = 0;
let t0 = 0;
const log = (line) => fs.writeSync(trace, (performance.now() - t0).toFixed(3) + ' ' + line + '\n');
const suicide = () => process.kill(process.pid, 'SIGKILL');

function traced(name, fn, file) {
  return async (...args) => {
    if (!armed) return fn(...args);
    const k = ops++;
    const what = basename(String(file ?? args[0]));
    log('B ' + k + ' ' + name + ' ' + what);
    try {
      return await fn(...args);
    } finally {
      log('E ' + k + ' ' + name + ' ' + what);
      if (plan.killAfter === k) suicide();
      if (plan.anchor === k) process.send({ type: 'anchor' });
    }
  };
}

const p = fs.promises;
const calls = ['rename', 'rm', 'unlink', 'link', 'mkdir', 'rmdir', 'readdir', 'readFile', 'writeFile', 'appendFile', 'copyFile', 'truncate', 'stat', 'lstat', 'access', 'cp'];
for (const name of calls) p[name] = traced(name, p[name].bind(p));
const open = p.open.bind(p);
p.open = (path, flags = 'r', ...rest) =>
  traced('open:' + flags, async () => {
    const handle = await open(path, flags, ...rest);
    for (const m of ['writeFile', 'write', 'appendFile', 'truncate', 'sync', 'datasync', 'close']) handle[m] = traced(m, handle[m].bind(handle), path);
    return handle;
  }, path)();
syncBuiltinESMExports();

const { writeDataset } = await import(pathToFileURL(writer).href);
const content = JSON.parse(fs.readFileSync(contentFile, 'utf8'));
process.on('message', async (message) => {
  if (message.type !== 'go') return;
  plan = message.plan;
  t0 = performance.now();
  armed = true;
  log('G');
  if (plan.anchor === -1) process.send({ type: 'anchor' });
  await writeDataset(target, content);
  armed = false;
  log('D');
  process.send({ type: 'done', ms: performance.now() - t0 });
});
process.send({ type: 'ready' });
`;

interface Child {
  process: ChildProcess;
  folder: string;
  tracePath: string;
  ready: Promise<void>;
  exited: Promise<NodeJS.Signals | null>;
  /** Resolves when the child has finished the step the parent times its kill from. */
  anchor: Promise<void>;
  done: Promise<number>;
}

let nextId = 0;

/** A child warming up, with its own copy of dataset A to overwrite. */
function spawnChild(): Child {
  const id = nextId++;
  const folder = join(work, `kill-${id}`);
  cpSync(A.folder, folder, { recursive: true });
  const tracePath = join(work, `trace-${id}.log`);
  const child = fork(childScript, [writerBundle, contentFile, folder, tracePath], { cwd: ROOT, execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let onDone: (ms: number) => void;
  let onAnchor: () => void;
  const done = new Promise<number>((resolve) => (onDone = resolve));
  const anchor = new Promise<void>((resolve) => (onAnchor = resolve));
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m: { type: string; ms?: number }) => {
      if (m.type === 'ready') resolve();
      if (m.type === 'anchor') onAnchor();
      if (m.type === 'done') onDone(m.ms!);
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before it was ready`)));
  });
  ready.catch(() => undefined); // a spare child killed at the end was never needed
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  return { process: child, folder, tracePath, ready, exited, anchor, done };
}

interface Step {
  k: number;
  op: string;
  file: string;
  began: number;
  ended?: number;
}

/** The file-system steps a child's trace shows, in order, and whether it finished. */
function readTrace(path: string): { steps: Step[]; finished: boolean; went: boolean } {
  const steps: Step[] = [];
  let finished = false;
  let went = false;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [t, kind, k, op, file] = line.split(' ');
    if (kind === 'G') went = true;
    if (kind === 'D') finished = true;
    if (kind === 'B') steps.push({ k: Number(k), op: op!, file: file!, began: Number(t) });
    if (kind === 'E') steps.find((s) => s.k === Number(k))!.ended = Number(t);
  }
  return { steps, finished, went };
}

/** manifest.json, or the temporary file it is written as. */
const isManifestFile = (s: Step) => s.file.endsWith('manifest.json');
const isTableTemp = (s: Step) => s.file.startsWith('.revlens-tmp-') && /-(journeys|stage_events|spend|rejects)\./.test(s.file);

/**
 * Where in the run a child was when it died, from its trace; and what the folder must hold: B once the
 * manifest rename has finished, A before it began, either while it ran.
 */
function whereKilled(trace: ReturnType<typeof readTrace>): { where: string; expect: 'A' | 'B' | 'A or B' } {
  const { steps, finished, went } = trace;
  if (!went) return { where: 'before the run began ("go" not yet read)', expect: 'A' };
  const rename = steps.find((s) => s.op === 'rename' && isManifestFile(s));
  const firstTable = steps.find((s) => s.op.startsWith('open:') && isTableTemp(s));
  const manifestOpen = steps.find((s) => s.op.startsWith('open:') && isManifestFile(s));
  if (finished) return { where: 'after the run', expect: 'B' };
  if (rename?.ended !== undefined) {
    const last = steps.at(-1)!;
    return { where: last.op === 'rm' || last.op === 'readdir' ? 'cleanup after the switch' : 'after the manifest rename, before cleanup', expect: 'B' };
  }
  if (rename) return { where: 'during the manifest rename', expect: 'A or B' };
  if (manifestOpen) return { where: 'writing manifest.json (before its rename)', expect: 'A' };
  if (firstTable) return { where: 'writing the table and rejects files', expect: 'A' };
  const locked = steps.some((s) => s.op === 'link' && s.ended !== undefined);
  return { where: locked ? 'building the first table (lock held, nothing written yet)' : 'checking the folder, taking the lock', expect: 'A' };
}

function tally(list: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const w of list) counts[w] = (counts[w] ?? 0) + 1;
  return counts;
}

describe('a sync killed with SIGKILL at any moment leaves a complete dataset', () => {
  it(`${RANDOM_KILLS} kills at random moments, ${RANDOM_AROUND_SWITCH} more around the switch, one after each step that changes the folder`, async () => {
    // Children warm up (tsx, Arrow, the content) two ahead; while one writes, the others are stopped
    // (SIGSTOP), so that every run has the machine as the clean runs had it.
    const pool: Child[] = [spawnChild(), spawnChild()];
    const run = async (plan: { killAfter: number | null; anchor: number | null; ms?: number }) => {
      pool.push(spawnChild());
      const child = pool.shift()!;
      await child.ready;
      for (const other of pool) other.process.kill('SIGSTOP');
      child.process.send({ type: 'go', plan });
      if (plan.ms !== undefined) void child.anchor.then(() => setTimeout(() => child.process.kill('SIGKILL'), plan.ms));
      // A child still alive when done (a clean run, a kill planned too late) is killed then.
      const done = await Promise.race([child.done, child.exited.then(() => null)]);
      child.process.kill('SIGKILL');
      expect(await child.exited).toBe('SIGKILL');
      for (const other of pool) other.process.kill('SIGCONT');
      return { child, trace: readTrace(child.tracePath), done };
    };

    // Clean runs: how long a write takes, and the file-system steps it makes. The median one is the
    // timeline the random moments are drawn from.
    const clean: { ms: number; steps: Step[] }[] = [];
    for (let i = 0; i < 3; i++) {
      const { child, trace, done } = await run({ killAfter: null, anchor: null });
      expect(trace.finished).toBe(true);
      clean.push({ ms: done!, steps: trace.steps });
      expect(tableShas(readManifest(child.folder))).toEqual(tableShas(B.manifest));
    }
    clean.sort((a, b) => a.ms - b.ms);
    const { ms: runMs, steps } = clean[1]!;

    // Random moments: one uniformly random moment in each of RANDOM_KILLS equal slices of the clean
    // run. The machine may be busier during a later run (other work on it): so each kill is timed from
    // the last step that ended before that moment in the clean run (the child says when it ends it),
    // and the moments keep their place in the run however fast it goes.
    const anchors = [{ k: -1, at: 0 }, ...steps.map((s) => ({ k: s.k, at: s.ended! }))];
    const randomPlan = (at: number) => {
      const anchor = anchors.filter((a) => a.at <= at).at(-1)!;
      return { killAfter: null, anchor: anchor.k, ms: at - anchor.at };
    };
    // The switch: from the folder fsync that follows the table files (then manifest.json's temporary
    // file, its fsync, its rename, the folder fsync, the cleanup) to the last step of the run.
    const manifestOpen = steps.findIndex((s) => s.op.startsWith('open:') && isManifestFile(s));
    const window = { from: steps[manifestOpen - 1]!.ended!, to: steps.at(-1)!.ended! };
    // Then a kill right after each step that changes what is in the folder (on disk the same as right
    // before the next one): a file created, written, renamed, linked or deleted.
    const changes = steps.filter((s) => !['readdir', 'readFile', 'stat', 'lstat', 'access', 'open:r', 'sync', 'datasync', 'close'].includes(s.op));
    const plans = [
      ...Array.from({ length: RANDOM_KILLS }, (_, i) => randomPlan(((i + Math.random()) / RANDOM_KILLS) * runMs)),
      ...Array.from({ length: RANDOM_AROUND_SWITCH }, (_, i) =>
        randomPlan(window.from + ((i + Math.random()) / RANDOM_AROUND_SWITCH) * (window.to - window.from)),
      ),
      ...changes.map((s) => ({ killAfter: s.k, anchor: null })),
    ];
    const landed: { random: string[]; targeted: string[] } = { random: [], targeted: [] };
    const started = performance.now();
    for (const plan of plans) {
      const { child, trace } = await run(plan);
      const { where, expect: holds } = whereKilled(trace);
      if (plan.killAfter !== null) {
        const step = steps[plan.killAfter]!;
        expect(trace.finished, `the child killed itself after step ${step.k}`).toBe(false);
        expect(trace.steps.at(-1)).toMatchObject({ k: step.k, op: step.op });
        landed.targeted.push(`after ${step.op} ${step.file.replace(/^\.revlens-tmp-\d+-[0-9a-f]+-/, '(temp) ')}: ${where}`);
      } else landed.random.push(where);

      // The folder loads, with every checksum and row count right, and is all A or all B.
      const manifest = await loadDataset(conn, child.folder);
      const shas = tableShas(manifest).join();
      const is = shas === tableShas(B.manifest).join() ? 'B' : shas === tableShas(A.manifest).join() ? 'A' : '?';
      expect(is, where).not.toBe('?');
      expect(manifest.tables.journeys.rows).toBe((is === 'A' ? A : B).generated.truth.journeys);
      if (holds !== 'A or B') expect(is, where).toBe(holds);
      killed.push({ folder: child.folder, where });
    }
    for (const child of pool) child.process.kill('SIGKILL');

    console.log(
      `kill test: ${plans.length} kills in ${((performance.now() - started) / 1000).toFixed(1)} s; clean runs took ${clean.map((c) => `${c.ms.toFixed(0)} ms`).join(', ')}; ` +
        `the switch window was ${window.from.toFixed(1)}–${window.to.toFixed(1)} ms\n` +
        `random kills landed: ${JSON.stringify(tally(landed.random), null, 2)}\nkills after each step:\n  ${landed.targeted.join('\n  ')}`,
    );
    expect(landed.random).toHaveLength(RANDOM_KILLS + RANDOM_AROUND_SWITCH);
    expect(landed.random.filter((w) => w === 'writing the table and rejects files').length).toBeGreaterThan(0);
  }, 150_000);

  it('the next sync that completes removes what the killed ones left, and nothing else', async () => {
    expect(killed.length).toBeGreaterThanOrEqual(RANDOM_KILLS);
    let withLeftovers = 0;
    for (const { folder, where } of killed) {
      const before = readManifest(folder);
      writeFileSync(join(folder, 'index.html'), 'not a file sync writes');
      const entries = readdirSync(folder);
      const expected = new Set(['manifest.json', 'index.html', ...filesOf(before), ...filesOf(B.manifest)]);
      if (entries.some((e) => !expected.has(e))) withLeftovers++;
      await writeDataset(folder, contentB);
      // The new dataset, the files of the one it replaced, the stranger: nothing else.
      expect(new Set(readdirSync(folder)), where).toEqual(expected);
      expect(tableShas(readManifest(folder))).toEqual(tableShas(B.manifest));
    }
    console.log(`cleanup: ${withLeftovers} of ${killed.length} killed folders had leftovers (temporary files, unnamed files, a lock)`);
    expect(withLeftovers).toBeGreaterThan(0);
  }, 60_000);
});

describe('the switch', () => {
  const shaOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  it('a page that fetched the previous manifest can still fetch its files after one sync, not after two', async () => {
    const folder = join(work, 'page');
    cpSync(A.folder, folder, { recursive: true });
    const fetched = readManifest(folder); // what the page got a moment before the sync
    await writeDataset(folder, contentB);
    for (const entry of Object.values(fetched.tables)) {
      const bytes = readFileSync(join(folder, entry.file));
      expect(bytes.byteLength).toBe(entry.bytes);
      expect(shaOf(bytes)).toBe(entry.sha256);
      expect(tableFromIPC(bytes).numRows).toBe(entry.rows);
    }
    expect(existsSync(join(folder, fetched.rejects.file))).toBe(true);

    // Another, different sync: the files of A (two manifests ago) go, B's stay beside the newest.
    const fewer = contentB.journeys.slice(0, 10);
    const ids = new Set(fewer.map((j) => j.journey_id));
    await writeDataset(folder, { ...contentB, journeys: fewer, stageEvents: contentB.stageEvents.filter((e) => ids.has(e.journey_id)) });
    const newest = readManifest(folder);
    expect(newest.tables.journeys.rows).toBe(10);
    expect(new Set(readdirSync(folder))).toEqual(new Set(['manifest.json', ...filesOf(newest), ...filesOf(B.manifest)]));
  });

  it('the same content gives the same files, named by their content', async () => {
    const one = join(work, 'same-1');
    const two = join(work, 'same-2');
    const m1 = await writeDataset(one, contentB);
    const m2 = await writeDataset(two, contentB);
    expect(m2.tables).toEqual(m1.tables);
    expect(m2.rejects).toEqual(m1.rejects);
    // Written by another process (the clean sync of B): the same bytes too.
    expect(m1.tables).toEqual(B.manifest.tables);
    for (const t of Object.values(m1.tables)) {
      expect(t.file).toBe(`${t.file.split('.')[0]}.${t.sha256.slice(0, 16)}.arrow`);
      expect(shaOf(readFileSync(join(one, t.file)))).toBe(t.sha256);
    }
    expect(m1.rejects.file).toMatch(/^rejects\.[0-9a-f]{16}\.csv$/);
  });

  it('a dataset of the fixed-name layout (journeys.arrow …) is replaced the same way', async () => {
    const folder = join(work, 'fixed-names');
    cpSync(A.folder, folder, { recursive: true });
    const old = readManifest(folder);
    for (const t of Object.values(old.tables)) renameSync(join(folder, t.file), join(folder, t.file.replace(/\.[0-9a-f]{16}\./, '.')));
    renameSync(join(folder, old.rejects.file), join(folder, 'rejects.csv'));
    const fixed = ['journeys.arrow', 'stage_events.arrow', 'spend.arrow', 'rejects.csv'];
    writeFileSync(
      join(folder, 'manifest.json'),
      JSON.stringify({
        ...old,
        tables: Object.fromEntries(Object.entries(old.tables).map(([name, t]) => [name, { ...t, file: `${name}.arrow` }])),
        rejects: { ...old.rejects, file: 'rejects.csv' },
      }),
    );
    await loadDataset(conn, folder);
    await writeDataset(folder, contentB);
    expect(new Set(readdirSync(folder))).toEqual(new Set(['manifest.json', ...filesOf(B.manifest), ...fixed]));
    await writeDataset(folder, { ...contentB, journeys: [], stageEvents: [] });
    expect(readdirSync(folder).filter((f) => fixed.includes(f))).toEqual([]);
  });

  it('a sync that fails halfway leaves the folder as it was', async () => {
    const folder = join(work, 'fails');
    cpSync(A.folder, folder, { recursive: true });
    const before = readdirSync(folder).sort();
    const manifest = readFileSync(join(folder, 'manifest.json'), 'utf8');
    // The journeys file is written before stage_events turns out to have an event without a stage.
    const broken = { ...contentB, stageEvents: [...contentB.stageEvents, { journey_id: contentB.journeys[0]!.journey_id as string, stage: null }] };
    await expect(writeDataset(folder, broken)).rejects.toThrow(/stage_events\.stage has 1 empty values/);
    expect(readdirSync(folder).sort()).toEqual(before);
    expect(readFileSync(join(folder, 'manifest.json'), 'utf8')).toBe(manifest);
  });

  it('refuses a folder that holds something other than a dataset, and leaves it alone', async () => {
    const stranger = tempDir();
    writeFileSync(join(stranger, 'notes.txt'), 'keep me');
    await expect(writeDataset(stranger, contentB)).rejects.toThrow(/exists and is not a RevLens dataset/);
    const webApp = tempDir();
    writeFileSync(join(webApp, 'manifest.json'), JSON.stringify({ name: 'My PWA', icons: [] }));
    await expect(writeDataset(webApp, contentB)).rejects.toThrow(/manifest\.json that is not a RevLens dataset manifest/);
    expect(readdirSync(stranger)).toEqual(['notes.txt']);
    expect(readdirSync(webApp)).toEqual(['manifest.json']);
  });

  it('a first sync killed before its manifest does not make the folder look foreign', async () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'journeys.0123456789abcdef.arrow'), 'half');
    writeFileSync(join(folder, '.revlens-tmp-999999999-abcd1234-stage_events.0123456789abcdef.arrow'), 'half');
    await writeDataset(folder, contentB);
    expect(new Set(readdirSync(folder))).toEqual(new Set(['manifest.json', ...filesOf(B.manifest)]));
  });

  it('a second sync into a folder that one is writing stops with a message', async () => {
    const folder = join(work, 'busy');
    let release!: () => void;
    const holding = withDatasetLock(folder, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((r) => setTimeout(r, 50));
    await expect(writeDataset(folder, contentB)).rejects.toThrow(/is being written by another revlens sync \(process \d+ on /);
    release();
    await holding;
    await writeDataset(folder, contentB);
    expect(readManifest(folder).tables.journeys.rows).toBe(B.generated.truth.journeys);
  });
});
