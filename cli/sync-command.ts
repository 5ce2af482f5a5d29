import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SOURCES, runSync, type SyncSummary } from '../sync/index.ts';
import { progressBar } from './progress.ts';
import { formatTable, printable } from './table.ts';

export const SYNC_HELP = `Usage: revlens sync --in <export folder> --out <dataset folder> [options]

Turns a CRM export into a RevLens dataset (manifest.json and the files it names:
journeys, stage_events and spend as .arrow, rejects as .csv). Every input row is
kept or listed in the rejects file with its file, line and reason.

Options:
  --source <name>     the CRM the export comes from: ${SOURCES.join(', ')}
                      (detected from the files when absent)
  --in <folder>       the export folder, or one CSV file: Salesforce Lead.csv,
                      Opportunity.csv, OpportunityHistory.csv (+ Account.csv, User.csv)
                      or report exports; HubSpot deals/contacts exports; a Pipedrive
                      deals export; any CSV with a "mapping" in the config; with
                      --source spend, a CSV of channel, month, amount (currency) that
                      is added to the dataset already in --out
  --out <folder>      the dataset folder to write; readers see the previous dataset
                      until the new one is complete, then the new one
  --merge             fold this export into the dataset in --out instead of replacing
                      it: journeys by id (the later updated_at wins, with its stage
                      events), spend by channel and month; the same export twice
                      changes nothing
  --config <file>     JSON config: stage-name map, lead statuses, field choices
  --encoding <name>   read every file in this encoding instead of detecting it
  --json              print the summary as JSON
  -h, --help          this help`;

export function formatSyncSummary(s: SyncSummary): string {
  const total = (k: 'read' | 'kept' | 'rejected') => String(s.files.reduce((n, f) => n + f[k], 0));
  const rows = s.files.map((f) => [f.file, f.object, String(f.read), String(f.kept), String(f.rejected), f.encoding]);
  rows.push(['total', '', total('read'), total('kept'), total('rejected'), '']);
  const out = [
    `revlens sync: ${s.source} export ${s.in} → ${s.out}`,
    '',
    formatTable(['file', 'object', 'read', 'kept', 'rejected', 'encoding'], rows, new Set([2, 3, 4])),
    '',
    `journeys: ${s.journeys}   stage events: ${s.stage_events}`,
  ];
  if (s.merged) {
    const j = s.merged.journeys;
    out.push(
      `merged into the dataset's ${j.previous} journeys: ${j.added} added, ${j.replaced} updated, ${j.kept} kept (the dataset's record was newer), ${j.carried} not in this export`,
    );
  }
  if (s.not_read.length) out.push(`not read (not part of a ${s.source} journey): ${s.not_read.join(', ')}`);
  if (s.unmapped_stages.length) {
    const names = s.unmapped_stages.map((u) => `${u.object} "${printable(u.name)}" (${u.rows} rows)`).join(', ');
    out.push(
      `stage names not in the stage map: ${names}.`,
      `  Opportunity stages count as Opportunity, lead statuses as Lead; map them in a --config file ("stages", "leadStatuses").`,
    );
  }
  if (s.rejected) out.push(`${s.rejected} rejected rows, with file, line and reason: ${join(s.out, s.rejects_file)}`);
  for (const note of s.notes) out.push(`note: ${note}`);
  return out.join('\n');
}

export async function syncCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      source: { type: 'string' },
      in: { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string' },
      encoding: { type: 'string' },
      merge: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(SYNC_HELP);
    return 0;
  }
  if (!values.in || !values.out) {
    console.error(`revlens sync: --in and --out are required\n\n${SYNC_HELP}`);
    return 2;
  }
  // Progress only for a person at a terminal: never in --json output or a log file.
  const bar = !values.json && process.stderr.isTTY ? progressBar() : undefined;
  let summary;
  try {
    summary = await runSync({
      source: values.source,
      inDir: values.in,
      outDir: values.out,
      configPath: values.config,
      encoding: values.encoding,
      onProgress: bar?.update,
      merge: values.merge,
    });
  } finally {
    bar?.done();
  }
  console.log(values.json ? JSON.stringify(summary, null, 2) : formatSyncSummary(summary));
  return 0;
}
