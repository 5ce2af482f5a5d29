import type { SourceFile } from '../model/index.ts';
import type { CsvFile, CsvRecord } from './csv.ts';
import type { Reject } from './types.ts';

/**
 * Accounts for every record of every file read: each is kept or rejected exactly once, so that
 * read = kept + rejected holds by construction and is checked before anything is written.
 */
export class Ledger {
  readonly rejects: Reject[] = [];
  private readonly tallies: { file: CsvFile; object: string; kept: Set<CsvRecord>; rejected: Set<CsvRecord> }[] = [];

  /** Starts the tally of one file; returns the functions that settle its records. */
  open(file: CsvFile, object: string) {
    const tally = { file, object, kept: new Set<CsvRecord>(), rejected: new Set<CsvRecord>() };
    this.tallies.push(tally);
    return {
      keep: (record: CsvRecord) => {
        if (!tally.rejected.has(record)) tally.kept.add(record);
      },
      /** Rejecting a record that was kept earlier takes it back out of the kept count. */
      reject: (record: CsvRecord, field: string, reason: string, recordId: string | null) => {
        if (tally.rejected.has(record)) return;
        tally.kept.delete(record);
        tally.rejected.add(record);
        this.rejects.push({ file: file.name, line: record.line, field, reason, record_id: recordId ?? '' });
      },
    };
  }

  sources(): SourceFile[] {
    return this.tallies.map(({ file, object, kept, rejected }) => {
      const read = file.records.length;
      if (kept.size + rejected.size !== read) {
        const lost = file.records.find((r) => !kept.has(r) && !rejected.has(r));
        throw new Error(`internal: ${file.name} line ${lost?.line}: record neither kept nor rejected`);
      }
      return { file: file.name, object, encoding: file.encoding, read, kept: kept.size, rejected: rejected.size };
    });
  }
}
