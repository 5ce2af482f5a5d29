import type { Outcome } from '../../model/index.ts';
import { CodeColumn, NumberColumn, TextColumn } from '../columns.ts';
import type { CsvFile } from '../csv.ts';
import { IdIndex } from '../id-index.ts';
import { KeptRecords } from '../kept-records.ts';
import type { Opportunity, OpportunityTarget } from './objects.ts';

const TARGETS: readonly OpportunityTarget[] = ['opportunity', 'poc', 'won', 'lost'];
const OUTCOMES: readonly Outcome[] = ['open', 'won', 'lost'];
/** The stages history says an opportunity entered (lost is an outcome: its time is lostAt). */
export const HISTORY_STAGES = ['opportunity', 'poc', 'won'] as const;
export type HistoryStage = (typeof HISTORY_STAGES)[number];

/** When history says an opportunity entered one stage, under which name, and as its how-manieth. */
interface EnteredColumns {
  at: NumberColumn;
  name: CodeColumn;
  order: CodeColumn;
}

/**
 * The opportunities, kept until the leads are read, column by column (a million as objects cost
 * gigabytes): numbers in typed arrays, text in TextColumns. History folds into them by row; each is
 * read back as an Opportunity object only when its journey is built.
 */
export class Opportunities {
  /** The id keys, numbered as the opportunities were added: an id's number is its row. */
  readonly ids = new IdIndex();
  private readonly records: KeptRecords;
  private readonly idColumn = new TextColumn();
  private readonly stageName = new TextColumn();
  private readonly currency = new TextColumn();
  private readonly accountId = new TextColumn();
  private readonly ownerId = new TextColumn();
  private readonly created = new NumberColumn();
  private readonly amount = new NumberColumn();
  private readonly amountBase = new NumberColumn();
  private readonly closeDate = new NumberColumn();
  private readonly modified = new NumberColumn();
  private readonly lostAt = new NumberColumn();
  private readonly current = new CodeColumn();
  private readonly outcomes = new CodeColumn();
  private readonly entered: EnteredColumns[] = HISTORY_STAGES.map(() => ({ at: new NumberColumn(), name: new CodeColumn(), order: new CodeColumn() }));
  /** The stage names history wrote, by code: a few dozen, however many rows. */
  private readonly names: string[] = [];
  private readonly nameCodes = new Map<string, number>();
  size = 0;

  /** Keeps the `keep` columns of `file`'s records, for the journey fields. */
  constructor(file: CsvFile, keep: readonly string[]) {
    this.records = new KeptRecords(file, keep);
  }

  /** Adds an opportunity whose id key was just added to `ids` (so that its row is its id's number). */
  add(opp: Opportunity): void {
    const row = this.size++;
    if (this.ids.size !== this.size) throw new Error(`internal: opportunity ${opp.id} added as row ${row}, but ${this.ids.size} ids are numbered`);
    this.records.add(opp.record);
    this.idColumn.push(opp.id);
    this.stageName.push(opp.stageName);
    this.currency.push(opp.currency);
    this.accountId.push(opp.accountId);
    this.ownerId.push(opp.ownerId);
    this.created.set(row, opp.created);
    this.amount.set(row, opp.amount);
    this.amountBase.set(row, opp.amountBase);
    this.closeDate.set(row, opp.closeDate);
    this.modified.set(row, opp.modified);
    this.lostAt.set(row, opp.lostAt);
    this.current.set(row, TARGETS.indexOf(opp.current));
    this.outcomes.set(row, OUTCOMES.indexOf(opp.outcome));
    for (const { stage, at, crmStage } of opp.entered) this.enter(row, stage as HistoryStage, at, crmStage);
  }

  /** The row of an opportunity by id key, or -1. */
  row(idKey: string): number {
    return this.ids.get(idKey);
  }

  /** The Salesforce id of a row (without building the whole opportunity). */
  id(row: number): string {
    return this.idColumn.get(row)!;
  }

  outcome(row: number): Outcome {
    return OUTCOMES[this.outcomes.get(row)]!;
  }

  /** History says it entered `stage` at `at`, named `name` there: the earliest time (and its name) stays. */
  enter(row: number, stage: HistoryStage, at: number, name: string): void {
    const e = this.entered[HISTORY_STAGES.indexOf(stage)]!;
    const seen = e.at.get(row);
    if (seen !== null && at >= seen) return;
    let code = this.nameCodes.get(name);
    if (code === undefined) {
      code = this.names.push(name) - 1;
      this.nameCodes.set(name, code);
    }
    if (seen === null) e.order.set(row, this.entered.filter((o) => o.at.get(row) !== null).length);
    e.at.set(row, at);
    e.name.set(row, code);
  }

  /** History says it was lost at `at`: a deal lost, reopened and lost again closed the last time. */
  lose(row: number, at: number): void {
    this.lostAt.set(row, Math.max(this.lostAt.get(row) ?? at, at));
  }

  /** The opportunity of a row, as the journey builder reads it. */
  get(row: number): Opportunity {
    const entered: Opportunity['entered'] = [];
    for (let order = 0; order < HISTORY_STAGES.length; order++) {
      HISTORY_STAGES.forEach((stage, i) => {
        const e = this.entered[i]!;
        if (e.order.get(row) === order) entered.push({ stage, at: e.at.get(row)!, crmStage: this.names[e.name.get(row)]! });
      });
    }
    return {
      record: this.records.record(row),
      id: this.idColumn.get(row)!,
      created: this.created.get(row),
      stageName: this.stageName.get(row)!,
      current: TARGETS[this.current.get(row)]!,
      outcome: this.outcome(row),
      amount: this.amount.get(row),
      currency: this.currency.get(row),
      amountBase: this.amountBase.get(row),
      closeDate: this.closeDate.get(row),
      accountId: this.accountId.get(row),
      ownerId: this.ownerId.get(row),
      modified: this.modified.get(row),
      entered,
      lostAt: this.lostAt.get(row),
    };
  }
}
