/**
 * Runs in Node before the browser tests: syncs the real Salesforce fixture into tests/.data/, computes the
 * funnel there with the Node engine (cli/duckdb.ts) and hands the rows to the browser tests, so every number
 * the element draws is checked against numbers that were not computed by the element.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tableFromIPC } from 'apache-arrow';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateSalesforce } from '../../bench/generate-salesforce.ts';
import type { TestProject } from 'vitest/node';
import { loadDataset, openDuckDB, queryRows } from '../../cli/duckdb.ts';
import { funnelSql, shapeFunnel, type FunnelRow, type FunnelSpec } from '../../metrics/index.ts';
import { DEFAULT_STAGE_MODEL, type Locale, type TableName } from '../../model/index.ts';
import { runSync } from '../../sync/index.ts';
import type { Row } from '../../sync/types.ts';
import { tableIPC, writeDataset } from '../../sync/write-dataset.ts';
import { ROOT, fixture } from '../support/paths.ts';
import { EMPTY_RANGE, EVIL_SOURCE } from './cases.ts';
import type { SetupContext } from './setup-context.ts';

const DATA = join(ROOT, 'tests/.data');

declare module 'vitest' {
  export interface ProvidedContext {
    devorgEn: FunnelRow[];
    devorgZh: FunnelRow[];
    devorgEmptyRange: FunnelRow[];
    xssBySource: FunnelRow[];
  }
}

type ManifestJson = { schema_version: number; tables: Record<string, { sha256: string; rows: number }> };

/** Copies of devorg that must fail with a message: a newer schema version, a wrong checksum (of the journeys; of the stage events, which the page counts the first funnel from), a wrong row count. */
const BROKEN: Record<string, (manifest: ManifestJson) => void> = {
  'bad-version': (m) => (m.schema_version = 99),
  'bad-checksum': (m) => (m.tables.journeys!.sha256 = '0'.repeat(64)),
  'bad-events-checksum': (m) => (m.tables.stage_events!.sha256 = '0'.repeat(64)),
  'bad-rows': (m) => (m.tables.stage_events!.rows += 1),
};

export default async function setup(project: TestProject): Promise<void> {
  // Only the folders this file writes: other test projects may keep their own data next to them.
  for (const name of ['devorg', 'xss', 'demo', 'demo-export', 'live', 'misplaced-journeys', 'orphan-events', ...Object.keys(BROKEN)]) await rm(join(DATA, name), { recursive: true, force: true });
  await mkdir(DATA, { recursive: true });

  const devorg = join(DATA, 'devorg');
  await runSync({ source: 'salesforce', inDir: fixture('salesforce-devorg'), outDir: devorg });
  await writeBrokenCopies(devorg);
  await writeMisplacedCopy(devorg);
  await writeOrphanCopy(devorg);
  const xss = join(DATA, 'xss');
  await writeXssDataset(xss);

  const { conn } = await openDuckDB();
  const funnel = async (folder: string, spec: FunnelSpec, locale: Locale) => {
    const manifest = await loadDataset(conn, folder);
    const sql = funnelSql(spec, manifest.stage_model);
    return shapeFunnel(queryRows(conn, sql), spec, manifest.stage_model, locale);
  };
  project.provide('devorgEn', await funnel(devorg, {}, 'en'));
  project.provide('devorgZh', await funnel(devorg, {}, 'zh-CN'));
  project.provide('devorgEmptyRange', await funnel(devorg, EMPTY_RANGE, 'en'));
  project.provide('xssBySource', await funnel(xss, { by: 'source' }, 'en'));

  // A realistic generated dataset (channels, regions, industries, owners, loss reasons, POCs, open deals).
  const demo = join(DATA, 'demo');
  const sample = join(DATA, 'demo-export');
  await rm(demo, { recursive: true, force: true });
  await generateSalesforce({ outDir: sample, opportunities: 600, seed: 7 });
  await runSync({ source: 'salesforce', inDir: sample, outDir: demo });

  // Each widget's tests compute what they expect here, in Node, from its own file in setup/.
  const context: SetupContext = { conn, data: DATA, datasets: { devorg, xss, demo } };
  const dir = join(import.meta.dirname, 'setup');
  for (const name of (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(pathToFileURL(join(dir, name)).href)) as { default: (p: TestProject, c: SetupContext) => Promise<void> };
    await mod.default(project, context);
  }
  conn.close();
}

async function writeBrokenCopies(devorg: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(devorg, 'manifest.json'), 'utf8')) as ManifestJson;
  for (const [name, change] of Object.entries(BROKEN)) {
    const dir = join(DATA, name);
    await cp(devorg, dir, { recursive: true });
    const copy = structuredClone(manifest);
    change(copy);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(copy, null, 2));
  }
}

/**
 * A copy of devorg whose journeys file has its first two rows swapped (journey_key 1, 0, 2, …), with a manifest
 * that matches the file: only the page's line-up check can refuse it (as the next one's orphan event).
 */
async function writeMisplacedCopy(devorg: string): Promise<void> {
  await writeChangedCopy(devorg, 'misplaced-journeys', 'journeys', (rows) => ([rows[0], rows[1]] = [rows[1]!, rows[0]!]));
}

/** A copy of devorg whose last stage event points at journey_key 10,000 (no such journey), its manifest matching. */
async function writeOrphanCopy(devorg: string): Promise<void> {
  await writeChangedCopy(devorg, 'orphan-events', 'stage_events', (rows) => (rows.at(-1)!.journey_key = 10_000));
}

/** A copy of devorg with one table's rows changed, written again with a manifest that matches it. */
async function writeChangedCopy(devorg: string, name: string, table: TableName, change: (rows: Row[]) => void): Promise<void> {
  const dir = join(DATA, name);
  await cp(devorg, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as ManifestJson & { tables: Record<string, { file: string; bytes: number }> };
  const entry = manifest.tables[table]!;
  const rows = tableFromIPC(await readFile(join(dir, entry.file))).toArray().map((r) => r.toJSON() as Row);
  change(rows);
  const bytes = tableIPC(table, rows);
  await writeFile(join(dir, entry.file), bytes);
  Object.assign(entry, { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

/** A small dataset whose `source` holds markup, to show CRM text is drawn as text. */
async function writeXssDataset(dir: string): Promise<void> {
  const journeys: Row[] = [];
  const stageEvents: Row[] = [];
  const day = Date.UTC(2025, 0, 6);
  const add = (source: string, deepest: number) => {
    const id = `j${journeys.length + 1}`;
    const stages = DEFAULT_STAGE_MODEL.stages.slice(0, deepest + 1).map((s) => s.key);
    const won = stages.at(-1) === 'won';
    journeys.push({ journey_id: id, created_at: day, stage: stages.at(-1)!, outcome: won ? 'won' : 'open', source });
    stages.forEach((stage, i) => stageEvents.push({ journey_id: id, stage, entered_at: day + i * 2 * 86_400_000 }));
  };
  for (const deepest of [0, 0, 1, 3, 5]) add('Web', deepest);
  for (const deepest of [0, 2, 4]) add(EVIL_SOURCE, deepest);
  await writeDataset(dir, {
    source: 'test',
    generator: 'tests/browser/global-setup.ts',
    stageModel: DEFAULT_STAGE_MODEL,
    journeys,
    stageEvents,
    rejects: [],
    sources: [],
    unmappedStages: [],
  });
}
