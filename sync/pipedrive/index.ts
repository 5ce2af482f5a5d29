import type { Outcome } from '../../model/index.ts';
import type { Config } from '../config.ts';
import type { CsvFile } from '../csv.ts';
import { pastTime } from '../dates.ts';
import { fieldReader, type FieldSources } from '../fields.ts';
import { JourneyDraft } from '../journey.ts';
import { FieldProblem, cell, readRecords, required } from '../records.ts';
import type { Reader, ReaderContext } from '../source.ts';
import { StageMap, unmappedOf } from '../stage-map.ts';
import { amount, text } from '../values.ts';

/** Pipedrive's default pipeline: every stage is a deal in progress; won and lost come from the status. */
const STAGES: Record<string, Config['stages'][string]> = {
  'Lead In': 'opportunity',
  Qualified: 'opportunity',
  'Contact Made': 'opportunity',
  'Demo Scheduled': 'opportunity',
  'Needs Defined': 'opportunity',
  'Proposal Made': 'opportunity',
  'Negotiations Started': 'opportunity',
  'Proof of Concept': 'poc',
  POC: 'poc',
  Trial: 'poc',
};

const STATUS: Record<string, Outcome> = { open: 'open', won: 'won', lost: 'lost' };

const FIELDS: FieldSources = {
  name: ['Deal.Deal - Title', 'Deal.Deal - Organization'],
  source: ['Deal.Deal - Source', 'Deal.Deal - Source origin', 'Deal.Deal - Source channel', 'Deal.Deal - Lead source'],
  channel: ['Deal.Deal - Source channel'],
  campaign: ['Deal.Deal - Campaign'],
  region: ['Deal.Deal - Region', 'Deal.Organization - Country', 'Deal.Organization - Address - Country'],
  industry: ['Deal.Organization - Industry', 'Deal.Deal - Industry'],
  company_size: ['Deal.Organization - Number of employees'],
  owner: ['Deal.Deal - Owner'],
  team: ['Deal.Deal - Team'],
  product: ['Deal.Deal - Product', 'Deal.Deal - Pipeline'],
  loss_reason: ['Deal.Deal - Lost reason'],
  poc_result: ['Deal.Deal - POC result'],
};

const CREATED = ['Deal - Deal created', 'Deal - Creation date', 'Deal - Add time'];
const first = (file: CsvFile, columns: string[]) => columns.find((c) => file.has(c));

async function dealsFile(ctx: ReaderContext): Promise<CsvFile | undefined> {
  for (const name of ctx.csvNames) {
    const file = await ctx.read(name);
    if (file.has('Deal - Title') && file.has('Deal - Status')) return file;
  }
  return undefined;
}

/**
 * Pipedrive's deals export ("Deal - …" columns; times in UTC). It has no stage history: a deal
 * entered Opportunity when created, its current stage at an unknown time, and won or lost when
 * its status says.
 */
export const pipedrive: Reader = {
  source: 'pipedrive',
  expects: 'a deals export ("Deal - Title", "Deal - Status", "Deal - Stage" …)',

  async detect(ctx) {
    return (await dealsFile(ctx)) !== undefined;
  },

  async read(ctx, emit) {
    const file = (await dealsFile(ctx))!;
    const created = first(file, CREATED);
    const currencyColumn = first(file, ['Deal - Currency of value', 'Deal - Currency']);
    const idColumn = first(file, ['Deal - ID', 'Deal - Id']);
    const dates = await ctx.dates(file.header.filter((h) => /time|date|created/i.test(h)).map((column) => ({ file, column })));
    const t = (raw: string | undefined) => pastTime(raw, dates);
    const stages = new StageMap(STAGES, ctx.config.stages, 'opportunity');
    const fields = fieldReader(FIELDS, ctx.config, { Deal: file });
    const options = { object: 'Deal', requiredColumns: ['Deal - Title', 'Deal - Status'], idColumn };
    await readRecords(file, ctx.ledger, options, (record) => {
      const status = text(record.get('Deal - Status'))?.toLowerCase() ?? '';
      if (status === 'deleted') throw new FieldProblem('Deal - Status', 'deleted in Pipedrive');
      const outcome = STATUS[status];
      if (!outcome) throw new FieldProblem('Deal - Status', `"${record.get('Deal - Status')}" is not a deal status (Open, Won or Lost)`);
      const value = cell(record, 'Deal - Value', amount);
      const currency = (currencyColumn ? text(record.get(currencyColumn)) : null) ?? ctx.config.currency ?? null;
      const closedColumn = outcome === 'won' ? 'Deal - Won time' : 'Deal - Lost time';
      const createdAt = created ? cell(record, created, t) : null;
      const closedAt = outcome === 'open' ? null : (cell(record, closedColumn, t) ?? cell(record, 'Deal - Close time', t));
      const modified = cell(record, 'Deal - Update time', t);
      const amountBase = ctx.money.toBase(value, currency, currencyColumn ?? 'Deal - Value');
      // Without an id column, the line stands in: a journey still needs a stable id.
      const id = idColumn ? required(record, idColumn) : `line-${record.line}`;
      const stage = text(record.get('Deal - Stage'));

      const draft = new JourneyDraft(id);
      Object.assign(draft, {
        opportunity_id: idColumn ? id : null,
        created_at: createdAt,
        closed_at: closedAt,
        outcome,
        crm_stage: stage,
        amount: value,
        currency,
        amount_base: amountBase,
        fields: fields({ Deal: record }),
      });
      draft.touch(modified);
      draft.enter('opportunity', createdAt);
      const current = stage === null ? 'opportunity' : stages.get(stage);
      if (current !== 'lost' && current !== 'won') draft.enter(current, null, stage);
      return { id, draft };
    }, ({ draft }) => emit(draft));
    return { unmappedStages: unmappedOf('Deal', stages), read: [file.name] };
  },
};
