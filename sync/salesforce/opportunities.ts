import type { Outcome } from '../../model/index.ts';
import { CodeColumn, NumberColumn, TextColumn } from '../columns.ts';
import type { CsvFile } from '../csv.ts';
import { KeptLookup } from '../kept-records.ts';
import type { Opportunity, OpportunityTarget } from './objects.ts';

const TARGETS: readonly OpportunityTarget[] = ['opportunity', 'poc', 'won', 'lost'];
const OUTCOMES: readonly Outcome[] = ['open', 'won', 'lost'];
/** The stages history says an opportunity entered (lost is an outcome: its time is lostAt). */
const HISTORY_STAGES = ['opportunity', 'poc', 'won'] as const;
type HistoryStage = (typeof HISTORY_STAGES)[number];

/** An opportunity as its reader makes it: what history adds (entered, lostAt) is folded in later. */
export type OpportunityFields = Omit<Opportunity, 'entered' | 'lostAt'>;

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
  /** The kept columns of each record, by id key: an id's number is its row. */
  private readonly kept: KeptLookup;
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

  /** Keeps the `keep` columns of `file`'s records, for the journey fields. */
  constructor(file: CsvFile, keep: readonly string[]) {
    this.kept = new KeptLookup(file, keep);
  }

  /** The index the reader numbers ids in (see readRecords). */
  get ids() {
    return this.kept.ids;
  }

  get size(): number {
    return this.kept.size;
  }

  /** Adds an opportunity whose id key the reader just numbered; returns its row. */
  add(opp: OpportunityFields): number {
    const row = this.kept.add(opp.record);
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
    this.current.set(row, TARGETS.indexOf(opp.current));
    this.outcomes.set(row, OUTCOMES.indexOf(opp.outcome));
    return row;
  }

  /** Adds an opportunity no reader numbered (rebuilt from history alone) under `idKey`; returns its row. */
  addUnder(idKey: string, opp: OpportunityFields): number {
    this.kept.ids.add(idKey);
    return this.add(opp);
  }

  /** The row of an opportunity by id key, or -1. */
  row(idKey: string): number {
    return this.kept.row(idKey);
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
    if (seen === null) {
      let before = 0; // stages this one entered before: its place in the order history shows them in
      for (const other of this.entered) if (other.at.get(row) !== null) before++;
      e.order.set(row, before);
    }
    e.at.set(row, at);
    e.name.set(row, code);
  }

  /** History says it was lost at `at`: a deal lost, reopened and lost again closed the last time. */
  lose(row: number, at: number): void {
    this.lostAt.set(row, Math.max(this.lostAt.get(row) ?? at, at));
  }

  /** The opportunity of a row, as the journey builder reads it. */
  get(row: number): Opportunity {
    // Orders are 0 … k−1 among the k stages entered: each goes straight to its place.
    const entered: Opportunity['entered'] = [];
    HISTORY_STAGES.forEach((stage, i) => {
      const e = this.entered[i]!;
      const order = e.order.get(row);
      if (order !== -1) entered[order] = { stage, at: e.at.get(row)!, crmStage: this.names[e.name.get(row)]! };
    });
    return {
      record: this.kept.record(row),
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
