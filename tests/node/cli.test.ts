import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, fixture, tempDir } from '../support/paths.ts';

const run = promisify(execFile);

/** Runs bin/revlens.js as a user would; returns exit code and output instead of throwing. */
async function revlens(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin/revlens.js'), ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('revlens CLI', () => {
  it('syncs salesforce-devorg and prints its funnel as JSON: 36 reach Opportunity, 12 Won', async () => {
    const out = join(tempDir(), 'devorg');
    const sync = await revlens('sync', '--source', 'salesforce', '--in', fixture('salesforce-devorg'), '--out', out, '--json');
    expect(sync.code).toBe(0);
    const summary = JSON.parse(sync.stdout);
    expect(summary.journeys).toBe(53);

    const funnel = await revlens('metrics', 'funnel', '--data', out, '--json');
    expect(funnel.code).toBe(0);
    const rows = JSON.parse(funnel.stdout) as { stage: string; reached: number }[];
    const reached = Object.fromEntries(rows.map((r) => [r.stage, r.reached]));
    // Opportunity.csv has 36 data rows, 12 of them with IsWon TRUE (counted from the raw file).
    expect(reached.opportunity).toBe(36);
    expect(reached.won).toBe(12);
    expect(Object.keys(rows[0]!)).toEqual([
      'stage',
      'label',
      'reached',
      'conversion_from_previous',
      'conversion_from_first',
      'median_days_from_previous',
    ]);

    const bySource = JSON.parse((await revlens('metrics', 'funnel', '--data', out, '--by', 'source', '--json')).stdout);
    expect(Object.keys(bySource[0])[0]).toBe('source');

    const table = await revlens('metrics', 'funnel', '--data', out, '--locale', 'zh-CN');
    expect(table.stdout).toMatch(/商机\s+36/);
    expect(table.stdout).toMatch(/赢单\s+12/);
  });

  it('prints the reconciliation per file in the summary', async () => {
    const out = join(tempDir(), 'devorg');
    const { code, stdout } = await revlens('sync', '--in', fixture('salesforce-devorg'), '--out', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(/OpportunityHistory\.csv\s+OpportunityHistory\s+48\s+41\s+7/);
    expect(stdout).toMatch(/total\s+124\s+117\s+7/);
  });

  it('exits non-zero with one clear line when nothing usable is read', async () => {
    const { code, stderr } = await revlens('sync', '--in', tempDir(), '--out', join(tempDir(), 'x'));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/does not look like an export sync knows \(CSV files there: none\).*salesforce: Lead\.csv, Opportunity\.csv or OpportunityHistory\.csv/);
  });

  it('explains bad arguments', async () => {
    expect((await revlens('sync', '--in', 'x')).stderr).toMatch(/--in and --out are required/);
    expect((await revlens('metrics', 'funnel', '--data', 'x', '--by', 'colour')).stderr).toMatch(/"colour" is not a dimension/);
    expect((await revlens('metrics', 'funnel', '--data', tempDir())).stderr).toMatch(/manifest\.json not found/);
    const badDate = await revlens('metrics', 'funnel', '--data', 'x', '--from', '2024-13-01');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--from "2024-13-01": not a calendar date/);
    expect((await revlens('frobnicate')).code).toBe(2);
  });
});
