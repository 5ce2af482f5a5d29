import { html, nothing } from 'lit';
import { planSpecSchema, shapePlan, type PlanRow, type PlanSpec } from '../../metrics/plan.ts';
import { planRows } from '../../metrics/plan-columns.ts';
import type { Locale } from '../../model/index.ts';
import type { DataTable } from '../core/export.ts';
import { format } from '../core/format.ts';
import { drawBars } from '../core/bars.ts';
import { barStyles } from '../core/bars.styles.ts';
import { RevlensWidget, type Context, type RenderContext } from '../core/revlens-widget.ts';
import { plannerText } from './planner-messages.ts';
import { plannerStyles } from './revlens-planner.styles.ts';

export interface PlanResult {
  /** Null while no target is given: the element asks for one. */
  target: number | null;
  rows: PlanRow[];
}

/** A target as given (attribute text or a number): absent, a usable amount, or what was wrong. */
function parseTarget(v: unknown): { value: number } | { bad: string } | null {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  return Number.isFinite(n) && n > 0 ? { value: n } : { bad: String(v) };
}

/**
 * Reverse planning: from a revenue target, the won deals needed (target ÷ average won deal) and, through the
 * conversion rates measured over the history (journeys created in `from`/`to`, narrowed by the board's
 * filters), how many journeys each stage needs, from the top stage down to Won. Computed with the same SQL as
 * `revlens metrics plan`. The target is typed into the element (or set as an attribute); stages are not marks:
 * clicking them filters nothing.
 *
 * @tag revlens-planner
 *
 * @attr {string} src - URL of the dataset's manifest.json (relative to the page); inside a board, the board's.
 * @attr {"en" | "zh-CN"} locale - Labels and number formats; defaults to the board's, the page's `lang`, else English.
 * @attr {number} target - Revenue to win, in the base currency (amount_base); the input updates it. Without one the element asks for it.
 * @attr {string} from - First created day of the history the rates come from, YYYY-MM-DD (UTC).
 * @attr {string} to - Last created day of that history, YYYY-MM-DD (UTC).
 * @attr {"light" | "dark" | "wall"} theme - Built-in colour and type theme; light when absent.
 * @attr {"wall"} mode - Wall display: large type, no buttons, reloads when a new sync lands.
 * @attr {"chart" | "table"} view - The bars (default) or their numbers as a table.
 *
 * @fires {CustomEvent<{result: PlanResult, rows: PlanRow[]}>} revlens-load - The plan was drawn (or the prompt shown); `detail.rows` are the numbers.
 * @fires {CustomEvent<{message: string}>} revlens-error - Loading or computing failed, or the target is not a positive number; `detail.message` says what to fix.
 *
 * @csspart form - The target field with its label.
 * @csspart target - The target <input>.
 * @csspart summary - Average won deal and won deals needed.
 * @csspart toolbar - Title and buttons.
 * @csspart status - The loading, prompt and empty messages.
 * @csspart error - The error message.
 * @csspart chart - The SVG.
 * @csspart stage - One stage's group in the SVG.
 * @csspart label - A stage label.
 * @csspart track - The full-width background behind a bar.
 * @csspart bar - A stage's bar (journeys needed).
 * @csspart count - Journeys needed at a stage.
 * @csspart detail - The conversion rate used and the journeys reached in the history.
 * @csspart table - The data table with the same numbers.
 *
 * @cssproperty --revlens-font-family - Type face.
 * @cssproperty --revlens-font-size - Base type size; rows scale with it.
 * @cssproperty --revlens-text-color - Labels and counts.
 * @cssproperty --revlens-muted-color - Secondary text.
 * @cssproperty --revlens-background - Background of the element.
 * @cssproperty --revlens-surface - Background of the target input.
 * @cssproperty --revlens-border-color - Border of the target input.
 * @cssproperty --revlens-bar-color - Bar fill.
 * @cssproperty --revlens-track-color - Bar background track.
 * @cssproperty --revlens-error-color - Error message text.
 */
export class RevlensPlanner extends RevlensWidget<PlanResult> {
  static override styles = [...RevlensWidget.styles, barStyles, plannerStyles];
  static override properties = {
    ...RevlensWidget.properties,
    // Kept as given (text or number) so that a wrong value can be named in the message, not turned into NaN.
    target: { reflect: true, converter: { fromAttribute: (v: string | null) => v ?? undefined, toAttribute: (v: unknown) => (v === undefined || v === null ? null : String(v)) } },
    from: { type: String, reflect: true },
    to: { type: String, reflect: true },
  };
  protected static override settings = ['target', 'from', 'to'];

  declare target: number | string | undefined;
  declare from: string | undefined;
  declare to: string | undefined;

  /** The plan rows last drawn (empty until loaded, and while no target is given). */
  get rows(): readonly PlanRow[] {
    return this.result?.rows ?? [];
  }

  protected heading(locale: Locale): string {
    return plannerText(locale).chartName;
  }

  protected async compute(ctx: Context): Promise<PlanResult> {
    const text = plannerText(ctx.locale);
    const target = parseTarget(this.target);
    if (target === null) return { target: null, rows: [] };
    if ('bad' in target) throw new Error(text.badTarget(target.bad));
    const spec: PlanSpec = { target: target.value, from: this.from || undefined, to: this.to || undefined };
    this.checkSettings(planSpecSchema, spec, ctx.locale);
    // Counted in the page (metrics/plan-columns.ts).
    const { dataset, filter, model } = ctx;
    const raw = await dataset.countSelected('plan', spec, filter, (journeys, selected) => planRows(journeys, selected, spec, model));
    return { target: target.value, rows: shapePlan(raw, spec, ctx.model, ctx.locale) };
  }

  protected isEmpty(result: PlanResult): boolean {
    return result.target === null || result.rows.every((r) => r.needed === null);
  }

  protected override emptyMessage(locale: Locale): string {
    const text = plannerText(locale);
    return this.rows.every((r) => r.reached === 0) ? text.emptyHistory : text.noWins;
  }

  protected override loadDetail(result: PlanResult): unknown {
    return { result, rows: result.rows };
  }

  private _onChange = (e: Event) => {
    const value = (e.target as HTMLInputElement).value.trim();
    this.target = value === '' ? undefined : value;
  };

  /** The target field stays above every state, so a wrong target can be corrected where it is shown. */
  protected override render() {
    const locale = this.effectiveLocale;
    const text = plannerText(locale);
    const f = format(locale);
    const settled = this._state === 'ready' || this._state === 'empty';
    const prompt = settled && this.result?.target === null;
    const last = this._state === 'ready' ? this.rows.at(-1) : undefined;
    return html`
      <form class="target" part="form" @submit=${(e: Event) => e.preventDefault()}>
        <label for="target">${text.targetLabel}</label>
        <input id="target" part="target" type="number" min="0" step="any" inputmode="decimal"
          .value=${this.target === undefined || this.target === null ? '' : String(this.target)} @change=${this._onChange} />
        <span class="hint">${text.targetHint}</span>
      </form>
      ${last
        ? html`<p class="summary" part="summary">${text.summary(f.money(last.average_won_amount), f.count(last.needed_rounded))}</p>`
        : nothing}
      ${prompt ? html`<p class="status" part="status" role="status">${text.prompt}</p>` : super.render()}
    `;
  }

  protected renderChart() {
    return html`<svg part="chart"></svg>`;
  }

  protected dataTable(result: PlanResult, r: RenderContext): DataTable {
    const text = plannerText(r.locale);
    const f = r.format;
    return {
      columns: [
        { label: text.stage },
        { label: text.reached, format: (v) => f.count(v as number) },
        { label: text.conversion, format: (v) => (v === null ? '' : f.percent(v as number)) },
        { label: text.needed, format: (v) => f.count(v as number | null) },
      ],
      rows: result.rows.map((row) => [row.label, row.reached, row.conversion_to_next, row.needed_rounded]),
    };
  }

  /**
   * One row per stage: label | bar of journeys needed + the count | the rate used and the history's count.
   * Sizes follow the SVG's font size, so the wall theme's larger type gets taller rows; strings go in as text.
   */
  protected override draw(result: PlanResult, r: RenderContext): void {
    const svgEl = this.renderRoot.querySelector<SVGSVGElement>('svg[part="chart"]');
    if (!svgEl) return;
    const text = plannerText(r.locale);
    const f = r.format;
    const rows = result.rows;
    const bars = rows.map((row, i) => {
      const next = rows[i + 1];
      return {
        stage: row.stage,
        label: row.label,
        value: row.needed_rounded ?? 0,
        count: f.count(row.needed_rounded),
        detail: next ? text.detail(f.percent(row.conversion_to_next), next.label, f.count(row.reached)) : text.lastDetail(f.count(row.reached)),
      };
    });
    const name = `${text.chartName}: ${rows.map((row) => text.stageName(row.label, f.count(row.needed_rounded))).join(', ')}`;
    const max = Math.max(...bars.map((b) => b.value));
    drawBars(svgEl, bars, { width: this.boxWidth(svgEl.parentElement, r.width), max, countEms: 6, name })()();
  }
}
