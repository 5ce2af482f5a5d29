import { html, nothing } from 'lit';
import { shapeWinloss, winlossSpecSchema, type WinlossRow, type WinlossSpec } from '../../metrics/winloss.ts';
import { winlossRows } from '../../metrics/winloss-columns.ts';
import type { Dimension, Locale } from '../../model/index.ts';
import type { DataTable } from '../core/export.ts';
import { fieldLabel } from '../core/fields.ts';
import { RevlensWidget, type Context, type RenderContext } from '../core/revlens-widget.ts';
import { typeOf } from '../core/marks.ts';
import { drawRates, drawReasons, type MarkSelect, type RateItem, type ReasonItem } from './winloss-chart.ts';
import { drawDeals, drawTrend, type Measure, type SpreadItem } from './winloss-deals.ts';
import { winlossText } from './winloss-messages.ts';
import { winlossStyles } from './revlens-winloss.styles.ts';

type Unit = 'week' | 'month' | 'quarter';

export interface WinlossView {
  spec: { by?: Dimension | undefined; from?: string | undefined; to?: string | undefined; period: Unit };
  /** Win rate per value of `by` (one row without it), most closed deals first. */
  rates: WinlossRow[];
  /** Loss reasons over every segment, most frequent first, with the cumulative share (Pareto). */
  reasons: WinlossRow[];
  /** Deal size and cycle length quartiles, won and lost, over every segment. */
  deals: WinlossRow[];
  /** Win rate per close period, over every segment. */
  trend: WinlossRow[];
}

const NO_ROWS = { rates: [], reasons: [], deals: [], trend: [], poc: [], poc_reasons: [] };
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/**
 * Win-loss analysis of the closed deals (won or lost) of a dataset: the win rate per segment, the loss
 * reasons ranked with their cumulative share (Pareto), deal size and cycle length of won vs lost deals
 * (median and quartiles), and the win rate per close period. Computed live in DuckDB-WASM with the same
 * SQL as `revlens metrics winloss`. Clicking a segment filters a board to it; clicking a loss reason
 * filters to the journeys lost for that reason. One mark is selected at a time.
 *
 * @tag revlens-winloss
 *
 * @attr {string} src - URL of the dataset's manifest.json (relative to the page); inside a board, the board's.
 * @attr {"en" | "zh-CN"} locale - Labels and number formats; defaults to the board's, the page's `lang`, else English.
 * @attr {string} by - Optional segment dimension (region, source, industry, owner …): one win-rate bar per value; without it one overall bar.
 * @attr {string} from - First close day included, YYYY-MM-DD (UTC).
 * @attr {string} to - Last close day included, YYYY-MM-DD (UTC).
 * @attr {"week" | "month" | "quarter"} period - Close periods of the trend panel (default month).
 * @attr {"light" | "dark" | "wall"} theme - Built-in colour and type theme; light when absent.
 * @attr {"wall"} mode - Wall display: large type, no buttons, reloads when a new sync lands.
 * @attr {"chart" | "table"} view - The chart (default) or its numbers (rates and reasons) as a table.
 *
 * @fires {CustomEvent<{result: WinlossView, rates: WinlossRow[], reasons: WinlossRow[]}>} revlens-load - The numbers were drawn (or found empty).
 * @fires {CustomEvent<{message: string}>} revlens-error - Loading or computing failed; `detail.message` says what to fix.
 * @fires {CustomEvent<{clause: Clause | null, field: string}>} revlens-select - A segment (`{field: by, values: [value]}`, null value for "(none)") or a loss reason (`{field: 'loss_reason', values: [reason]}`) was clicked, or unclicked (null clause).
 *
 * @csspart toolbar - Title and buttons.
 * @csspart status - The loading and empty messages.
 * @csspart error - The error message.
 * @csspart panel - Each of the panels (also rates-panel, reasons-panel, deals-panel, trend-panel).
 * @csspart panel-title - A panel's heading.
 * @csspart chart - Each panel's SVG.
 * @csspart segment - A segment's row in the win-rate panel.
 * @csspart reason - A loss reason's row in the Pareto panel.
 * @csspart label - A segment, reason or outcome label.
 * @csspart won - The won part of a segment's bar.
 * @csspart lost - The lost part of a segment's bar.
 * @csspart rate - A segment's win rate.
 * @csspart counts - A segment's won and lost counts.
 * @csspart bar - A loss reason's bar.
 * @csspart count - A loss reason's count.
 * @csspart cumulative - A loss reason's cumulative share.
 * @csspart track - The background behind a bar or box.
 * @csspart box - The quartile box of won or lost deals.
 * @csspart median - The median tick in a box.
 * @csspart spread - The median and quartiles as text.
 * @csspart line - The trend line.
 * @csspart point - A close period's point on the trend line.
 * @csspart table - The data table with the rates and the reasons.
 *
 * @cssproperty --revlens-font-family - Type face.
 * @cssproperty --revlens-font-size - Base type size; rows scale with it.
 * @cssproperty --revlens-text-color - Labels and numbers.
 * @cssproperty --revlens-muted-color - Secondary text and the trend grid.
 * @cssproperty --revlens-background - Background of the element.
 * @cssproperty --revlens-bar-color - Loss-reason bars and the trend line.
 * @cssproperty --revlens-good-color - Won deals.
 * @cssproperty --revlens-bad-color - Lost deals.
 * @cssproperty --revlens-accent-color - The selected segment or reason.
 * @cssproperty --revlens-track-color - Bar and box background track.
 * @cssproperty --revlens-error-color - Error message text.
 */
export class RevlensWinloss extends RevlensWidget<WinlossView> {
  static override styles = [...RevlensWidget.styles, winlossStyles];
  static override properties = {
    ...RevlensWidget.properties,
    by: { type: String, reflect: true },
    from: { type: String, reflect: true },
    to: { type: String, reflect: true },
    period: { type: String, reflect: true },
  };
  protected static override settings = ['by', 'from', 'to', 'period'];

  declare by: string | undefined;
  declare from: string | undefined;
  declare to: string | undefined;
  declare period: string | undefined;

  protected heading(locale: Locale): string {
    return winlossText(locale).chartName;
  }

  protected async compute(ctx: Context): Promise<WinlossView> {
    const overall: WinlossSpec = { from: this.from || undefined, to: this.to || undefined, period: (this.period || undefined) as Unit | undefined };
    const segmented: WinlossSpec = { ...overall, by: (this.by || undefined) as Dimension | undefined };
    const checked = this.checkSettings(winlossSpecSchema, segmented, ctx.locale);
    // Rates per segment; the Pareto, the deals and the trend over all segments (quartiles do not add up).
    // Counted in the page (metrics/winloss-columns.ts).
    const { dataset, filter, model } = ctx;
    const [bySegment, overAll] = await dataset.countSelected('winloss', [segmented, overall], filter, function* (journeys, selected) {
      return [yield* winlossRows(journeys, selected, segmented, ['rates']), yield* winlossRows(journeys, selected, overall, ['reasons', 'deals', 'trend'])];
    });
    const seg = shapeWinloss({ ...NO_ROWS, ...bySegment }, segmented, model, ctx.locale);
    const all = shapeWinloss({ ...NO_ROWS, ...overAll }, overall, model, ctx.locale);
    return {
      spec: { by: checked.by, from: checked.from, to: checked.to, period: checked.period ?? 'month' },
      rates: seg.rates,
      reasons: all.reasons,
      deals: all.deals,
      trend: all.trend,
    };
  }

  protected isEmpty(result: WinlossView): boolean {
    return result.rates.every((r) => !num(r.won) && !num(r.lost));
  }

  protected override emptyMessage(locale: Locale): string {
    const text = winlossText(locale);
    return this.from || this.to ? text.emptyRange : text.emptyDataset;
  }

  protected override loadDetail(result: WinlossView): unknown {
    return { result, rates: result.rates, reasons: result.reasons };
  }

  private _ratesTitle(result: WinlossView, locale: Locale): string {
    const text = winlossText(locale);
    return result.spec.by ? text.winRateBy(fieldLabel(result.spec.by, locale)) : text.winRate;
  }

  private _rateItems(result: WinlossView, r: RenderContext): RateItem[] {
    const by = result.spec.by;
    return result.rates.map((row) => {
      const value = by ? ((row[by] ?? null) as string | null) : null;
      const label = by ? (value ?? r.text.none) : winlossText(r.locale).overall;
      return { value, label, won: num(row.won) ?? 0, lost: num(row.lost) ?? 0, rate: num(row.win_rate) };
    });
  }

  private _reasonItems(result: WinlossView, r: RenderContext): ReasonItem[] {
    return result.reasons.map((row) => {
      const value = (row.loss_reason ?? null) as string | null;
      return { value, label: value ?? r.text.none, lost: num(row.lost) ?? 0, cumulative: num(row.cumulative_share) };
    });
  }

  /**
   * The board keeps one clause per element, so choosing a mark of the other panel first lets go of the
   * selected one (else it could never be unclicked: the element would only see its first clause).
   */
  private _pick(field: Dimension, value: string | null): void {
    const current = this.selection;
    if (current && current.field !== field) this.fire('revlens-select', { clause: null, field: current.field });
    this.toggle({ field, values: [value] });
  }

  private _marks(field: Dimension): MarkSelect {
    return {
      isSelected: (v) => this.isSelected({ field, values: [v] }),
      anySelected: this.selection?.field === field,
      toggle: (v) => this._pick(field, v),
      near: (v) => this.near({ field, values: [v] }),
    };
  }

  protected renderChart(result: WinlossView, r: RenderContext) {
    const text = winlossText(r.locale);
    const panel = (key: string, title: string, body: unknown) =>
      html`<section class="panel" part="panel ${key}-panel">
        <div class="panel-title" part="panel-title" role="heading" aria-level=${this.subheadingLevel}>${title}</div>
        ${body}
      </section>`;
    const svg = (key: string) => html`<svg part="chart" data-panel=${key}></svg>`;
    return html`<div class="panels">
      ${panel('rates', this._ratesTitle(result, r.locale), svg('rates'))}
      ${panel('reasons', text.lossReasons, result.reasons.length ? svg('reasons') : html`<p class="note">${text.noLosses}</p>`)}
      ${panel('deals', text.deals, svg('deals'))}
      ${result.trend.length > 1 ? panel('trend', text.trend(result.spec.period), svg('trend')) : nothing}
    </div>`;
  }

  protected dataTable(result: WinlossView, r: RenderContext): DataTable {
    const text = winlossText(r.locale);
    const f = r.format;
    const count = (v: unknown) => (v === null ? '' : f.count(v as number));
    const percent = (v: unknown) => (v === null ? '' : f.percent(v as number));
    const ratesTitle = this._ratesTitle(result, r.locale);
    return {
      columns: [
        { label: text.section },
        { label: text.item },
        { label: text.won, format: count },
        { label: text.lost, format: count },
        { label: text.winRate, format: percent },
        { label: text.share, format: percent },
        { label: text.cumulativeShare, format: percent },
      ],
      rows: [
        ...this._rateItems(result, r).map((d) => [ratesTitle, d.label, d.won, d.lost, d.rate, null, null]),
        ...this._reasonItems(result, r).map((d, i) => [text.lossReasons, d.label, null, d.lost, null, num(result.reasons[i]!.share), d.cumulative]),
      ],
    };
  }

  protected override draw(result: WinlossView, r: RenderContext): void {
    const text = winlossText(r.locale);
    const f = r.format;
    const [rates, reasons, deals, trend] = ['rates', 'reasons', 'deals', 'trend'].map((key) =>
      this.renderRoot.querySelector<SVGSVGElement>(`svg[data-panel="${key}"]`),
    );
    // Each panel fills its own cell of the grid (one column when the element is narrow). Every width is read
    // before any panel is drawn: a read after a drawing lays the page out again.
    const widths = new Map([rates, reasons, deals, trend].map((s) => [s, this.boxWidth(s?.parentElement, r.width)]));
    const width = (s: SVGSVGElement) => widths.get(s)!;
    const types = new Map([rates, reasons, deals, trend].map((s) => [s, s ? typeOf(s) : undefined]));
    const by = result.spec.by;

    if (rates) {
      const items = this._rateItems(result, r);
      const name = `${this._ratesTitle(result, r.locale)}: ${items.map((d) => `${d.label} ${f.percent(d.rate)}`).join(', ')}`;
      drawRates(rates, items, { type: types.get(rates), width: width(rates), name, text, format: f, select: by ? this._marks(by) : undefined });
    }
    if (reasons) {
      const items = this._reasonItems(result, r);
      const name = `${text.lossReasons}: ${items.map((d) => `${d.label} ${f.count(d.lost)}`).join(', ')}`;
      drawReasons(reasons, items, { type: types.get(reasons), width: width(reasons), name, text, format: f, select: this._marks('loss_reason') });
    }
    if (deals) {
      const measures = this._measures(result, r);
      const name = `${text.deals}: ${measures
        .map((m) => `${m.title}: ${m.items.map((d) => `${d.outcome === 'won' ? text.won : text.lost} ${m.format(d.median)}`).join(', ')}`)
        .join('; ')}`;
      drawDeals(deals, measures, { type: types.get(deals), width: width(deals), name, text, format: f });
    }
    if (trend) {
      const items = result.trend.map((row) => ({
        start: String(row.period),
        label: f.period(row.period as string | null, result.spec.period),
        rate: num(row.win_rate),
        won: num(row.won) ?? 0,
        lost: num(row.lost) ?? 0,
      }));
      const name = `${text.trend(result.spec.period)}: ${items.map((d) => `${d.label} ${f.percent(d.rate)}`).join(', ')}`;
      drawTrend(trend, items, { type: types.get(trend), width: width(trend), name, text, format: f });
    }
  }

  private _measures(result: WinlossView, r: RenderContext): Measure[] {
    const text = winlossText(r.locale);
    const spread = (prefix: string): SpreadItem[] =>
      (['won', 'lost'] as const).map((outcome) => {
        const row = result.deals.find((d) => d.outcome === outcome);
        return {
          outcome,
          n: num(row?.[`${prefix}_n`]) ?? 0,
          p25: num(row?.[`${prefix}_p25`]),
          median: num(row?.[`${prefix}_median`]),
          p75: num(row?.[`${prefix}_p75`]),
        };
      });
    return [
      { key: 'amount', title: text.dealSize, items: spread('amount'), format: (v) => r.format.money(v) },
      { key: 'cycle', title: text.cycleDays, items: spread('cycle_days'), format: (v) => r.format.days(v) },
    ];
  }
}
