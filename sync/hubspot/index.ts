import type { Outcome } from '../../model/index.ts';
import type { Config } from '../config.ts';
import { own, type CsvFile, type CsvRecord } from '../csv.ts';
import { parseTime, pastTime, type DateRules } from '../dates.ts';
import { fieldReader, type FieldSources } from '../fields.ts';
import { JourneyDraft } from '../journey.ts';
import { FieldProblem, cell, readRecords, required } from '../records.ts';
import type { Reader, ReaderContext } from '../source.ts';
import { StageMap, unmappedOf } from '../stage-map.ts';
import { amount, bool, text } from '../values.ts';

/** HubSpot's default sales pipeline; other stage labels count as Opportunity and are reported. */
const DEAL_STAGES: Record<string, Config['stages'][string]> = {
  'Appointment Scheduled': 'opportunity',
  'Qualified To Buy': 'opportunity',
  'Presentation Scheduled': 'opportunity',
  'Decision Maker Bought-In': 'opportunity',
  'Contract Sent': 'opportunity',
  'Closed Won': 'won',
  'Closed Lost': 'lost',
  'Proof of Concept': 'poc',
  POC: 'poc',
};

/** A contact's lifecycle stage → how far its journey got (Customer and Evangelist: won). */
const LIFECYCLE: Record<string, string> = {
  subscriber: 'lead',
  lead: 'lead',
  other: 'lead',
  'marketing qualified lead': 'mql',
  'sales qualified lead': 'sql',
  opportunity: 'opportunity',
  customer: 'won',
  evangelist: 'won',
};

/** "Became a … Date" columns of a contacts export, by the stage they mean. */
const BECAME: [string, string][] = [
  ['lead', 'Became a Lead Date'],
  ['mql', 'Became a Marketing Qualified Lead Date'],
  ['sql', 'Became a Sales Qualified Lead Date'],
  ['opportunity', 'Became an Opportunity Date'],
  ['won', 'Became a Customer Date'],
];

const FIELDS: FieldSources = {
  name: ['Deal.Deal Name', 'Contact.Company Name', 'Contact.Company', 'Contact.Email'],
  source: ['Deal.Original Source Type', 'Deal.Original Traffic Source', 'Contact.Original Source', 'Contact.Original Traffic Source', 'Contact.Lead Source'],
  campaign: ['Contact.First Conversion', 'Deal.Campaign of last booking in meetings tool'],
  utm_source: ['Contact.UTM Source'],
  utm_medium: ['Contact.UTM Medium'],
  utm_campaign: ['Contact.UTM Campaign'],
  keyword: ['Contact.Original Source Drill-Down 2'],
  region: ['Contact.Country/Region', 'Contact.Country', 'Deal.Country'],
  industry: ['Contact.Industry', 'Deal.Industry'],
  company_size: ['Contact.Number of Employees', 'Deal.Number of Employees'],
  owner: ['Deal.Deal owner', 'Deal.Deal Owner', 'Deal.HubSpot Owner', 'Contact.Contact owner', 'Contact.Contact Owner'],
  team: ['Deal.HubSpot Team', 'Contact.HubSpot Team'],
  product: ['Deal.Product', 'Deal.Deal Type'],
  loss_reason: ['Deal.Closed Lost Reason'],
  poc_result: ['Deal.POC Result'],
};

// `Date entered "Stage (Pipeline)"` (current exports) or `Date entered 'Stage (Pipeline)'` (legacy).
const DATE_ENTERED = /^Date entered ["'](.+) \((.+)\)["']$/;

const isDeals = (f: CsvFile) => (f.has('Record ID') || f.has('Deal ID')) && f.has('Deal Stage');
const isContacts = (f: CsvFile) => (f.has('Record ID') || f.has('Contact ID')) && (f.has('Lifecycle Stage') || f.has('Became a Lead Date'));
const idColumn = (f: CsvFile, other: string) => (f.has('Record ID') ? 'Record ID' : other);

async function exportFiles(ctx: ReaderContext): Promise<{ deals?: CsvFile; contacts?: CsvFile }> {
  const found: { deals?: CsvFile; contacts?: CsvFile } = {};
  for (const name of ctx.csvNames) {
    const file = await ctx.read(name);
    if (!found.deals && isDeals(file)) found.deals = file;
    else if (!found.contacts && isContacts(file)) found.contacts = file;
  }
  return found;
}

interface Deal {
  record: CsvRecord;
  id: string;
  stage: string;
  created: number | null;
  closed: number | null;
  modified: number | null;
  amount: number | null;
  currency: string | null;
  amountBase: number | null;
  isWon: boolean | null;
  isClosed: boolean | null;
  /** Stage label → when the deal entered it, from the Date entered columns. */
  entered: [string, number][];
}

function readDeals(file: CsvFile, ctx: ReaderContext, dates: DateRules, keep: string[]) {
  const t = (raw: string | undefined) => pastTime(raw, dates);
  const id = idColumn(file, 'Deal ID');
  const currencyColumn = ['Deal currency code', 'Currency'].find((c) => file.has(c));
  const enteredColumns = file.header.flatMap((h) => {
    const m = DATE_ENTERED.exec(h);
    return m ? [{ column: h, stage: m[1]!, pipeline: m[2]! }] : [];
  });
  const options = { object: 'Deal', requiredColumns: [id, 'Deal Stage'], idColumn: id };
  return readRecords(file, ctx.ledger, options, (record): Deal => {
    const stage = text(record.get('Deal Stage'));
    if (stage === null) throw new FieldProblem('Deal Stage', 'Deal Stage is empty: every deal has a stage');
    const value = cell(record, 'Amount', amount);
    const currency = (currencyColumn ? text(record.get(currencyColumn)) : null) ?? ctx.config.currency ?? null;
    // Both quote styles may be present for one stage: the earliest time counts (Entries keep it).
    const entered = enteredColumns.flatMap(({ column, stage: label, pipeline }) => {
      const at = cell(record, column, t);
      return at === null ? [] : [[`${label} (${pipeline})`, at] as [string, number]];
    });
    const deal = {
      record,
      id: required(record, id),
      stage,
      created: cell(record, 'Create Date', t),
      closed: cell(record, 'Close Date', (raw) => parseTime(raw, dates)), // expected, for open deals
      modified: cell(record, 'Last Modified Date', t),
      amount: value,
      currency,
      amountBase: ctx.money.toBase(value, currency, currencyColumn ?? 'Amount'),
      isWon: file.has('Is Closed Won') ? cell(record, 'Is Closed Won', bool) : null,
      isClosed: file.has('Is Closed') ? cell(record, 'Is Closed', bool) : null,
      entered,
    };
    // Kept until the contacts are read: only the columns journeys need, and owned strings (see own).
    return { ...deal, id: own(deal.id), stage: own(stage), currency: currency === null ? null : own(currency), entered: entered.map(([s, at]) => [own(s), at] as [string, number]), record: record.retain(keep) };
  });
}

interface Contact {
  record: CsvRecord;
  id: string;
  created: number | null;
  modified: number | null;
  lifecycle: string | null;
  became: [string, number][];
  dealIds: string[];
}

function readContacts(file: CsvFile, ctx: ReaderContext, dates: DateRules, onContact: (contact: Contact) => void) {
  const t = (raw: string | undefined) => pastTime(raw, dates);
  const id = idColumn(file, 'Contact ID');
  const dealColumn = ['Associated Deal IDs', 'Associated Deal', 'Associated Deals'].find((c) => file.has(c));
  return readRecords(file, ctx.ledger, { object: 'Contact', requiredColumns: [id], idColumn: id }, (record) => {
    const contact: Contact = {
    record,
    id: required(record, id),
    created: cell(record, 'Create Date', t),
    modified: cell(record, 'Last Modified Date', t),
    lifecycle: text(record.get('Lifecycle Stage')),
    became: BECAME.flatMap(([stage, column]) => {
      const at = cell(record, column, t);
      return at === null ? [] : [[stage, at] as [string, number]];
    }),
    // HubSpot lists associated deals separated by semicolons.
    dealIds: (dealColumn ? (text(record.get(dealColumn)) ?? '') : '').split(/[;,]/).map((s) => s.trim()).filter(Boolean),
    };
    return contact;
  }, onContact);
}

function outcomeOf(deal: Deal, current: string): Outcome {
  const won = deal.isWon ?? current === 'won';
  const closed = deal.isClosed ?? (current === 'won' || current === 'lost');
  return won ? 'won' : closed ? 'lost' : 'open';
}

/**
 * HubSpot CRM exports: a deals export and/or a contacts export (any file names; found by their
 * columns). A contact with an associated deal and that deal are one journey.
 */
export const hubspot: Reader = {
  source: 'hubspot',
  expects: 'a deals export ("Record ID", "Deal Stage") and/or a contacts export ("Record ID", "Lifecycle Stage")',

  async detect(ctx) {
    const { deals, contacts } = await exportFiles(ctx);
    return Boolean(deals || contacts);
  },

  async read(ctx, emit) {
    const { deals: dealFile, contacts: contactFile } = await exportFiles(ctx);
    const dateColumns = [dealFile, contactFile].flatMap((file) =>
      file ? file.header.filter((h) => /date|time/i.test(h)).map((column) => ({ file, column })) : [],
    );
    const dates = await ctx.dates(dateColumns);
    const fields = fieldReader(FIELDS, ctx.config, { Deal: dealFile, Contact: contactFile });
    const deals = dealFile ? (await readDeals(dealFile, ctx, dates, [...(fields.columns.Deal ?? []), 'Pipeline'])).rows : [];

    // Config names are tried as "Stage (Pipeline)" first, then as the stage alone.
    const stages = new StageMap(DEAL_STAGES, ctx.config.stages, 'opportunity');
    const stageOf = (label: string, pipeline: string | null) =>
      pipeline && stages.has(`${label} (${pipeline})`) ? stages.get(`${label} (${pipeline})`) : stages.get(label);
    const dealById = new Map(deals.map((d) => [d.id, d]));
    const taken = new Set<string>();

    const addDeal = (draft: JourneyDraft, deal: Deal) => {
      const pipeline = text(deal.record.get('Pipeline'));
      const current = stageOf(deal.stage, pipeline);
      const outcome = outcomeOf(deal, current);
      Object.assign(draft, {
        opportunity_id: deal.id,
        created_at: draft.created_at ?? deal.created,
        crm_stage: deal.stage,
        outcome,
        amount: deal.amount,
        currency: deal.currency,
        amount_base: deal.amountBase,
        closed_at: outcome === 'open' ? null : deal.closed,
      });
      draft.touch(deal.modified);
      draft.enter('opportunity', deal.created);
      for (const [labelAndPipeline, at] of deal.entered) {
        const m = /^(.+) \((.+)\)$/.exec(labelAndPipeline)!;
        const stage = stageOf(m[1]!, m[2]!);
        // Lost is an outcome, not a stage; a won stage the deal is not in now was undone later.
        if (stage === 'lost' || (stage === 'won' && outcome !== 'won')) continue;
        draft.enter(stage, at, m[1]!);
      }
      if (current !== 'lost' && current !== 'won') draft.enter(current, null, deal.stage);
    };

    if (contactFile) {
      await readContacts(contactFile, ctx, dates, (contact) => {
        const draft = new JourneyDraft(`contact:${contact.id}`);
        draft.lead_id = contact.id;
        draft.created_at = contact.created;
        draft.crm_stage = contact.lifecycle;
        draft.touch(contact.modified);
        draft.enter('lead', contact.created);
        for (const [stage, at] of contact.became) draft.enter(stage, at);
        const reached = contact.lifecycle ? LIFECYCLE[contact.lifecycle.toLowerCase()] : undefined;
        if (reached) draft.enter(reached, null, contact.lifecycle);
        if (draft.entries.has('won')) {
          draft.outcome = 'won';
          draft.closed_at = draft.entries.get('won')!.at;
        }
        const deal = contact.dealIds.map((id) => dealById.get(id)).find((d) => d && !taken.has(d.id));
        if (deal) {
          taken.add(deal.id);
          addDeal(draft, deal);
        }
        draft.fields = fields({ Contact: contact.record, Deal: deal?.record });
        emit(draft);
      });
    }
    for (const deal of deals) {
      if (taken.has(deal.id)) continue;
      const draft = new JourneyDraft(`deal:${deal.id}`);
      addDeal(draft, deal);
      draft.fields = fields({ Deal: deal.record });
      emit(draft);
    }
    return {
      unmappedStages: unmappedOf('Deal', stages),
      read: [dealFile?.name, contactFile?.name].filter((n): n is string => n !== undefined),
    };
  },
};
