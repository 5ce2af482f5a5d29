import { html, nothing } from 'lit';
import { cohortSpecSchema, shapeCohort, type CohortRow, type CohortSpec } from '../../metrics/cohort.ts';
import { cohortRows } from '../../metrics/cohort-columns.ts';
import { stageLabel, type Locale } from '../../model/index.ts';
import type { DataTable } from '../core/export.ts';
import { fieldLabel } from '../core/fields.ts';
import { RevlensWidget, type Context, type RenderContext } from '../core/revlens-widget.ts';
import { drawCohortChart, type CohortLine } from './cohort-chart.ts';
import { cohortText, type CohortUnit } from './cohort-messages.ts';
import { cohortStyles } from './revlens-cohort.styles.ts';

export interface CohortResult {
  rows: CohortRow[];
  spec: CohortSpec;
  unit: CohortUnit;
  /** The counted stage's label in the locale computed with (the title needs it even with no rows). */
  stageLabel: string;
}

const UNITS: readonly CohortUnit[] = ['week', 'month', 'quarter'];

/** The last day (YYYY-MM-DD, UTC) of the period starting on `first`. */
export function cohortLastDay(first: string, unit: CohortUnit): string {
  const d = new Date(`${first}T00:00:00Z`);
  const end =
    unit === 'week'
      ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 6)
      : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (unit === 'month' ? 1 : 3), 0); // day 0: the last of the month before
  return new Date(end).toISOString().slice(0, 10);
}

/** A breakdown value as a key (null, "no value", must not collide with any text). */
const segmentKey = (v: string | null) => (v === null ? 'none' : `=${v}`); // values are prefixed: no clash

/**
 * A cohort heatmap: journeys grouped by the week, month or quarter they were created (rows), followed over
 * the periods since (columns 0, 1, 2 …). Each cell is the cumulative share of the cohort that reached the
 * stage by the end of that period; periods not over yet are blank. Computed live in DuckDB-WASM with the same
 * SQL as `revlens metrics cohort`. Clicking a cohort (its label or a cell) filters a board to the journeys
 * created in it.
 *
 * @tag revlens-cohort
 *
 * @attr {string} src - URL of the dataset's manifest.json (relative to the page); inside a board, the board's.
 * @attr {"en" | "zh-CN"} locale - Labels and number formats; defaults to the board's, the page's `lang`, else English.
 * @attr {"week" | "month" | "quarter"} unit - Length of a cohort and of each period followed; month by default.
 * @attr {string} stage - Stage key counted (reaching a later stage counts too); the last stage (Won) by default.
 * @attr {string} by - Optional breakdown dimension (source, region, owner …): a menu picks which value's heatmap is shown.
 * @attr {string} from - First created day included, YYYY-MM-DD (UTC).
 * @attr {string} to - Last created day included, YYYY-MM-DD (UTC).
 * @attr {"light" | "dark" | "wall"} theme - Built-in colour and type theme; light when absent.
 * @attr {"wall"} mode - Wall display: large type, no buttons, reloads when a new sync lands.
 * @attr {"chart" | "table"} view - The chart (default) or its numbers as a table.
 *
 * @fires {CustomEvent<{rows: CohortRow[], spec: CohortSpec}>} revlens-load - The heatmap was drawn (or found empty); `detail.rows` are the numbers shown.
 * @fires {CustomEvent<{message: string}>} revlens-error - Loading or computing failed; `detail.message` says what to fix.
 * @fires {CustomEvent<{clause: Clause | null, field: string}>} revlens-select - A cohort was clicked: `{field: 'created', from, to}` spans its first to last day (null when clicked again).
 *
 * @csspart toolbar - Title and buttons.
 * @csspart status - The loading and empty messages.
 * @csspart error - The error message.
 * @csspart segment - The breakdown value menu (with `by`).
 * @csspart chart - The heatmap's SVG.
 * @csspart header - The column headings.
 * @csspart row - One cohort's row.
 * @csspart cohort - A cohort's label (a button that selects it).
 * @csspart label - The text of a cohort's label.
 * @csspart size - A cohort's size (journeys created in it).
 * @csspart cell - One period of a cohort; blank (dashed, no number) while the period is not complete.
 * @csspart value - The share written in a cell.
 * @csspart table - The data table with the same numbers.
 *
 * @cssproperty --revlens-font-family - Type face.
 * @cssproperty --revlens-font-size - Base type size; rows and cells scale with it.
 * @cssproperty --revlens-text-color - Labels.
 * @cssproperty --revlens-muted-color - Headings and sizes.
 * @cssproperty --revlens-background - Background of the element.
 * @cssproperty --revlens-heat-low - Fill of a 0% cell (opaque colour); pale on light themes, dark on dark ones.
 * @cssproperty --revlens-heat-high - Fill of the largest share shown (opaque colour). Cell text turns dark or light to contrast with each fill.
 * @cssproperty --revlens-accent-color - The selected cohort's label.
 * @cssproperty --revlens-border-color - The dashed outline of incomplete periods.
 * @cssproperty --revlens-focus-color - The focused cell's outline.
 * @cssproperty --revlens-error-color - Error message text.
 */
export class RevlensCohort extends RevlensWidget<CohortResult> {
  static override styles = [...RevlensWidget.styles, cohortStyles];
  static override properties = {
    ...RevlensWidget.properties,
    unit: { type: String, reflect: true },
    stage: { type: String, reflect: true },
    by: { type: String, reflect: true },
    from: { type: String, reflect: true },
    to: { type: String, reflect: true },
    _segment: { state: true },
  };
  protected static override settings = ['unit', 'stage', 'by', 'from', 'to'];

  declare unit: string | undefined;
  declare stage: string | undefined;
  declare by: string | undefined;
  declare from: string | undefined;
  declare to: string | undefined;
  /** The breakdown value shown (its key); undefined: the first. */
  declare private _segment: string | undefined;

  /** The cohort rows last drawn (every segment's; empty until loaded). */
  get rows(): readonly CohortRow[] {
    return this.result?.rows ?? [];
  }

  protected heading(locale: Locale): string {
    const text = cohortText(locale);
    return this.result ? text.title(this.result.stageLabel) : text.chartName;
  }

  protected async compute(ctx: Context): Promise<CohortResult> {
    const unit = (this.unit || 'month') as CohortUnit;
    // The dataset's own as-of, so a filtered view agrees with an unfiltered one about which periods are over.
    const spec: CohortSpec = {
      period: unit,
      stage: this.stage || undefined,
      by: (this.by || undefined) as CohortSpec['by'],
      from: this.from || undefined,
      to: this.to || undefined,
      as_of: (await ctx.dataset.asOf()) ?? undefined,
    };
    this.checkSettings(cohortSpecSchema, spec, ctx.locale, UNITS.includes(unit) ? [] : [`unit: "${unit}" is not one of ${UNITS.join(', ')}`]);
    // Counted in the page (metrics/cohort-columns.ts).
    const { dataset, filter, model } = ctx;
    const raw = await dataset.countSelected('cohort', spec, filter, (journeys, selected) => cohortRows(journeys, selected, spec, model));
    const stage = spec.stage ?? ctx.model.stages.at(-1)!.key;
    return { rows: shapeCohort(raw, spec, ctx.model, ctx.locale), spec, unit, stageLabel: stageLabel(ctx.model, stage, ctx.locale) };
  }

  protected isEmpty(result: CohortResult): boolean {
    return result.rows.length === 0;
  }

  protected override emptyMessage(locale: Locale): string {
    const text = cohortText(locale);
    return this.from || this.to ? text.emptyRange : text.emptyDataset;
  }

  protected override loadDetail(result: CohortResult): unknown {
    return { result, rows: result.rows, spec: result.spec };
  }

  /** With `by`: the breakdown values in the metric's order, and the one shown. */
  private _segments(result: CohortResult): { values: (string | null)[]; current: string | null } | undefined {
    const by = result.spec.by;
    if (!by) return undefined;
    const values = [...new Map(result.rows.map((r) => [segmentKey(r[by] as string | null), r[by] as string | null])).values()];
    const current = values.find((v) => segmentKey(v) === this._segment) ?? values[0] ?? null;
    return { values, current };
  }

  /** The rows of the heatmap shown, one line per cohort. */
  private _lines(result: CohortResult, r: RenderContext): CohortLine[] {
    const seg = this._segments(result);
    const by = result.spec.by;
    const lines = new Map<string, CohortLine>();
    for (const row of result.rows) {
      if (seg && by && row[by] !== seg.current) continue;
      let line = lines.get(row.cohort);
      if (!line) lines.set(row.cohort, (line = { cohort: row.cohort, label: r.format.period(row.cohort, result.unit), size: row.size, cells: [] }));
      line.cells.push(row);
    }
    return [...lines.values()];
  }

  private _pick(cohort: string, unit: CohortUnit) {
    return { field: 'created' as const, from: cohort, to: cohortLastDay(cohort, unit) };
  }

  protected renderChart(result: CohortResult, r: RenderContext) {
    const seg = this._segments(result);
    return html`${seg
        ? html`<label class="segment-pick" part="segment">
            <span>${fieldLabel(result.spec.by!, r.locale)}</span>
            <select @change=${(e: Event) => (this._segment = (e.target as HTMLSelectElement).value)}>
              ${seg.values.map(
                (v) => html`<option value=${segmentKey(v)} ?selected=${v === seg.current}>${v ?? r.text.none}</option>`,
              )}
            </select>
          </label>`
        : nothing}
      <div class="scroll"><svg part="chart"></svg></div>`;
  }

  protected dataTable(result: CohortResult, r: RenderContext): DataTable {
    const text = cohortText(r.locale);
    const by = result.spec.by;
    const f = r.format;
    return {
      columns: [
        ...(by ? [{ label: fieldLabel(by, r.locale) }] : []),
        // The CSV keeps the cohort's first day; the screen says which period it is.
        { label: text.cohort, format: (v) => f.period(v as string, result.unit) },
        { label: text.size, format: (v) => f.count(v as number) },
        { label: text.period, format: (v) => f.count(v as number) },
        { label: text.reached, format: (v) => f.count(v as number) },
        { label: text.share, format: (v) => f.percent(v as number | null) },
        { label: text.revenueWon, format: (v) => f.money(v as number) },
        { label: text.complete, format: (v) => (v === 'true' ? text.yes : text.no) },
      ],
      rows: result.rows.map((row) => [
        ...(by ? [(row[by] as string | null) ?? r.text.none] : []),
        row.cohort,
        row.size,
        row.period,
        row.reached,
        row.share,
        row.revenue_won,
        String(row.complete),
      ]),
    };
  }

  /**
   * The heatmap as screen readers get it: a row per cohort shown, its size, then its share per period (as drawn).
   * ~40 × 40 cells, where the data table has a row per cell: laying that out again took ~20 ms a click.
   */
  protected override readerTable(result: CohortResult, r: RenderContext): DataTable {
    const text = cohortText(r.locale);
    const f = r.format;
    const lines = this._lines(result, r);
    const periods = Math.max(0, ...lines.map((l) => l.cells.length));
    const by = result.spec.by;
    const segment = by ? this._segments(result)?.current : undefined;
    return {
      columns: [
        ...(by ? [{ label: fieldLabel(by, r.locale) }] : []),
        { label: text.cohort },
        { label: text.size, format: (v) => f.count(v as number) },
        ...Array.from({ length: periods }, (_, n) => ({ label: text.periodColumn(n, result.unit) })),
      ],
      rows: lines.map((l) => [
        ...(by ? [segment ?? r.text.none] : []),
        l.label,
        l.size,
        ...Array.from({ length: periods }, (_, n) => {
          const cell = l.cells.find((c) => c.period === n);
          return !cell ? null : cell.complete ? f.percent(cell.share) : text.notComplete;
        }),
      ]),
    };
  }

  protected override draw(result: CohortResult, r: RenderContext): void {
    const svg = this.renderRoot.querySelector<SVGSVGElement>('svg[part="chart"]');
    if (!svg) return;
    const text = cohortText(r.locale);
    const f = r.format;
    const unit = result.unit;
    const lines = this._lines(result, r);
    const style = getComputedStyle(this);
    const isSelected = (cohort: string) => this.isSelected(this._pick(cohort, unit));
    // One colour scale for every segment, so switching the menu compares like with like.
    const max = Math.max(0, ...result.rows.filter((row) => row.complete).map((row) => row.share ?? 0));
    drawCohortChart(svg, lines, {
      width: this.boxWidth(svg.parentElement, r.width),
      fit: this.mode === 'wall',
      periods: Math.max(0, ...lines.map((l) => l.cells.length)),
      max,
      low: style.getPropertyValue('--_heat-low'),
      high: style.getPropertyValue('--_heat-high'),
      name: `${text.title(result.stageLabel)}: ${lines.map((l) => `${l.label} ${f.count(l.size)}`).join(', ')}`,
      header: { cohort: text.cohort, size: text.size, periods: text.periodsSince(unit) },
      count: (n) => f.count(n),
      value: (row) => f.percent(row.share),
      rowName: (l) => text.rowName(l.label, f.count(l.size)),
      cellName: (row, l) =>
        text.cellName({ cohort: l.label, n: row.period, unit, reached: f.count(row.reached), size: f.count(l.size), stage: row.label, share: f.percent(row.share) }),
      pendingName: (row, l) => text.pendingName(l.label, row.period, unit),
      select: {
        isSelected,
        // Only a cohort drawn here dims the others (a stale range, e.g. after a unit change, dims nothing).
        anySelected: lines.some((l) => isSelected(l.cohort)),
        toggle: (cohort) => this.toggle(this._pick(cohort, unit)),
        near: (cohort) => this.near(this._pick(cohort, unit)),
      },
    });
  }
}
