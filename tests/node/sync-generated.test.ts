import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSalesforce, type GeneratedCounts } from '../../bench/generate-salesforce.ts';
import { loadDataset, openDuckDB, queryRows, type Connection } from '../../cli/duckdb.ts';
import { funnelSql, shapeFunnel } from '../../metrics/index.ts';
import { DEFAULT_STAGE_MODEL } from '../../model/index.ts';
import { runSync } from '../../sync/index.ts';
import { ROOT, tempDir } from '../support/paths.ts';

let conn: Connection;
beforeAll(async () => {
  ({ conn } = await openDuckDB());
});

/**
 * The generator counts, while it writes, how far each journey went; bench/verify-salesforce.ts
 * recounts that from the CSV rows with another parser (csv-parse) and must agree. Sync and the funnel,
 * reading only the CSV files, must then arrive at the same numbers, in either export layout.
 */
describe.each(['dataloader', 'weekly'] as const)('a generated %s export', (layout) => {
  let generated: GeneratedCounts;
  let summary: Awaited<ReturnType<typeof runSync>>;
  const out = join(tempDir(), 'dataset');

  beforeAll(async () => {
    const inDir = join(tempDir(), 'export');
    generated = await generateSalesforce({ outDir: inDir, opportunities: 400, seed: 11, layout });
    const counts = join(tempDir(), 'counts.json');
    writeFileSync(counts, JSON.stringify(generated));
    // Throws (non-zero exit) listing the problems if the recount differs from the generator's truth.
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/verify-salesforce.ts'), inDir, counts], { cwd: ROOT });
    summary = await runSync({ source: 'salesforce', inDir, outDir: out });
    await loadDataset(conn, out);
  }, 120_000);

  it('reads every row: the deleted leads are the only rejects', () => {
    for (const f of summary.files) {
      expect(f.read, f.file).toBe(generated.files[f.file as keyof GeneratedCounts['files']].rows);
      expect(f.read).toBe(f.kept + f.rejected);
    }
    expect(summary.rejected).toBe(generated.deletedLeads);
    expect(summary.unmapped_stages).toEqual([]);
  });

  it('finds the journeys, the funnel and the outcomes the generator made', () => {
    expect(summary.journeys).toBe(generated.truth.journeys);
    const rows = shapeFunnel(queryRows(conn, funnelSql({}, DEFAULT_STAGE_MODEL)), {}, DEFAULT_STAGE_MODEL);
    expect(Object.fromEntries(rows.map((r) => [r.stage, r.reached]))).toEqual(generated.truth.reached);
    const outcomes = Object.fromEntries(
      queryRows(conn, `SELECT outcome, count(*)::INT AS n FROM journeys WHERE opportunity_id IS NOT NULL GROUP BY ALL`).map((r) => [r.outcome, r.n]),
    );
    const { won, lost, open } = generated.truth.opportunities;
    expect(outcomes).toEqual({ won, lost, open });
  });
});
