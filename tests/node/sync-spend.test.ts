import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, openDuckDB, queryRows, type Connection } from '../../cli/duckdb.ts';
import { parseManifest } from '../../model/index.ts';
import { runSync } from '../../sync/index.ts';
import { fixture, tempDir } from '../support/paths.ts';

let conn: Connection;
beforeAll(async () => {
  ({ conn } = await openDuckDB());
});

const spendFile = (lines: string[]) => {
  const path = join(tempDir(), 'spend.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

const spendRows = () =>
  queryRows(conn, `SELECT channel, strftime(month, '%Y-%m') AS month, amount, currency, amount_base FROM spend ORDER BY 1, 2`);

describe('revlens sync --source spend', () => {
  it('adds channel-month spend to a dataset, keeping its journeys, sources and rejects', async () => {
    const out = join(tempDir(), 'dataset');
    await runSync({ inDir: fixture('salesforce-devorg'), outDir: out });
    const summary = await runSync({
      source: 'spend',
      inDir: spendFile([
        'channel,month,amount,currency',
        'Web,2024-01,1000,USD',
        'Web,2024-01-15,500,USD', // a date in January: adds to Web's January
        'Partner,2024/2,800,USD',
        'Trade Show,sometime,300,USD',
      ]),
      outDir: out,
    });
    expect(summary.files).toEqual([{ file: 'spend.csv', object: 'Spend', encoding: 'utf-8', read: 4, kept: 3, rejected: 1 }]);
    await loadDataset(conn, out);
    expect(spendRows()).toEqual([
      { channel: 'Partner', month: '2024-02', amount: 800, currency: 'USD', amount_base: 800 },
      { channel: 'Web', month: '2024-01', amount: 1500, currency: 'USD', amount_base: 1500 },
    ]);
    // devorg's 53 journeys and its 7 rejects stay; the spend file's reject joins them.
    expect(queryRows(conn, 'SELECT count(*)::INT AS n FROM journeys')).toEqual([{ n: 53 }]);
    const manifest = parseManifest(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    expect(manifest.sources.map((s) => s.file)).toEqual(['Account.csv', 'Lead.csv', 'Opportunity.csv', 'OpportunityHistory.csv', 'spend.csv']);
    expect(manifest.rejects.rows).toBe(8);
  });

  it('reads Chinese headers and replaces a channel-month it already has', async () => {
    const out = join(tempDir(), 'dataset');
    await runSync({ inDir: fixture('salesforce-devorg'), outDir: out });
    await runSync({ source: 'spend', inDir: spendFile(['渠道,月份,金额', '线上广告,2024年3月,1200', 'Web,2024-03,10']), outDir: out, configPath: undefined });
    await runSync({ source: 'spend', inDir: spendFile(['渠道,月份,金额', '线上广告,2024年3月,900']), outDir: out });
    await loadDataset(conn, out);
    expect(spendRows()).toEqual([
      { channel: 'Web', month: '2024-03', amount: 10, currency: null, amount_base: 10 },
      { channel: '线上广告', month: '2024-03', amount: 900, currency: null, amount_base: 900 },
    ]);
  });

  it('needs a dataset to add to, and says which columns a spend file has', async () => {
    await expect(runSync({ source: 'spend', inDir: spendFile(['channel,month,amount', 'Web,2024-01,1']), outDir: join(tempDir(), 'none') })).rejects.toThrow(
      /holds no dataset: --source spend adds spend to one/,
    );
    const out = join(tempDir(), 'dataset');
    await runSync({ inDir: fixture('salesforce-devorg'), outDir: out });
    await expect(runSync({ source: 'spend', inDir: spendFile(['channel,cost', 'Web,1']), outDir: out })).rejects.toThrow(
      /spend\.csv has no month column: a spend file has columns channel, month and amount/,
    );
  });
});
