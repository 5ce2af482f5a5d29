import { DEFAULT_STAGE_MODEL, type Manifest, type SourceFile } from '../model/index.ts';
import { loadConfig } from './config.ts';
import { SyncError } from './errors.ts';
import { JourneyRows } from './journey.ts';
import { mergeIntoDataset, type MergeSummary } from './merge.ts';
import { hubspot } from './hubspot/index.ts';
import { anyCsv } from './mapped/index.ts';
import { pipedrive } from './pipedrive/index.ts';
import { salesforce } from './salesforce/index.ts';
import { ReaderContext, type Progress, type Reader, type SourceRead } from './source.ts';
import { addSpend } from './spend.ts';

export type { Progress } from './source.ts';
import { TableWriter } from './table-writer.ts';
import { stagingPath, withDatasetLock, writeDataset, type DatasetContent } from './write-dataset.ts';

export { SyncError } from './errors.ts';

/** The readers, in the order detection tries them. */
const READERS: Reader[] = [anyCsv, salesforce, hubspot, pipedrive];
export const SOURCES = [...READERS.map((r) => r.source), 'spend'];

export interface SyncOptions {
  /** The CRM; detected from the files when absent. */
  source?: string;
  /** The export folder, or one CSV file. */
  inDir: string;
  outDir: string;
  configPath?: string;
  /** Overrides encoding detection for every file, e.g. "windows-1252", "gb18030". */
  encoding?: string;
  /** Told how far reading has got, after each chunk. */
  onProgress?: (progress: Progress) => void;
  /**
   * Fold this export into the dataset already in outDir instead of replacing it: journeys upserted by
   * journey_id (the later updated_at wins), spend by channel and month (sync/merge.ts).
   */
  merge?: boolean;
}

/** What sync did, for people (printed) and scripts (--json). */
export interface SyncSummary {
  source: string;
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
  /** With merge: how this export's journeys and spend met the dataset's. */
  merged?: MergeSummary;
}

function spendSummary(options: SyncOptions, ctx: ReaderContext, { manifest, merged }: Awaited<ReturnType<typeof addSpend>>): SyncSummary {
  const files = ctx.ledger.sources();
  ctx.notes.push(`spend: ${merged.spend.incoming} channel-months added to the dataset (${merged.spend.replaced} replaced ones it had), ${merged.spend.total} in all`);
  return {
    source: 'spend',
    in: options.inDir,
    out: options.outDir,
    files,
    not_read: [],
    journeys: manifest.tables.journeys.rows,
    stage_events: manifest.tables.stage_events.rows,
    rejected: files.reduce((n, f) => n + f.rejected, 0),
    rejects_file: manifest.rejects.file,
    unmapped_stages: [],
    notes: ctx.notes,
  };
}

async function chooseReader(ctx: ReaderContext, source: string | undefined): Promise<Reader> {
  if (source) {
    const reader = READERS.find((r) => r.source === source);
    if (!reader) throw new SyncError(`unknown --source "${source}": supported sources are ${SOURCES.join(', ')}`);
    return reader;
  }
  for (const reader of READERS) if (await reader.detect(ctx)) return reader;
  throw new SyncError(
    `${ctx.dir} does not look like an export sync knows (CSV files there: ${ctx.csvNames.join(', ') || 'none'}): point --in at an export sync reads — ${READERS.map((r) => `${r.source}: ${r.expects}`).join('; ')} — or name it with --source`,
  );
}

/** Reads a CRM export and writes a dataset folder; throws SyncError with what to fix. */
export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const config = await loadConfig(options.configPath);
  const model = DEFAULT_STAGE_MODEL;
  const ctx = await ReaderContext.open(options.inDir, config, model, options.encoding);
  ctx.onProgress = options.onProgress;
  if (options.source === 'spend') return spendSummary(options, ctx, await addSpend(options.outDir, ctx));
  const reader = await chooseReader(ctx, options.source);
  if (!(await reader.detect(ctx))) {
    throw new SyncError(`${ctx.dir} has no ${reader.expects} (CSV files there: ${ctx.csvNames.join(', ') || 'none'}): point --in at the export`);
  }
  // --merge needs every row at hand to fold; a plain sync streams its tables to disk as it reads.
  if (options.merge) {
    const rows = new JourneyRows(model);
    const { read, content } = await readExport(ctx, reader, rows, options);
    const { manifest, merged } = await mergeIntoDataset(options.outDir, { ...content, journeys: rows.journeys, stageEvents: rows.stageEvents });
    return summary(options, ctx, read, content, manifest, merged);
  }
  return withDatasetLock(options.outDir, async (folder) => {
    const rows = new JourneyRows(model);
    const journeys = new TableWriter('journeys', stagingPath(folder, 'journeys.arrow'));
    const events = new TableWriter('stage_events', stagingPath(folder, 'stage_events.arrow'));
    rows.onJourney = (row) => journeys.add(row);
    rows.onStageEvent = (row) => events.add(row);
    try {
      const { read, content } = await readExport(ctx, reader, rows, options);
      const staged = { journeys: await journeys.finish(), stage_events: await events.finish() };
      const manifest = await writeDataset(folder, { ...content, staged });
      return summary(options, ctx, read, content, manifest, undefined);
    } finally {
      // Put in place by writeDataset, or left by a failure: either way not to be left here.
      await Promise.all([journeys.discard(), events.discard()]);
    }
  });
}

/** Reads the export into `rows`; what is left to write is the content without the tables. */
async function readExport(ctx: ReaderContext, reader: Reader, rows: JourneyRows, options: SyncOptions) {
  const read = await reader.read(ctx, (draft) => rows.add(draft));
  await ctx.noteFooters();
  if (rows.enteredBeforeCreated) {
    ctx.notes.push(
      `${rows.enteredBeforeCreated} journeys entered a stage more than a day before they were created (e.g. ${rows.example}): kept as exported; records imported into the CRM often look like this`,
    );
  }
  if (rows.currencies.size > 1) ctx.notes.push(`amounts in ${[...rows.currencies].join(', ')}; amount_base is in ${ctx.money.baseCurrency}`);
  // Files as a folder listing shows them, whatever order the reader needed.
  const sources = ctx.ledger.sources().sort((a, b) => a.file.localeCompare(b.file));
  const rejects = ctx.ledger.rejects;
  if (rows.journeyCount === 0) {
    const total = sources.reduce((n, s) => n + s.read, 0);
    const reasons = rejects.slice(0, 5).map((r) => `  ${r.file} line ${r.line}${r.field ? ` (${r.field})` : ''}: ${r.reason}`);
    throw new SyncError(
      `nothing usable in ${options.inDir}: ${total} records read, ${rejects.length} rejected, no journeys${reasons.length ? `. First problems:\n${reasons.join('\n')}` : ''}`,
    );
  }
  const content: DatasetContent = {
    source: reader.source,
    generator: 'revlens sync',
    stageModel: ctx.model,
    journeys: [],
    stageEvents: [],
    rejects,
    sources,
    unmappedStages: read.unmappedStages,
  };
  return { read, content };
}

function summary(
  options: SyncOptions,
  ctx: ReaderContext,
  read: SourceRead,
  content: DatasetContent,
  manifest: Manifest,
  merged: MergeSummary | undefined,
): SyncSummary {
  return {
    source: content.source,
    in: options.inDir,
    out: options.outDir,
    files: content.sources,
    not_read: ctx.csvNames.filter((n) => !read.read.includes(n)),
    journeys: manifest.tables.journeys.rows,
    stage_events: manifest.tables.stage_events.rows,
    rejected: content.rejects.length,
    rejects_file: manifest.rejects.file,
    unmapped_stages: manifest.unmapped_stages,
    notes: ctx.notes,
    ...(merged ? { merged } : {}),
  };
}
