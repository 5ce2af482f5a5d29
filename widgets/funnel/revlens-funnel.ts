import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { isEmptyFilter } from '../../metrics/filter.ts';
import { funnelSpecSchema, shapeFunnel, type FunnelRow, type FunnelSpec } from '../../metrics/funnel.ts';
import { funnelRows } from '../../metrics/funnel-columns.ts';
import { finish } from '../../metrics/steps.ts';
import type { Dimension, Locale } from '../../model/index.ts';
import type { DataTable } from '../core/export.ts';
import { drawBars } from '../core/bars.ts';
import { typeOf } from '../core/marks.ts';
import { barStyles } from '../core/bars.styles.ts';
import { RevlensWidget, type Context, type RenderContext } from '../core/revlens-widget.ts';
import { funnelText } from './funnel-messages.ts';
import { funnelStyles } from './revlens-funnel.styles.ts';

export interface FunnelResult {
  rows: FunnelRow[];
  spec: FunnelSpec;
}

interface Segment {
  key: string;
  value: string | null;
  title: string | null;
  rows: FunnelRow[];
}

/**
 * The revenue funnel of a dataset: one horizontal bar per stage with its count, conversion from the previous
 * and from the first stage, and the median days from the previous stage. Computed live in DuckDB-WASM with
 * the same SQL as `revlens metrics funnel`. Clicking a stage filters a board to the journeys that reached it;
 * with a breakdown, clicking a funnel filters to its value.
 *
 * @tag revlens-funnel
 *
 * @attr {string} src - URL of the dataset's manifest.json (relative to the page); inside a board, the board's.
 * @attr {"en" | "zh-CN"} locale - Labels and number formats; defaults to the board's, the page's `lang`, else English.
 * @attr {string} by - Optional breakdown dimension (source, region, owner …): one small funnel per value.
 * @attr {string} from - First created day included, YYYY-MM-DD (UTC).
 * @attr {string} to - Last created day included, YYYY-MM-DD (UTC).
 * @attr {boolean} strict - Count a stage only for journeys that passed every earlier stage in order.
 * @attr {"light" | "dark" | "wall"} theme - Built-in colour and type theme; light when absent.
 * @attr {"wall"} mode - Wall display: large type, no buttons, reloads when a new sync lands.
 * @attr {"chart" | "table"} view - The chart (default) or its numbers as a table.
 *
 * @fires {CustomEvent<{rows: FunnelRow[], spec: FunnelSpec}>} revlens-load - The funnel was drawn (or found empty); `detail.rows` are the numbers shown.
 * @fires {CustomEvent<{message: string}>} revlens-error - Loading or computing failed; `detail.message` says what to fix.
 * @fires {CustomEvent<{clause: Clause | null, field: string}>} revlens-select - A stage (or a breakdown value) was clicked.
 *
 * @csspart toolbar - Title and buttons.
 * @csspart status - The loading and empty messages.
 * @csspart error - The error message.
 * @csspart segment - One funnel of a breakdown (or the only one).
 * @csspart segment-title - The breakdown value above its funnel.
 * @csspart chart - Each funnel's SVG.
 * @csspart stage - One stage's group in the SVG.
 * @csspart label - A stage label.
 * @csspart track - The full-width background behind a bar.
 * @csspart bar - A stage's bar.
 * @csspart count - A stage's count.
 * @csspart detail - A stage's conversions and median days.
 * @csspart table - The data table with the same numbers.
 *
 * @cssproperty --revlens-font-family - Type face.
 * @cssproperty --revlens-font-size - Base type size; rows scale with it.
 * @cssproperty --revlens-text-color - Labels and counts.
 * @cssproperty --revlens-muted-color - Secondary text.
 * @cssproperty --revlens-background - Background of the element.
 * @cssproperty --revlens-bar-color - Bar fill.
 * @cssproperty --revlens-accent-color - The selected bar.
 * @cssproperty --revlens-track-color - Bar background track.
 * @cssproperty --revlens-error-color - Error message text.
 */
export class RevlensFunnel extends RevlensWidget<FunnelResult> {
  static override styles = [...RevlensWidget.styles, barStyles, funnelStyles];
  static override properties = {
    ...RevlensWidget.properties,
    by: { type: String, reflect: true },
    from: { type: String, reflect: true },
    to: { type: String, reflect: true },
    strict: { type: Boolean, reflect: true },
  };
  protected static override settings = ['by', 'from', 'to', 'strict'];

  declare by: string | undefined;
  declare from: string | undefined;
  declare to: string | undefined;
  declare strict: boolean;

  /** The funnel rows last drawn (empty until loaded). */
  get rows(): readonly FunnelRow[] {
    return this.result?.rows ?? [];
  }

  protected heading(locale: Locale): string {
    return funnelText(locale).chartName;
  }

  protected async compute(ctx: Context): Promise<FunnelResult> {
    const spec: FunnelSpec = {
      by: (this.by || undefined) as FunnelSpec['by'],
      from: this.from || undefined,
      to: this.to || undefined,
      ...(this.strict ? { mode: 'strict' as const } : {}),
    };
    this.checkSettings(funnelSpecSchema, spec, ctx.locale);
    // Counted in the page (metrics/funnel-columns.ts). The plain funnel needs only the stage facts, there before
    // DuckDB has started; a breakdown, dates or a filter need the journeys read.
    const { dataset, filter, model } = ctx;
    const plain = !spec.by && !spec.from && !spec.to && isEmptyFilter(filter);
    const raw = await (plain
      ? dataset.counted(`funnel ${JSON.stringify(spec)}`, async () => finish(funnelRows(await dataset.stageFacts(), null, spec, model)))
      : dataset.countSelected('funnel', spec, filter, (journeys, selected) => funnelRows(journeys, selected, spec, model)));
    return { rows: shapeFunnel(raw, spec, ctx.model, ctx.locale), spec };
  }

  protected isEmpty(result: FunnelResult): boolean {
    return result.rows.every((r) => r.reached === 0);
  }

  protected override emptyMessage(locale: Locale): string {
    const text = funnelText(locale);
    return this.from || this.to ? text.emptyRange : text.emptyDataset;
  }

  protected override loadDetail(result: FunnelResult): unknown {
    return { result, rows: result.rows, spec: result.spec };
  }

  private _segments(result: FunnelResult, none: string): Segment[] {
    const by = result.spec.by;
    if (!by) return [{ key: '', value: null, title: null, rows: result.rows }];
    const segments = new Map<string, Segment>();
    for (const row of result.rows) {
      const value = row[by] as string | null;
      const key = value === null ? 'none' : `=${value}`; // no NUL: keys land in attributes, and exported SVG is XML
      let segment = segments.get(key);
      if (!segment) segments.set(key, (segment = { key, value, title: value ?? none, rows: [] }));
      segment.rows.push(row);
    }
    return [...segments.values()];
  }

  protected renderChart(result: FunnelResult, r: RenderContext) {
    const by = result.spec.by;
    return html`<div class=${by ? 'segments grid' : 'segments'}>${repeat(
      this._segments(result, r.text.none),
      (s) => s.key,
      (s) => {
        const pick = by ? { field: by as Dimension, values: [s.value] } : undefined;
        const selected = pick ? this.isSelected(pick) : false;
        return html`<section class=${selected ? 'segment selected' : 'segment'} part="segment">
          ${s.title === null
            ? nothing
            : html`<div class="segment-title" part="segment-title" role="heading" aria-level=${this.subheadingLevel}>
                <button type="button" class="pick" aria-pressed=${selected ? 'true' : 'false'} @click=${() => this.toggle(pick!)}
                  @pointerenter=${() => this.near(pick!)} @focus=${() => this.near(pick!)}>${s.title}</button>
              </div>`}
          <svg part="chart" data-segment=${s.key}></svg>
        </section>`;
      },
    )}</div>`;
  }

  protected dataTable(result: FunnelResult, r: RenderContext): DataTable {
    const text = funnelText(r.locale);
    const by = result.spec.by;
    const f = r.format;
    return {
      columns: [
        ...(by ? [{ label: by }] : []),
        { label: text.stage },
        { label: text.reached, format: (v) => f.count(v as number) },
        { label: text.fromPrevious, format: (v) => (v === null ? '' : f.percent(v as number)) },
        { label: text.fromFirst, format: (v) => (v === null ? '' : f.percent(v as number)) },
        { label: text.medianDays, format: (v) => (v === null ? '' : f.days(v as number)) },
      ],
      rows: result.rows.map((row) => [
        ...(by ? [(row[by] as string | null) ?? r.text.none] : []),
        row.label,
        row.reached,
        row.conversion_from_previous,
        row.conversion_from_first,
        row.median_days_from_previous,
      ]),
    };
  }

  protected override draw(result: FunnelResult, r: RenderContext): void {
    const text = funnelText(r.locale);
    const segments = this._segments(result, r.text.none);
    const svgs = this.renderRoot.querySelectorAll<SVGSVGElement>('svg[part="chart"]');
    const max = Math.max(0, ...result.rows.map((row) => row.reached));
    const by = result.spec.by;
    // Each funnel fills its own box: the whole element, or one cell of the breakdown grid. Every width is read
    // before any funnel is drawn: a read after a drawing lays the page out again.
    const widths = [...svgs].map((svg) => this.boxWidth(svg.parentElement, r.width));
    const types = [...svgs].map((svg) => typeOf(svg));
    const measures = segments.map((s, i) => {
      const svg = svgs[i];
      if (!svg) return () => () => {};
      const width = widths[i]!;
      const summary = s.rows.map((row) => `${row.label} ${text.count(row.reached)}`).join(', ');
      const name = `${text.chartName}${s.title === null ? '' : ` (${by}: ${s.title})`}: ${summary}`;
      // Without a breakdown, stages are the marks: one click filters to the journeys that reached it.
      const select = by
        ? undefined
        : {
            isSelected: (stage: string) => this.isSelected({ field: 'reached', stage }),
            anySelected: this.selection?.field === 'reached',
            toggle: (stage: string) => this.toggle({ field: 'reached', stage }),
            near: (stage: string) => this.near({ field: 'reached', stage }),
          };
      const bars = s.rows.map((row) => ({
        stage: row.stage,
        label: row.label,
        value: row.reached,
        count: text.count(row.reached),
        detail: text.detail({ previous: row.conversion_from_previous, first: row.conversion_from_first, days: row.median_days_from_previous }),
      }));
      return drawBars(svg, bars, { width, max, countEms: 5, name, select, type: types[i] });
    });
    // Every funnel measured, then every one placed: one layout of the page, not one per funnel.
    for (const place of measures.map((measure) => measure())) place();
  }
}

