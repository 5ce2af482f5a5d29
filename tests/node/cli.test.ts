import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { metricsCommand } from '../../cli/metrics-command.ts';
import { DEFAULT_STAGE_MODEL } from '../../model/index.ts';
import { writeDataset } from '../../sync/write-dataset.ts';
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
      'drop_off',
      'drop_off_rate',
      'p25_days_from_previous',
      'p75_days_from_previous',
      'mean_days_from_previous',
      'timed_from_previous',
    ]);

    const bySource = JSON.parse((await revlens('metrics', 'funnel', '--data', out, '--by', 'source', '--json')).stdout);
    expect(Object.keys(bySource[0])[0]).toBe('source');

    const table = await revlens('metrics', 'funnel', '--data', out, '--locale', 'zh-CN');
    expect(table.stdout).toMatch(/商机\s+36/);
    expect(table.stdout).toMatch(/赢单\s+12/);
  });

  it('prints the reconciliation per file in the summary', async () => {
    const out = join(tempDir(), 'devorg');
    const { code, stdout, stderr } = await revlens('sync', '--in', fixture('salesforce-devorg'), '--out', out);
    expect(code).toBe(0);
    expect(stderr).toBe(''); // no progress bar when stderr is not a terminal
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

describe('revlens metrics: every metric from the CLI', () => {
  const devorg = join(tempDir(), 'devorg');
  beforeAll(async () => {
    expect((await revlens('sync', '--in', fixture('salesforce-devorg'), '--out', devorg)).code).toBe(0);
  });
  const json = async (...args: string[]) => {
    const r = await revlens('metrics', ...args, '--data', devorg, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  it('runs all seven on salesforce-devorg; numbers match counts from the raw Opportunity.csv', async () => {
    // Opportunity.csv: 36 rows, 20 IsClosed, 12 IsWon (won Amount sum 2,815,000): 8 lost, 16 open.
    const winloss = await json('winloss');
    expect(winloss.rates).toEqual([{ won: 12, lost: 8, win_rate: 0.6 }]);
    const [velocity] = await json('velocity');
    expect(velocity).toMatchObject({ open_opportunities: 16, won: 12, lost: 8, win_rate: 0.6 });
    const cohort = await json('cohort');
    expect(cohort.at(-1).revenue_won).toBe(2_815_000);
    const plan = await json('plan', '--target', '1000000');
    expect(plan.at(-1)).toMatchObject({ stage: 'won', reached: 12 });
    const channels = await json('channels');
    expect(channels.channels.reduce((n: number, r: { revenue: number }) => n + r.revenue, 0)).toBe(2_815_000);
    const health = await json('health', '--section', 'stagnant');
    expect(health.every((r: { ratio: number }) => r.ratio > 2)).toBe(true);
    const funnel = await json('funnel', '--mode', 'strict', '--window', '30', '--compare-from', '2026-01-01', '--compare-to', '2026-01-31');
    expect(new Set(funnel.map((r: { period: string }) => r.period))).toEqual(new Set(['current', 'comparison']));
  });

  it('funnel --counts-only: the hand-counted stages, no days between them', async () => {
    // Hand counts of the devorg fixture (tests/browser/revlens-funnel.test.ts): 53 journeys, 36 reached SQL and
    // opportunity, 12 a POC and Won.
    type Row = { reached: number; timed_from_previous: number | null };
    const counted: Row[] = await json('funnel', '--counts-only');
    expect(counted.map((r) => r.reached)).toEqual([53, 36, 36, 36, 12, 12]);
    // devorg's stage events have no times: timed, each stage counts the 0 journeys timed from the previous one;
    // counts only, that count is null like the days.
    expect(counted.map((r) => r.timed_from_previous)).toEqual([null, null, null, null, null, null]);
    const timed: Row[] = await json('funnel');
    expect(timed.map((r) => r.timed_from_previous)).toEqual([null, 0, 0, 0, 0, 0]);
    const help = await revlens('metrics', 'funnel', '--help');
    expect(help.stdout).toMatch(/--counts-only\s+counts and conversions only/);
  });

  it('prints readable tables, side by side for a comparison', async () => {
    const winloss = await revlens('metrics', 'winloss', '--data', devorg, '--by', 'industry');
    expect(winloss.stdout).toMatch(/^win rate\nindustry\s+won\s+lost\s+win rate/);
    const compared = await revlens('metrics', 'funnel', '--data', devorg, '--from', '2026-02-01', '--to', '2026-02-28', '--compare-from', '2026-01-01', '--compare-to', '2026-01-31');
    expect(compared.stdout.split('\n')[0]).toMatch(/reached.*compared: reached.*reached change/);
  });

  it('--help for each metric; bad options get one clear line before the engine starts', async () => {
    // In this process (the same code bin/revlens.js runs): a process per case would take a second each.
    const inProcess = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
      const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
      try {
        return { code: await metricsCommand(args), stdout: out.join('\n'), stderr: err.join('\n') };
      } finally {
        log.mockRestore();
        error.mockRestore();
      }
    };
    for (const metric of ['funnel', 'cohort', 'winloss', 'health', 'velocity', 'plan', 'channels']) {
      const help = await inProcess(metric, '--help');
      expect(help.code, metric).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: revlens metrics ${metric} --data`));
    }
    expect((await revlens('metrics', 'cohort', '--help')).stdout).toMatch(/--as-of <YYYY-MM-DD>/);
    const bad = async (...args: string[]) => {
      const r = await inProcess(...args);
      expect(r.code, args.join(' ')).toBe(2);
      return r.stderr.split('\n')[0];
    };
    expect(await bad('funnel', '--data', 'x', '--window', 'soon')).toMatch(/--window "soon" is not a number/);
    expect(await bad('funnel', '--data', 'x', '--mode', 'loose')).toMatch(/--mode "loose"/);
    expect(await bad('funnel', '--data', 'x', '--compare-from', '2024-01-01')).toMatch(/--compare-to/);
    expect(await bad('cohort', '--data', 'x', '--period', 'year')).toMatch(/--period "year"/);
    expect(await bad('cohort', '--data', devorg, '--stage', 'signed')).toMatch(/--stage "signed" is not a stage of this dataset; stages: lead, mql/);
    expect(await bad('winloss', '--data', 'x', '--by2', 'region')).toMatch(/by2 needs by/);
    expect(await bad('winloss', '--data', 'x', '--section', 'everything')).toMatch(/--section "everything" is not a section of winloss/);
    expect(await bad('health', '--data', 'x', '--k', '0')).toMatch(/--k "0"/);
    expect(await bad('plan', '--data', 'x')).toMatch(/--target <amount> is required/);
    expect(await bad('channels', '--data', 'x', '--colour', 'red')).toMatch(/Unknown option '--colour'/);
    expect(await bad('funnel', '--data', 'x', '--json', '--csv')).toMatch(/choose one/);
    expect(await bad('velocity', '--data', 'x', '--by', 'colour')).toMatch(/"colour" is not a dimension/);
  });

  it('--csv: raw numbers, and CRM text that looks like a formula stays text', async () => {
    const out = join(tempDir(), 'csv');
    await writeDataset(out, {
      source: 'test', generator: 'cli.test', stageModel: DEFAULT_STAGE_MODEL, rejects: [], sources: [], unmappedStages: [],
      journeys: [
        { journey_id: 'a', created_at: Date.UTC(2024, 0, 1), stage: 'won', outcome: 'won', amount_base: 1234.5, source: '=HYPERLINK("x")' },
        { journey_id: 'b', created_at: Date.UTC(2024, 0, 2), stage: 'lead', outcome: 'open', source: 'Web, "direct"' },
      ],
      stageEvents: [
        { journey_id: 'a', stage: 'lead', entered_at: Date.UTC(2024, 0, 1) },
        { journey_id: 'a', stage: 'won', entered_at: Date.UTC(2024, 0, 9) },
        { journey_id: 'b', stage: 'lead', entered_at: Date.UTC(2024, 0, 2) },
      ],
    });
    const csv = await revlens('metrics', 'channels', '--data', out, '--csv');
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe('channel,journeys,mqls,won,revenue,won_share,revenue_share,spend,cost_per_lead,cost_per_mql,cost_per_win,roi');
    // a reached Won, so it reached MQL too (reach is monotone).
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",1,1,1,1234.5,1,1,,,,,`);
    expect(lines[2]).toBe('"Web, ""direct""",1,0,0,0,0,0,,,,,');
  });
});
