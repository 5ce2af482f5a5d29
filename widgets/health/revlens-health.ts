import { html } from 'lit';
import {
  healthSpecSchema,
  shapeHealth,
  type HealthRow,
  type HealthSection,
  type HealthSpec,
} from '../../metrics/health.ts';
import { stageKeys, type Locale } from '../../model/index.ts';
import type { DataTable } from '../core/export.ts';
import type { Row } from '../engine/index.ts';
import { fieldLabel } from '../core/fields.ts';
import { RevlensWidget, type Context, type RenderContext } from '../core/revlens-widget.ts';
import { drawFlowChart, type FlowPoint } from './flow-chart.ts';
import { healthText } from './health-messages.ts';
import { healthStyles } from './revlens-health.styles.ts';
import { METRIC_ORDER, sortRows, stagnantTable, type Sort, type SortKey, type StagnantRow } from './stagnant-table.ts';

export interface HealthWidgetResult {
  /** Per period and stage: inflow, advanced, lost, outflow, net (the metric's flow section). */
  flow: HealthRow[];
  /** Per stage: how long journeys stay in it, and how many are in it now. */
  time_in_stage: HealthRow[];
  /**
   * Open journeys in their stage more than k × its median, each with its amount: the whole list in the metric's
   * order (most stuck first) when it has at most `RevlensHealth.sortedInPage` journeys, else that many in the
   * order asked for.
   */
  stagnant: StagnantRow[];
  /** Stagnant journeys in all. */
  total: number;
  /** Every stagnant journey in the order asked for, fetched when called (the CSV of a list that did not come whole). */
  all(): Promise<StagnantRow[]>;
  spec: HealthSpec;
  /** The stages of the dataset, in order (key and label). */
  stages: { key: string; label: string }[];
}

const DEFAULT_LIMIT = 50;

/** Whether the stagnant list came cut (page by page, sorted by DuckDB) rather than whole. */
const cut = (result: HealthWidgetResult) => result.total > result.stagnant.length;

/** A week under its bar: its first day without the year ("Sep 30", "9月30日"); the tooltip has it in full. */
const weekTick = (locale: Locale) => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
type Unit = 'week' | 'month' | 'quarter';

/**
 * Pipeline health: the open journeys stuck in their current stage (more than `k` × that stage's median time
 * in stage) as a sortable list to send back to nurture, and the journeys entering and leaving a stage per
 * period. Computed live in DuckDB-WASM with the same SQL as `revlens metrics health`. Clicking an owner
 * filters a board to that owner; clicking a stage filters it to the journeys that reached the stage.
 *
 * @tag revlens-health
 *
 * @attr {string} src - URL of the dataset's manifest.json (relative to the page); inside a board, the board's.
 * @attr {"en" | "zh-CN"} locale - Labels and number formats; defaults to the board's, the page's `lang`, else English.
 * @attr {number} k - A journey is stagnant when its days in its current stage exceed k × the stage's median (default 2).
 * @attr {"week" | "month" | "quarter"} period - Flow periods (default month).
 * @attr {string} from - Flow: first day of stage events included, YYYY-MM-DD (UTC).
 * @attr {string} to - Flow: last day of stage events included, YYYY-MM-DD (UTC).
 * @attr {string} stage - Stage key whose flow is drawn; default the first stage with any flow.
 * @attr {number} limit - Most stagnant journeys listed (default 50); the CSV has them all. A list longer than
 *   5,000 is sorted and cut by DuckDB (its text by character code), not fetched whole into the page.
 * @attr {"light" | "dark" | "wall"} theme - Built-in colour and type theme; light when absent.
 * @attr {"wall"} mode - Wall display: large type, no toolbar (the list keeps its sort headers and owner and stage buttons, drawn as text), reloads when a new sync lands.
 * @attr {"chart" | "table"} view - The flow chart and the sortable list (default), or the list as a plain table (the first 5,000 of a longer one).
 *
 * @fires {CustomEvent<{result: HealthWidgetResult, flow: HealthRow[], stagnant: StagnantRow[]}>} revlens-load - Computed and drawn (or found empty); `stagnant` holds the first 5,000 of a longer list, in the order asked for (`result.all()` fetches every one).
 * @fires {CustomEvent<{message: string}>} revlens-error - Loading or computing failed; `detail.message` says what to fix.
 * @fires {CustomEvent<{clause: Clause | null, field: string}>} revlens-select - An owner (`{field: 'owner', values}`) or a stage (`{field: 'reached', stage}`) was clicked.
 *
 * @csspart toolbar - Title and buttons.
 * @csspart status - The loading and empty messages.
 * @csspart error - The error message.
 * @csspart flow - The inflow/outflow section.
 * @csspart stage-select - The drop-down that picks the stage whose flow is drawn.
 * @csspart stage-pick - A stage button that filters a board (flow heading, list rows).
 * @csspart legend - The flow chart's key.
 * @csspart chart - The flow chart's SVG.
 * @csspart period - One period's group of bars.
 * @csspart inflow - A period's inflow bar (above the line).
 * @csspart advanced - Journeys that left onward (below the line).
 * @csspart lost - Journeys that left to Lost (below the line, under advanced).
 * @csspart stagnant - The stagnation section.
 * @csspart stagnant-table - The sortable stagnation list.
 * @csspart owner - An owner button in the list.
 * @csspart note - "Showing 50 of N", and the no-stagnant-journeys message.
 * @csspart table - The plain table of the whole list (table view).
 *
 * @cssproperty --revlens-font-family - Type face.
 * @cssproperty --revlens-font-size - Base type size; the chart scales with it.
 * @cssproperty --revlens-text-color - Labels and counts.
 * @cssproperty --revlens-muted-color - Secondary text and axes.
 * @cssproperty --revlens-background - Background of the element.
 * @cssproperty --revlens-border-color - Table rules.
 * @cssproperty --revlens-bar-color - Inflow bars.
 * @cssproperty --revlens-good-color - Advanced (left onward) bars.
 * @cssproperty --revlens-bad-color - Lost bars.
 * @cssproperty --revlens-track-color - Chart grid lines.
 * @cssproperty --revlens-accent-color - The selected owner or stage.
 * @cssproperty --revlens-error-color - Error message text.
 */
export class RevlensHealth extends RevlensWidget<HealthWidgetResult> {
  static override styles = [...RevlensWidget.styles, healthStyles];
  static override properties = {
    ...RevlensWidget.properties,
    k: { type: Number, reflect: true },
    period: { type: String, reflect: true },
    from: { type: String, reflect: true },
    to: { type: String, reflect: true },
    stage: { type: String, reflect: true },
    limit: { type: Number, reflect: true },
    _sort: { state: true },
  };
  // stage and limit only change what is shown: every stage's flow and the whole list are computed.
  protected static override settings = ['k', 'period', 'from', 'to'];

  declare k: number | undefined;
  declare period: string | undefined;
  declare from: string | undefined;
  declare to: string | undefined;
  declare stage: string | undefined;
  declare limit: number | undefined;
  declare private _sort: Sort;
  /** Stagnant lists this long or shorter come whole into the page, sorted there by the locale's collation; a longer one page by page. */
  static sortedInPage = 5_000;

  constructor() {
    super();
    this._sort = METRIC_ORDER;
  }

  /** The stagnation list is on screen as a real table: no screen-reader copy. */
  protected override get chartIsTable(): boolean {
    return true;
  }

  /** The stagnation list in the order shown (the whole list, not only the first `limit`, when it came whole). */
  get stagnant(): readonly StagnantRow[] {
    return this.result ? this._ordered(this.result) : [];
  }

  /** The last whole list sorted: a render for "updating…" alone would sort up to 5,000 rows again. */
  private _sorted: { result: HealthWidgetResult; sort: Sort; locale: string; rows: StagnantRow[] } | undefined;

  private _ordered(result: HealthWidgetResult): StagnantRow[] {
    if (cut(result)) return result.stagnant;
    const [sort, locale, last] = [this._sort, this.effectiveLocale, this._sorted];
    if (last?.result === result && last.sort === sort && last.locale === locale) return last.rows;
    const rows = sortRows(result.stagnant, sort, locale, result.stages.map((s) => s.key));
    this._sorted = { result, sort, locale, rows };
    return rows;
  }

  protected heading(locale: Locale): string {
    return healthText(locale).chartName;
  }

  /** Its list is sorted by DuckDB: not started for clicks that may never come. */
  override async countAhead(): Promise<void> {}

  protected async compute(ctx: Context): Promise<HealthWidgetResult> {
    // Its SQL comes on demand, as DuckDB does: fetched while the as-of is worked out.
    const queries = import('./health-queries.ts').catch((e: Error) => {
      throw new Error(`The health SQL could not be fetched (${e.message}): reload the page`);
    });
    const spec: HealthSpec = {
      period: (this.period || undefined) as HealthSpec['period'],
      from: this.from || undefined,
      to: this.to || undefined,
      k: this.k ?? undefined,
      // The whole dataset's moment, so a filtered board agrees with unfiltered widgets on "now".
      as_of: (await ctx.dataset.asOf()) ?? undefined,
    };
    this.checkSettings(healthSpecSchema, spec, ctx.locale);
    const { healthSql, filteredSql, stagnantPageSql } = await queries;
    const sqls = healthSql(spec, ctx.model);
    const stages = ctx.model.stages.map((s) => ({ key: s.key, label: s.labels[ctx.locale] }));
    const run = (sql: string) => ctx.dataset.query(filteredSql(sql, ctx.filter, ctx.model));
    // At a million journeys the list can hold most of them: DuckDB sorts it and the page gets what it shows. Sorted
    // by another column, it is read from a table kept per filter: each further sort does not compute it again (at
    // 770k journeys the first sort 3.0–4.5 s, the next ones 0.4–0.7 s). The first draw reads it straight (a table costs more).
    const sort = this._sort;
    const list = filteredSql(sqls.stagnant, ctx.filter, ctx.model);
    const own = sort.key === METRIC_ORDER.key && sort.dir === METRIC_ORDER.dir;
    const page = async (rows?: number, kept = !own) =>
      ctx.dataset.query(stagnantPageSql(kept ? `SELECT * FROM ${await ctx.dataset.table(list)}` : list, sort, stageKeys(ctx.model), rows), rows !== undefined);
    const shape = (raw: Partial<Record<HealthSection, Row[]>>) => shapeHealth({ flow: [], time_in_stage: [], stagnant: [], ...raw }, spec, ctx.model, ctx.locale);
    const [flow, time_in_stage, stagnant] = await Promise.all([run(sqls.flow), run(sqls.time_in_stage), page(RevlensHealth.sortedInPage)]);
    // A header clicked meanwhile: a list that did not come whole must come again in that order (a new request, so
    // this one's result is dropped); one that came whole is sorted in the page.
    if (this._sort !== sort && Number(stagnant[0]?.total) > stagnant.length) void this.reload();
    const shaped = shape({ flow, time_in_stage, stagnant });
    return {
      flow: shaped.flow,
      time_in_stage: shaped.time_in_stage,
      stagnant: shaped.stagnant as unknown as StagnantRow[],
      total: Number(stagnant[0]?.total ?? 0),
      // The CSV reads the kept table too: a second export, or a sort after it, does not compute the list again.
      all: async () => shape({ stagnant: await page(undefined, true) }).stagnant as unknown as StagnantRow[],
      spec,
      stages,
    };
  }

  protected isEmpty(result: HealthWidgetResult): boolean {
    // No stagnant journey is a result worth saying; only no flow and no list at all is an empty box.
    return result.stagnant.length === 0 && result.flow.every((r) => r.inflow === 0 && r.outflow === 0);
  }

  protected override emptyMessage(locale: Locale): string {
    const text = healthText(locale);
    return this.from || this.to ? text.emptyRange : text.emptyDataset;
  }

  protected override loadDetail(result: HealthWidgetResult): unknown {
    return { result, flow: result.flow, stagnant: result.stagnant };
  }

  /** The stage whose flow is drawn: the `stage` attribute, else the first stage anything entered or left. */
  private _flowStage(result: HealthWidgetResult): string | undefined {
    if (this.stage) return this.stage;
    const busy = result.flow.find((r) => (r.inflow as number) > 0 || (r.outflow as number) > 0);
    return (busy?.stage as string | undefined) ?? result.stages[0]?.key;
  }

  private _points(result: HealthWidgetResult, stage: string, r: RenderContext): FlowPoint[] {
    const unit = (result.spec.period ?? 'month') as Unit;
    const week = unit === 'week' ? weekTick(r.locale) : undefined;
    return result.flow
      .filter((row) => row.stage === stage)
      .map((row) => ({
        period: row.period as string,
        label: r.format.period(row.period as string, unit),
        tick: week ? week.format(new Date(`${row.period as string}T00:00:00Z`)) : r.format.period(row.period as string, unit),
        inflow: row.inflow as number,
        advanced: row.advanced as number,
        lost: row.lost as number,
      }));
  }

  private _onSort = (key: SortKey) => {
    const same = this._sort.key === key;
    this._sort = { key, dir: same && this._sort.dir === 'ascending' ? 'descending' : 'ascending' };
    // A list that came whole is sorted in the page; a longer one asks DuckDB for its first page in the new order.
    if (this.result && cut(this.result)) void this.reload();
  };

  protected renderChart(result: HealthWidgetResult, r: RenderContext) {
    const text = healthText(r.locale);
    const stage = this._flowStage(result);
    const known = result.stages.find((s) => s.key === stage);
    const stats = result.time_in_stage.find((row) => row.stage === stage);
    const points = known ? this._points(result, known.key, r) : [];
    const flowing = points.some((p) => p.inflow > 0 || p.advanced + p.lost > 0);
    const pick = known ? { field: 'reached' as const, stage: known.key } : undefined;
    const picked = pick ? this.isSelected(pick) : false;

    const k = result.spec.k ?? 2;
    const limit = this.limit !== undefined && Number.isFinite(this.limit) && this.limit > 0 ? Math.floor(this.limit) : DEFAULT_LIMIT;
    const shown = this._ordered(result).slice(0, limit);

    return html`<div class="health">
      <section class="flow" part="flow">
        <div class="flow-head">
          <div class="subtitle" role="heading" aria-level=${this.subheadingLevel}>${text.flowTitle}</div>
          <label class="stage-select"
            >${text.stage}
            <select part="stage-select" @change=${(e: Event) => (this.stage = (e.target as HTMLSelectElement).value)}>
              ${result.stages.map((s) => html`<option value=${s.key} .selected=${s.key === stage}>${s.label}</option>`)}
            </select>
          </label>
        </div>
        ${known
          ? html`<p class="stage-line">
                <button type="button" class="pick" part="stage-pick" data-key=${`stage:${known.key}`} tabindex="0"
                  aria-pressed=${picked ? 'true' : 'false'} aria-label=${text.pickStage(known.label)}
                  @click=${() => this.toggle(pick!)}>${known.label}</button>
                <span class="muted">${text.stageSummary((stats?.median_days as number | null) ?? null, (stats?.open_now as number | null) ?? null)}</span>
              </p>
              ${flowing
                ? html`<ul class="legend" part="legend">
                      <li><span class="swatch inflow" aria-hidden="true"></span>${text.inflow} ↑</li>
                      <li><span class="swatch advanced" aria-hidden="true"></span>${text.outflow} ↓ · ${text.advanced}</li>
                      <li><span class="swatch lost" aria-hidden="true"></span>${text.outflow} ↓ · ${text.lost}</li>
                    </ul>
                    <svg part="chart" class="flow-chart"></svg>`
                : html`<p class="note" part="note">${text.flowEmpty(known.label)}</p>`}`
          : html`<p class="error" part="error" role="alert">${text.unknownStage(stage ?? '', result.stages.map((s) => s.key))}</p>`}
      </section>
      <section class="stagnant" part="stagnant">
        ${result.total === 0
          ? html`<div class="subtitle" role="heading" aria-level=${this.subheadingLevel}>${text.stagnantTitle(k)}</div>
              <p class="note" part="note" role="status">${text.noneStagnant(k)}</p>`
          : html`<div class="scroll">
                ${stagnantTable(shown, {
                  sort: this._sort,
                  onSort: this._onSort,
                  caption: text.stagnantTitle(k),
                  labels: this._labels(r.locale),
                  none: r.text.none,
                  format: r.format,
                  ratio: text.ratioValue,
                  owner: {
                    isSelected: (owner) => this.isSelected({ field: 'owner', values: [owner] }),
                    toggle: (owner) => this.toggle({ field: 'owner', values: [owner] }),
                    name: text.pickOwner,
                  },
                  stage: {
                    isSelected: (s) => this.isSelected({ field: 'reached', stage: s }),
                    toggle: (s) => this.toggle({ field: 'reached', stage: s }),
                    name: text.pickStage,
                  },
                })}
              </div>
              <p class="note" part="note">${text.showing(shown.length, result.total)}</p>`}
      </section>
    </div>`;
  }

  private _labels(locale: Locale): Record<SortKey, string> {
    const text = healthText(locale);
    return {
      journey: text.journey,
      owner: fieldLabel('owner', locale),
      label: text.stage,
      days_in_stage: text.daysInStage,
      median_days: text.medianDays,
      ratio: text.ratio,
      amount: text.amount,
    };
  }

  /** The stagnation list in the order shown: the table view (what came into the page) and the CSV (all of it). */
  protected dataTable(result: HealthWidgetResult, r: RenderContext, rows = this._ordered(result)): DataTable {
    const text = healthText(r.locale);
    const labels = this._labels(r.locale);
    const f = r.format;
    return {
      columns: [
        { label: text.journeyId },
        { label: labels.journey },
        { label: labels.owner },
        { label: labels.label },
        { label: labels.days_in_stage, format: (v) => f.days(v as number | null) },
        { label: labels.median_days, format: (v) => f.days(v as number | null) },
        { label: labels.ratio, format: (v) => text.ratioValue(v as number | null) },
        { label: labels.amount, format: (v) => f.money(v as number | null) },
      ],
      rows: rows.map((row) => [
        row.journey_id,
        row.name,
        row.owner,
        row.label,
        row.days_in_stage,
        row.median_days,
        row.ratio,
        row.amount,
      ]),
    };
  }

  protected override async csvTable(result: HealthWidgetResult, r: RenderContext): Promise<DataTable> {
    return this.dataTable(result, r, cut(result) ? await result.all() : undefined);
  }

  protected override draw(result: HealthWidgetResult, r: RenderContext): void {
    const svg = this.renderRoot.querySelector<SVGSVGElement>('svg.flow-chart');
    const stage = result.stages.find((s) => s.key === this._flowStage(result));
    if (!svg || !stage) return;
    const text = healthText(r.locale);
    drawFlowChart(svg, this._points(result, stage.key, r), {
      width: this.boxWidth(svg.parentElement, r.width),
      name: text.flowName(stage.label),
      count: (n) => r.format.count(n),
      summary: (p) => text.periodSummary(p.label, p.inflow, p.advanced, p.lost),
    });
  }
}
