import { DEFAULT_STAGE_MODEL, type Manifest, type SourceFile } from '../model/index.ts';
import { loadConfig } from './config.ts';
import { SyncError } from './errors.ts';
import { readSalesforce } from './salesforce/index.ts';
import { writeDataset } from './write-dataset.ts';

export { SyncError } from './errors.ts';

export const SOURCES = ['salesforce'] as const;
export type Source = (typeof SOURCES)[number];

export interface SyncOptions {
  source?: string;
  inDir: string;
  outDir: string;
  configPath?: string;
  /** Overrides encoding detection for every file, e.g. "windows-1252", "gb18030". */
  encoding?: string;
}

/** What sync did, for people (printed) and scripts (--json). */
export interface SyncSummary {
  source: Source;
  in: string;
  out: string;
  files: SourceFile[];
  not_read: string[];
  journeys: number;
  stage_events: number;
  rejected: number;
  rejects_file: string;
  unmapped_stages: Manifest['unmapped_stages'];
  notes: string[];
}

/** Reads a CRM export folder and writes a dataset folder; throws SyncError with what to fix. */
export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const source = (options.source ?? 'salesforce') as Source;
  if (!SOURCES.includes(source)) {
    throw new SyncError(`unknown --source "${options.source}": supported sources are ${SOURCES.join(', ')}`);
  }
  const config = await loadConfig(options.configPath);
  const model = DEFAULT_STAGE_MODEL;
  const read = await readSalesforce(options.inDir, config, model, options.encoding);
  const sources = read.ledger.sources();
  const rejects = read.ledger.rejects;

  if (read.journeys.length === 0) {
    const total = sources.reduce((n, s) => n + s.read, 0);
    const reasons = rejects.slice(0, 5).map((r) => `  ${r.file} line ${r.line}${r.field ? ` (${r.field})` : ''}: ${r.reason}`);
    throw new SyncError(
      `nothing usable in ${options.inDir}: ${total} records read, ${rejects.length} rejected, no journeys${reasons.length ? `. First problems:\n${reasons.join('\n')}` : ''}`,
    );
  }

  const manifest = await writeDataset(options.outDir, {
    source,
    generator: 'revlens sync',
    stageModel: model,
    journeys: read.journeys,
    stageEvents: read.stageEvents,
    rejects,
    sources,
    unmappedStages: read.unmappedStages,
  });
  return {
    source,
    in: options.inDir,
    out: options.outDir,
    files: sources,
    not_read: read.notRead,
    journeys: manifest.tables.journeys.rows,
    stage_events: manifest.tables.stage_events.rows,
    rejected: rejects.length,
    rejects_file: manifest.rejects.file,
    unmapped_stages: manifest.unmapped_stages,
    notes: read.notes,
  };
}
