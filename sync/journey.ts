import type { Outcome, StageModel } from '../model/index.ts';
import type { FieldName } from './config.ts';
import type { Row } from './types.ts';

interface Entry {
  at: number | null;
  crmStage: string | null;
}

/**
 * One journey as a reader assembles it from a CRM's records, whatever the CRM. Readers enter the
 * stages they see; `journeyRows` turns drafts into dataset rows.
 */
export class JourneyDraft {
  /** The stages entered; a stage seen twice keeps its earliest known time (and a CRM name for it). */
  readonly entries = new Map<string, Entry>();
  lead_id: string | null = null;
  opportunity_id: string | null = null;
  account_id: string | null = null;
  created_at: number | null = null;
  closed_at: number | null = null;
  updated_at: number | null = null;
  outcome: Outcome = 'open';
  /** Where the CRM shows the journey now (its stage or status name). */
  crm_stage: string | null = null;
  amount: number | null = null;
  currency: string | null = null;
  amount_base: number | null = null;
  fields: Partial<Record<FieldName, string | null>> = {};

  constructor(readonly journey_id: string) {}

  enter(stage: string, at: number | null, crmStage: string | null = null): void {
    const seen = this.entries.get(stage);
    if (!seen) this.entries.set(stage, { at, crmStage });
    else if (at !== null && (seen.at === null || at < seen.at)) Object.assign(seen, { at, crmStage });
    else if (at === seen.at && seen.crmStage === null) seen.crmStage = crmStage;
  }

  /** The later of two update times: a journey made of several records changed when the last one did. */
  touch(at: number | null): void {
    if (at !== null && (this.updated_at === null || at > this.updated_at)) this.updated_at = at;
  }
}

/**
 * Turns drafts into dataset rows as readers hand them over. The journey's `stage` is the deepest
 * stage it entered; a won journey has entered the last stage (at its close when nothing earlier says
 * when); `created_at` falls back to its earliest known stage time.
 */
export class JourneyRows {
  /** The rows, unless handed on as they come (see onJourney, onStageEvent). */
  readonly journeys: Row[] = [];
  readonly stageEvents: Row[] = [];
  onJourney: (row: Row) => void = (row) => this.journeys.push(row);
  onStageEvent: (row: Row) => void = (row) => this.stageEvents.push(row);
  journeyCount = 0;
  stageEventCount = 0;
  /** The currencies amounts came in. */
  readonly currencies = new Set<string>();
  /** Journeys with a stage entered more than a day before they were created (imported records, or errors). */
  enteredBeforeCreated = 0;
  example: string | undefined;
  private readonly order: Map<string, number>;
  private readonly first: string;
  private readonly won: string;

  constructor(model: StageModel) {
    this.order = new Map(model.stages.map((s, i) => [s.key, i]));
    this.first = model.stages[0]!.key;
    this.won = model.stages.at(-1)!.key;
  }

  add(d: JourneyDraft): void {
    if (d.outcome === 'won') d.enter(this.won, d.closed_at, d.crm_stage);
    if (d.entries.size === 0) d.enter(this.first, d.created_at);
    let deepest = this.first;
    let earliest: number | null = null;
    let early: string | undefined;
    for (const [stage, e] of d.entries) {
      if (e.at !== null && d.created_at !== null && e.at < d.created_at - 86_400_000) early ??= stage;
      const index = this.order.get(stage);
      if (index === undefined) throw new Error(`internal: journey ${d.journey_id} entered "${stage}", not a stage of the model`);
      if (index > this.order.get(deepest)!) deepest = stage;
      if (e.at !== null && (earliest === null || e.at < earliest)) earliest = e.at;
      this.onStageEvent({ journey_key: this.journeyCount, journey_id: d.journey_id, stage, entered_at: e.at, crm_stage: e.crmStage });
      this.stageEventCount++;
    }
    if (early) {
      this.enteredBeforeCreated++;
      const day = (t: number) => new Date(t).toISOString().slice(0, 10);
      this.example ??= `${d.journey_id}: ${early} on ${day(d.entries.get(early)!.at!)}, created ${day(d.created_at!)}`;
    }
    // Object.assign onto the fields object, not a spread: spreading this dynamically built object is
    // ten times slower in V8, and there are millions of journeys.
    if (d.currency !== null) this.currencies.add(d.currency);
    this.onJourney(
      Object.assign(d.fields as Row, {
        journey_key: this.journeyCount++,
        journey_id: d.journey_id,
        lead_id: d.lead_id,
        opportunity_id: d.opportunity_id,
        account_id: d.account_id,
        created_at: d.created_at ?? earliest,
        closed_at: d.closed_at,
        updated_at: d.updated_at,
        stage: deepest,
        crm_stage: d.crm_stage,
        outcome: d.outcome,
        amount: d.amount,
        currency: d.currency,
        amount_base: d.amount_base,
      }),
    );
  }
}
