import { html, nothing } from 'lit';
import type { Locale } from '../../model/index.ts';
import type { DataTable } from '../core/export.ts';
import type { Format } from '../core/format.ts';
import { commonText } from '../core/messages.ts';
import { RevlensWidget, type Context, type RenderContext } from '../core/revlens-widget.ts';
import { KPI_METRICS, kpiText, type KpiMetric, type KpiText, type Trend } from './kpi-messages.ts';
import { kpiValues } from './kpi-columns.ts';
import { kpiPeriods, type KpiPeriods } from './kpi-periods.ts';
import { kpiStyles } from './revlens-kpi.styles.ts';

export interface KpiValue {
  metric: KpiMetric;
  current: number | null;
  previous: number | null;
  /** Rates: current − previous (a fraction: 0.034 is 3.4 pp); others: (current − previous) ÷ previous. */
  change: number | null;
}

export interface KpiResult {
  /** Null when the dataset has no timestamps to end a default period at. */
  periods: KpiPeriods | null;
  values: KpiValue[];
}

/** Changed in percentage points, not percent. */
const RATES: ReadonlySet<KpiMetric> = new Set(['mql_rate', 'win_rate']);
/** A fall is good news. */
const LOWER_IS_BETTER: ReadonlySet<KpiMetric> = new Set(['cycle']);

/**
 * A row of KPI tiles, each with its change against the previous period of the same length:
 * - leads: journeys created in the period that reached the first stage; MQLs: those that reached MQL;
 *   MQL rate: MQLs ÷ leads (the funnel, reached mode);
 * - win rate: won ÷ (won + lost), revenue won: sum of amount_base of won deals, median sales cycle: median
 *   days from created to closed of won deals — all over deals closed in the period;
 * - sales velocity: money per day (metrics/velocity.ts) over deals closed in the period, open opportunities
 *   as of the period's last day.
 * The period is `from`/`to`, else the board's created range, else the last 90 full days at the dataset's as-of.
 * The board's other filters apply. Tiles are not marks: clicking them filters nothing.
 *
 * @tag revlens-kpi
 *
 * @attr {string} src - URL of the dataset's manifest.json (relative to the page); inside a board, the board's.
 * @attr {"en" | "zh-CN"} locale - Labels and number formats; defaults to the board's, the page's `lang`, else English.
 * @attr {string} from - First day of the current period, YYYY-MM-DD (UTC); without it, 90 days before `to`.
 * @attr {string} to - Last day of the current period, YYYY-MM-DD (UTC); without it, the last full day at the dataset's as-of.
 * @attr {string} metrics - Comma list choosing and ordering tiles: leads, mqls, mql_rate, win_rate, revenue, cycle, velocity (default all).
 * @attr {"light" | "dark" | "wall"} theme - Built-in colour and type theme; light when absent.
 * @attr {"wall"} mode - Wall display: large type, no buttons, reloads when a new sync lands.
 * @attr {"chart" | "table"} view - The tiles (default) or their numbers as a table.
 *
 * @fires {CustomEvent<{result: KpiResult}>} revlens-load - The tiles were drawn (or found empty); `detail.result` holds the numbers.
 * @fires {CustomEvent<{message: string}>} revlens-error - Loading or computing failed; `detail.message` says what to fix.
 *
 * @csspart toolbar - Title and buttons.
 * @csspart status - The loading and empty messages.
 * @csspart error - The error message.
 * @csspart period - The line naming the period and what it is compared with.
 * @csspart tiles - The list of tiles.
 * @csspart tile - One KPI.
 * @csspart label - A KPI's name.
 * @csspart value - A KPI's value in the current period.
 * @csspart change - The change against the previous period (arrow, amount and the words for screen readers).
 * @csspart table - The data table with the same numbers.
 *
 * @cssproperty --revlens-font-family - Type face.
 * @cssproperty --revlens-font-size - Base type size; tiles scale with it.
 * @cssproperty --revlens-text-color - Values.
 * @cssproperty --revlens-muted-color - Labels, the period line and unchanged values.
 * @cssproperty --revlens-background - Background of the element.
 * @cssproperty --revlens-surface - Tile background.
 * @cssproperty --revlens-border-color - Tile border.
 * @cssproperty --revlens-good-color - A change for the better.
 * @cssproperty --revlens-bad-color - A change for the worse.
 * @cssproperty --revlens-error-color - Error message text.
 */
export class RevlensKpi extends RevlensWidget<KpiResult> {
  static override styles = [...RevlensWidget.styles, kpiStyles];
  static override properties = {
    ...RevlensWidget.properties,
    from: { type: String, reflect: true },
    to: { type: String, reflect: true },
    metrics: { type: String, reflect: true },
  };
  protected static override settings = ['from', 'to', 'metrics'];

  declare from: string | undefined;
  declare to: string | undefined;
  declare metrics: string | undefined;

  protected heading(locale: Locale): string {
    return kpiText(locale).chartName;
  }

  /** The tiles asked for, in order; throws naming an unknown one. */
  private _chosen(text: KpiText): KpiMetric[] {
    const asked = (this.metrics ?? '').split(',').map((m) => m.trim().toLowerCase()).filter(Boolean);
    const bad = asked.find((m) => !(KPI_METRICS as readonly string[]).includes(m));
    if (bad !== undefined) throw new Error(text.badMetrics(bad, KPI_METRICS.join(', ')));
    return asked.length ? [...new Set(asked as KpiMetric[])] : [...KPI_METRICS];
  }

  protected async compute(ctx: Context): Promise<KpiResult> {
    const text = kpiText(ctx.locale);
    const chosen = this._chosen(text);
    // The KPI applies dates itself (the current and the previous period); the board's other filters apply as they are.
    const { from, to, ...others } = ctx.filter;
    const own = this.from || this.to;
    let periods: KpiPeriods | null;
    try {
      periods = kpiPeriods(own ? { from: this.from, to: this.to } : { from, to }, await ctx.dataset.asOf());
    } catch (e) {
      throw new Error(`${commonText(ctx.locale).badSettings}: ${(e as Error).message}`);
    }
    if (!periods) return { periods, values: [] };
    // Counted in the page from the journeys' arrays (kpi-columns.ts): no DuckDB query.
    const values = await ctx.dataset.countSelected('kpi', [periods, chosen], others, (journeys, selected) => kpiValues(journeys, selected, periods!, ctx.model, chosen));
    return { periods, values: chosen.map((m) => withChange(m, values[m])) };
  }

  protected isEmpty(result: KpiResult): boolean {
    return result.values.every((v) => !v.current && !v.previous);
  }

  protected override emptyMessage(locale: Locale): string {
    const text = kpiText(locale);
    return this.result?.periods ? text.empty : text.emptyDataset;
  }

  protected renderChart(result: KpiResult, r: RenderContext) {
    const text = kpiText(r.locale);
    const p = result.periods!;
    return html`<p class="period" part="period">${text.period(r.format.date(p.current.from), r.format.date(p.current.to), p.days)}</p>
      <ul class="tiles" part="tiles">
        ${result.values.map((v) => {
          const c = describeChange(v, p.days, text, r.format);
          const [value, unit] = valueParts(v.metric, v.current, text, r.format);
          return html`<li class="tile" part="tile" data-metric=${v.metric}>
            <span class="label" part="label">${text.labels[v.metric]}</span>
            <span class="value" part="value">${value}${unit ? html`<span class="unit">${unit}</span>` : nothing}</span>
            <span class="change ${c.tone}" part="change" data-trend=${c.trend}
              ><span aria-hidden="true">${c.shown}</span><span class="visually-hidden">${c.said}</span></span
            >
          </li>`;
        })}
      </ul>`;
  }

  protected dataTable(result: KpiResult, r: RenderContext): DataTable {
    const text = kpiText(r.locale);
    const days = result.periods?.days ?? 0;
    // Values differ in kind row by row (counts, rates, money), so cells carry their formatted text;
    // csvTable puts the plain numbers back.
    const shown = (v: unknown) => String(v ?? '');
    return {
      columns: [{ label: text.metric }, { label: text.current, format: shown }, { label: text.previous, format: shown }, { label: text.change, format: shown }],
      rows: result.values.map((v) => [
        text.labels[v.metric],
        formatValue(v.metric, v.current, text, r.format),
        formatValue(v.metric, v.previous, text, r.format),
        describeChange(v, days, text, r.format).shown,
      ]),
    };
  }

  /** The CSV keeps plain numbers (money not compacted); the change as shown, since its unit differs by row. */
  protected override csvTable(result: KpiResult, r: RenderContext): DataTable {
    const shown = this.dataTable(result, r);
    return {
      columns: shown.columns.map((c) => ({ label: c.label })),
      rows: shown.rows.map((row, i) => [row[0]!, result.values[i]!.current, result.values[i]!.previous, row[3]!]),
    };
  }

  /** The tiles are HTML, not SVG: drawn on a canvas from their laid-out boxes (export.ts). */
  override async exportPng(): Promise<void> {
    const list = this.renderRoot.querySelector<HTMLElement>('.tiles');
    if (!list) return;
    const exporter = await this.exporter();
    if (!exporter) return;
    const { boxesToPng, download } = exporter;
    const blob = await boxesToPng(list, '.tile', '.label, .value, .change > [aria-hidden]', this.pngBackground());
    if (blob) download(`${this.localName}.png`, blob);
  }
}

function withChange(metric: KpiMetric, pair: [number | null, number | null] | undefined): KpiValue {
  const [current, previous] = pair ?? [null, null];
  let change: number | null = null;
  if (current !== null && previous !== null) {
    if (RATES.has(metric)) change = current - previous;
    else if (previous !== 0) change = (current - previous) / previous;
  }
  return { metric, current, previous, change };
}

/** A value as its number and its unit (days, per day), so the unit can be drawn smaller. */
function valueParts(metric: KpiMetric, v: number | null, text: KpiText, f: Format): [string, string] {
  if (v === null) return ['–', ''];
  switch (metric) {
    case 'leads':
    case 'mqls':
      return [f.count(v), ''];
    case 'mql_rate':
    case 'win_rate':
      return [f.percent(v), ''];
    case 'revenue':
      return [f.money(v), ''];
    case 'cycle':
      return [f.days(v), text.daysUnit];
    case 'velocity':
      return [f.money(v), text.perDayUnit];
  }
}

function formatValue(metric: KpiMetric, v: number | null, text: KpiText, f: Format): string {
  return valueParts(metric, v, text, f).join('');
}

/** The change as shown (arrow and amount), as said to a screen reader, and whether it is good news. */
function describeChange(v: KpiValue, days: number, text: KpiText, f: Format): { shown: string; said: string; trend: Trend | 'none'; tone: string } {
  if (v.change === null) return { shown: '–', said: text.noPrevious, trend: 'none', tone: '' };
  const trend: Trend = v.change > 0 ? 'up' : v.change < 0 ? 'down' : 'flat';
  const size = Math.abs(v.change);
  const rate = RATES.has(v.metric);
  const amount = rate ? text.pp(f.decimal(size * 100)) : f.percent(size);
  const spoken = rate ? text.ppLong(f.decimal(size * 100)) : amount;
  const better = trend === 'flat' ? null : (trend === 'up') !== LOWER_IS_BETTER.has(v.metric);
  return {
    shown: trend === 'up' ? `▲ ${amount}` : trend === 'down' ? `▼ ${amount}` : amount,
    said: text.trend(trend, spoken, days),
    trend,
    tone: better === null ? 'flat' : better ? 'good' : 'bad',
  };
}
