import type { SourceFile } from '../model/index.ts';
import { own, type CsvFile, type CsvRecord } from './csv.ts';
import type { Reject } from './types.ts';

interface Tally {
  file: CsvFile;
  object: string;
  read: number;
  kept: number;
  rejected: number;
}

/**
 * Accounts for every record of every file read: each is kept or rejected exactly once (a mark on
 * the record), so read = kept + rejected holds by construction and is checked before anything is
 * written.
 */
export class Ledger {
  readonly rejects: Reject[] = [];
  private readonly tallies: Tally[] = [];
  /** Records read so far, all files together. */
  recordsRead = 0;

  /** Starts the tally of one file; returns the functions that count and settle its records. */
  open(file: CsvFile, object: string) {
    const tally: Tally = { file, object, read: 0, kept: 0, rejected: 0 };
    this.tallies.push(tally);
    return {
      /** Every record read, before it is settled. */
      read: () => {
        tally.read++;
        this.recordsRead++;
      },
      keep: (record: CsvRecord) => {
        if (record.settled !== 0) return;
        record.settled = 1;
        tally.kept++;
      },
      /** Rejecting a record that was kept earlier takes it back out of the kept count. */
      reject: (record: CsvRecord, field: string, reason: string, recordId: string | null) => {
        if (record.settled === 2) return;
        if (record.settled === 1) tally.kept--;
        record.settled = 2;
        tally.rejected++;
        // Owned copies: a reject lives to the end of the sync, its text must not keep a chunk alive.
        this.rejects.push({ file: file.name, line: record.line, field: own(field), reason: own(reason), record_id: own(recordId ?? '') });
      },
    };
  }

  sources(): SourceFile[] {
    return this.tallies.map(({ file, object, read, kept, rejected }) => {
      if (kept + rejected !== read) {
        throw new Error(`internal: ${file.name}: ${read} records read, ${kept} kept and ${rejected} rejected`);
      }
      return { file: file.name, object, encoding: file.encoding, read, kept, rejected };
    });
  }
}
