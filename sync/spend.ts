import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../model/index.ts';
import { openCsv, readAll } from './csv.ts';
import { parseTime } from './dates.ts';
import { mergeContent, type MergeSummary } from './merge.ts';
import { readDataset } from './read-dataset.ts';
import type { Reject } from './types.ts';
import { withDatasetLock, writeDataset } from './write-dataset.ts';
import { SyncError } from './errors.ts';
import { FieldProblem, cell, readRecords } from './records.ts';
import type { ReaderContext } from './source.ts';
import type { Row } from './types.ts';
import { ValueError, amount, text } from './values.ts';

/** The columns of a spend file, by what they mean; names match regardless of case. */
const COLUMNS = {
  channel: ['channel', 'source', 'lead source', '渠道', '来源'],
  month: ['month', 'period', 'date', '月份', '日期'],
  amount: ['amount', 'spend', 'cost', '金额', '费用', '花费'],
  currency: ['currency', '币种', '货币'],
};

// 2024-03, 2024/3, 2024年3月: a month on its own.
const MONTH = /^(\d{4})[-/年](\d{1,2})月?$/;

/** The first day of the month a cell names (a month, or any date in it), ms UTC. */
function month(raw: string | undefined, rules: Parameters<typeof parseTime>[1]): number | null {
  const v = text(raw);
  if (v === null) return null;
  const m = MONTH.exec(v);
  if (m) {
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) throw new ValueError(`"${v}" is not a month`);
    return Date.UTC(Number(m[1]), mo - 1, 1);
  }
  const t = parseTime(v, rules)!;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/**
 * Marketing spend from a CSV of channel, month and amount (and currency): one row per channel and
 * month; two rows for the same channel and month add up. Amounts convert to the base currency as
 * deal amounts do.
 */
export async function readSpend(ctx: ReaderContext): Promise<Row[]> {
  if (ctx.csvNames.length !== 1) {
    throw new SyncError(`--source spend reads one CSV file of channel, month and amount; ${ctx.dir} has ${ctx.csvNames.length}: point --in at the file`);
  }
  const file = await ctx.read(ctx.csvNames[0]!);
  const column = Object.fromEntries(
    Object.entries(COLUMNS).map(([meaning, names]) => [meaning, file.header.find((h) => names.includes(h.trim().toLowerCase()))]),
  ) as Record<keyof typeof COLUMNS, string | undefined>;
  const missing = (['channel', 'month', 'amount'] as const).filter((m) => !column[m]);
  if (missing.length) {
    throw new SyncError(
      `${file.name} has no ${missing.join(', ')} column: a spend file has columns channel, month and amount (also 渠道, 月份, 金额); found: ${file.header.join(', ')}`,
    );
  }
  const rules = await ctx.dates([{ file, column: column.month! }]);
  const totals = new Map<string, Row>();
  await readRecords(file, ctx.ledger, { object: 'Spend', requiredColumns: [] }, (record) => {
    const channel = text(record.get(column.channel!));
    if (channel === null) throw new FieldProblem(column.channel!, 'the channel is empty');
    const first = cell(record, column.month!, (v) => month(v, rules));
    if (first === null) throw new FieldProblem(column.month!, 'the month is empty');
    const value = cell(record, column.amount!, amount);
    if (value === null) throw new FieldProblem(column.amount!, 'the amount is empty');
    const currency = (column.currency ? text(record.get(column.currency)) : null) ?? ctx.config.currency ?? null;
    const base = ctx.money.toBase(value, currency, column.currency ?? column.amount!);
    const key = `${channel}\u0000${first}\u0000${currency}`;
    const row = totals.get(key) ?? { channel, month: first, amount: 0, currency, amount_base: 0 };
    (row.amount as number) += value;
    row.amount_base = row.amount_base === null || base === null ? null : (row.amount_base as number) + base;
    totals.set(key, row);
    return { id: key };
  });
  return [...totals.values()];
}

/**
 * `revlens sync --source spend`: the spend file's rows upserted into the dataset in `outDir` by
 * channel and month; its journeys, sources and rejects stay, with the spend file's added.
 */
export async function addSpend(outDir: string, ctx: ReaderContext): Promise<{ manifest: Manifest; merged: MergeSummary }> {
  if (!existsSync(join(outDir, 'manifest.json'))) {
    throw new SyncError(`${outDir} holds no dataset: --source spend adds spend to one, so sync a CRM export into it first`);
  }
  const spend = await readSpend(ctx);
  return withDatasetLock(outDir, async (folder) => {
    const previous = await readDataset(folder);
    const earlier = await previousRejects(folder, previous.manifest.rejects.file);
    const sources = [...previous.manifest.sources.filter((s) => s.object !== 'Spend'), ...ctx.ledger.sources()];
    const { content, merged } = mergeContent(previous, {
      source: previous.manifest.source,
      generator: 'revlens sync',
      stageModel: previous.manifest.stage_model,
      journeys: [],
      stageEvents: [],
      spend,
      rejects: [...earlier.filter((r) => !sources.some((s) => s.object === 'Spend' && s.file === r.file)), ...ctx.ledger.rejects],
      sources,
      unmappedStages: previous.manifest.unmapped_stages,
    });
    const manifest = await writeDataset(folder, { ...content, merged });
    return { manifest, merged };
  });
}

/** The rejects a dataset already lists, so that adding spend keeps them. */
async function previousRejects(folder: string, file: string): Promise<Reject[]> {
  const rows = await readAll(await openCsv(join(folder, file), 'utf-8'));
  // Cells were written Excel-safe: a leading ' was added to formula-like text (csvCell).
  const plain = (v: string | undefined) => (v ?? '').replace(/^'(?=[=+\-@\t\r])/, '');
  return rows.map((r) => ({
    file: plain(r.get('file')),
    line: Number(r.get('line')),
    field: plain(r.get('field')),
    reason: plain(r.get('reason')),
    record_id: plain(r.get('record_id')),
  }));
}
