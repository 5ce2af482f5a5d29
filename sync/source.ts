import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { StageModel } from '../model/index.ts';
import type { Config } from './config.ts';
import { openCsv, type CsvFile } from './csv.ts';
import { decideDateOrder, type DateRules } from './dates.ts';
import { SyncError } from './errors.ts';
import type { JourneyDraft } from './journey.ts';
import { Ledger } from './ledger.ts';
import { Money } from './money.ts';

export interface Progress {
  bytes: number;
  totalBytes: number;
  records: number;
}

/** What a reader gets: the export's files, the config, and the shared bookkeeping. */
export class ReaderContext {
  readonly ledger = new Ledger();
  readonly notes: string[] = [];
  readonly money: Money;
  private readonly cache = new Map<string, Promise<CsvFile>>();
  private rules: DateRules | undefined;
  private bytesRead = 0;
  /** Told how far sync has got, after each chunk read: bytes read (a file read twice counts twice), of how many, and records. */
  onProgress: ((p: Progress) => void) | undefined;
  totalBytes = 0;

  private progress(bytes: number): void {
    this.bytesRead += bytes;
    this.onProgress?.({ bytes: this.bytesRead, totalBytes: this.totalBytes, records: this.ledger.recordsRead });
  }

  constructor(
    /** The folder the CSV files are in. */
    readonly dir: string,
    /** The CSV files to read (names within `dir`). */
    readonly csvNames: string[],
    readonly config: Config,
    readonly model: StageModel,
    private readonly encoding: string | undefined,
  ) {
    this.money = new Money(config.currency, config.fx);
  }

  /** The export's CSV files, for `--in` a folder or one file. */
  static async open(inPath: string, config: Config, model: StageModel, encoding?: string): Promise<ReaderContext> {
    let info;
    try {
      info = await stat(inPath);
    } catch {
      throw new SyncError(`${inPath} does not exist: point --in at the export folder (or one CSV file)`);
    }
    const ctx = info.isFile()
      ? new ReaderContext(dirname(inPath), [basename(inPath)], config, model, encoding)
      : new ReaderContext(inPath, (await readdir(inPath)).filter((n) => n.toLowerCase().endsWith('.csv')).sort(), config, model, encoding);
    for (const name of ctx.csvNames) ctx.totalBytes += (await stat(join(ctx.dir, name))).size;
    return ctx;
  }

  /** The file of this name, matched regardless of case, if the export has it. */
  find(name: string): string | undefined {
    return this.csvNames.find((n) => n.toLowerCase() === name.toLowerCase());
  }

  /** A file opened once (encoding and header), however often asked; its records stream on demand. */
  read(name: string): Promise<CsvFile> {
    let file = this.cache.get(name);
    if (!file) this.cache.set(name, (file = openCsv(join(this.dir, name), this.encoding, (n) => this.progress(n))));
    return file;
  }

  /** Notes on report footers, once the files have been read to the end. */
  async noteFooters(): Promise<void> {
    for (const promise of this.cache.values()) {
      const file = await promise;
      {
        if (!file.footer.length) continue;
        this.notes.push(`${file.name} ends with a report footer (${file.footer.length} lines, "${file.footer[0]}"): not records, not counted`);
        // The report says how many records it has: a different count means lines were lost on the way.
        const total = /^Grand Totals \((\d+) records?\)/i.exec(file.footer[0]!)?.[1];
        if (total !== undefined && Number(total) !== file.count) {
          this.notes.push(`${file.name}: the footer says ${total} records, the file has ${file.count}: export the report again`);
        }
      }
    }
  }

  /**
   * How to read the export's dates: the day/month order decided from the values in these date
   * columns (see decideDateOrder), and the config's time zone. Decided once per export.
   */
  async dates(columns: { file: CsvFile; column: string }[]): Promise<DateRules> {
    // A day of slack: an export made today in a zone ahead of UTC has times "tomorrow" in UTC.
    const latest = Date.now() + 86_400_000;
    this.rules ??= { order: await decideDateOrder(columns, this.config.dateOrder), zone: this.config.timezone, latest };
    return this.rules;
  }
}

export interface SourceRead {
  /** CRM stage names not in the stage map, with how many records carry each. */
  unmappedStages: { object: string; name: string; rows: number }[];
  /** The files read, so the summary can list the others as not read. */
  read: string[];
}

export interface Reader {
  /** The `--source` name. */
  source: string;
  /** The files it reads, for messages: "Lead.csv, Opportunity.csv or OpportunityHistory.csv". */
  expects: string;
  /** Whether the export looks like this source's, from its files' names and headers. */
  detect(ctx: ReaderContext): Promise<boolean>;
  /** Reads the export, handing each journey to `emit` as soon as it is complete. */
  read(ctx: ReaderContext, emit: (draft: JourneyDraft) => void): Promise<SourceRead>;
}
