import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { funnelSpecSchema, funnelSql, shapeFunnel, type FunnelRow, type FunnelSpec } from '../../metrics/index.ts';
import { resolveLocale, type Locale, type StageModel } from '../../model/index.ts';
import { openDataset, type Row } from '../engine/index.ts';
import { drawFunnelChart } from './funnel-chart.ts';
import { funnelText, type FunnelText } from './funnel-messages.ts';
import { funnelStyles } from './revlens-funnel.styles.ts';

type State = 'loading' | 'empty' | 'error' | 'ready';

interface Segment {
  key: string;
  title: string | null;
  rows: FunnelRow[];
}

/**
 * The revenue funnel of a dataset: one horizontal bar per stage with its count, conversion from the previous
 * and from the first stage, and the median days from the previous stage. Computed live in DuckDB-WASM with
 * the same SQL as `revlens metrics funnel`.
 *
 * @tag revlens-funnel
 *
 * @attr {string} src - URL of the dataset's manifest.json (relative to the page).
 * @attr {"en" | "zh-CN"} locale - Labels and number formats; defaults to the page's `lang`, else English.
 * @attr {string} by - Optional breakdown dimension (source, region, owner …): one small funnel per value.
 * @attr {string} from - First created day included, YYYY-MM-DD (UTC).
 * @attr {string} to - Last created day included, YYYY-MM-DD (UTC).
 * @attr {"light" | "dark" | "wall"} theme - Built-in colour and type theme; light when absent.
 *
 * @fires {CustomEvent<{rows: FunnelRow[], spec: FunnelSpec}>} revlens-load - The funnel was drawn (or found empty); `detail.rows` are the numbers shown.
 * @fires {CustomEvent<{message: string}>} revlens-error - Loading or computing failed; `detail.message` says what to fix.
 *
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
 * @csspart table - The visually hidden data table with the same numbers.
 *
 * @cssproperty --revlens-font-family - Type face.
 * @cssproperty --revlens-font-size - Base type size; rows scale with it.
 * @cssproperty --revlens-text-color - Labels and counts.
 * @cssproperty --revlens-muted-color - Secondary text.
 * @cssproperty --revlens-background - Background of the element.
 * @cssproperty --revlens-bar-color - Bar fill.
 * @cssproperty --revlens-track-color - Bar background track.
 * @cssproperty --revlens-error-color - Error message text.
 */
export class RevlensFunnel extends LitElement {
  static override styles = funnelStyles;
  static override properties = {
    src: { type: String, reflect: true },
    locale: { type: String, reflect: true },
    by: { type: String, reflect: true },
    from: { type: String, reflect: true },
    to: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    _state: { state: true },
    _error: { state: true },
    _rows: { state: true },
    _width: { state: true },
  };

  declare src: string | undefined;
  declare locale: string | undefined;
  declare by: string | undefined;
  declare from: string | undefined;
  declare to: string | undefined;
  declare theme: string | undefined;
  declare private _state: State;
  declare private _error: string;
  declare private _rows: FunnelRow[];
  declare private _width: number;

  private _request = 0;
  private _raw: Row[] = [];
  private _spec: FunnelSpec = {};
  private _model: StageModel | undefined;
  private _announce = false;
  private _resize = new ResizeObserver(([entry]) => {
    if (entry) this._width = Math.floor(entry.contentRect.width);
  });

  constructor() {
    super();
    this._state = 'loading';
    this._error = '';
    this._rows = [];
    this._width = 0;
  }

  /** The funnel rows last drawn (empty until loaded). */
  get rows(): readonly FunnelRow[] {
    return this._rows;
  }

  private get _locale(): Locale {
    return resolveLocale(this.locale || document.documentElement.lang || 'en');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The first update always loads, so an element without src says so instead of "loading" forever.
    if (!this.hasUpdated || changed.has('src') || changed.has('by') || changed.has('from') || changed.has('to')) {
      void this._load();
    } else if (changed.has('locale') && this._model && this._state !== 'error') {
      // Labels and formats only: no need to ask DuckDB again.
      this._rows = shapeFunnel(this._raw, this._spec, this._model, this._locale);
      this._announce = true;
    }
  }

  private async _load(): Promise<void> {
    const request = ++this._request;
    this._state = 'loading';
    const text = funnelText(this._locale);
    try {
      if (!this.src) throw new Error(text.noSrc);
      const spec = this._parseSpec(text);
      const dataset = await openDataset(this.src);
      const raw = await dataset.query(funnelSql(spec, dataset.manifest.stage_model));
      if (request !== this._request) return; // attributes changed meanwhile: a newer load owns the element
      this._raw = raw;
      this._spec = spec;
      this._model = dataset.manifest.stage_model;
      this._rows = shapeFunnel(raw, spec, this._model, this._locale);
      const first = this._model.stages[0]!.key;
      const journeys = this._rows.filter((r) => r.stage === first).reduce((n, r) => n + r.reached, 0);
      this._state = journeys === 0 ? 'empty' : 'ready';
      this._announce = true;
    } catch (e) {
      if (request !== this._request) return;
      this._state = 'error';
      this._error = e instanceof Error ? e.message : String(e);
      this._rows = [];
      this._fire('revlens-error', { message: this._error });
    }
  }

  /** Attribute values as a metric spec; a bad value becomes a message naming the attribute. */
  private _parseSpec(text: FunnelText): FunnelSpec {
    const spec: FunnelSpec = { by: (this.by || undefined) as FunnelSpec['by'], from: this.from || undefined, to: this.to || undefined };
    const parsed = funnelSpecSchema.safeParse(spec);
    if (parsed.success) return spec;
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'attributes'}: ${i.message}`);
    throw new Error(`${text.badSettings}: ${problems.join('; ')}`);
  }

  private _fire(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private _segments(text: FunnelText): Segment[] {
    const by = this._spec.by;
    if (!by) return [{ key: '', title: null, rows: this._rows }];
    const segments = new Map<string, Segment>();
    for (const row of this._rows) {
      const value = row[by] as string | null;
      const key = value === null ? '\u0000' : `=${value}`;
      let segment = segments.get(key);
      if (!segment) segments.set(key, (segment = { key, title: value ?? text.none, rows: [] }));
      segment.rows.push(row);
    }
    return [...segments.values()];
  }

  protected override render() {
    const text = funnelText(this._locale);
    switch (this._state) {
      case 'loading':
        return html`<p class="status" part="status" role="status">${text.loading}</p>`;
      case 'error':
        return html`<p class="error" part="error" role="alert">${this._error}</p>`;
      case 'empty':
        return html`<p class="status" part="status" role="status">
          ${this._spec.from || this._spec.to ? text.emptyRange : text.emptyDataset}
        </p>`;
      case 'ready':
        return html`<div class=${this._spec.by ? 'segments grid' : 'segments'}>${repeat(
            this._segments(text),
            (s) => s.key,
            (s) => html`<section class="segment" part="segment">
              ${s.title === null ? nothing : html`<h3 class="segment-title" part="segment-title">${s.title}</h3>`}
              <svg part="chart" data-segment=${s.key}></svg>
            </section>`,
          )}</div>
          ${this._table(text)}`;
    }
  }

  private _table(text: FunnelText) {
    const by = this._spec.by;
    return html`<table class="visually-hidden" part="table">
      <caption>${text.chartName}</caption>
      <thead>
        <tr>
          ${by ? html`<th scope="col">${by}</th>` : nothing}
          <th scope="col">${text.stage}</th>
          <th scope="col">${text.reached}</th>
          <th scope="col">${text.fromPrevious}</th>
          <th scope="col">${text.fromFirst}</th>
          <th scope="col">${text.medianDays}</th>
        </tr>
      </thead>
      <tbody>
        ${this._rows.map(
          (r) => html`<tr>
            ${by ? html`<td>${(r[by] as string | null) ?? text.none}</td>` : nothing}
            <th scope="row">${r.label}</th>
            <td>${text.count(r.reached)}</td>
            <td>${text.percent(r.conversion_from_previous)}</td>
            <td>${text.percent(r.conversion_from_first)}</td>
            <td>${text.days(r.median_days_from_previous)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  protected override updated(): void {
    if (this._state === 'ready') this._draw();
    if (this._announce) {
      this._announce = false;
      this._fire('revlens-load', { rows: this._rows, spec: this._spec });
    }
  }

  private _draw(): void {
    const text = funnelText(this._locale);
    const segments = this._segments(text);
    const svgs = this.renderRoot.querySelectorAll<SVGSVGElement>('svg[part="chart"]');
    const max = Math.max(0, ...this._rows.map((r) => r.reached));
    const fallback = this._width || this.clientWidth || 480;
    segments.forEach((s, i) => {
      const svg = svgs[i];
      if (!svg) return;
      // Each funnel fills its own box: the whole element, or one cell of the breakdown grid.
      const width = svg.parentElement?.clientWidth || fallback;
      const summary = s.rows.map((r) => `${r.label} ${text.count(r.reached)}`).join(', ');
      const name = `${text.chartName}${s.title === null ? '' : ` (${this._spec.by}: ${s.title})`}: ${summary}`;
      drawFunnelChart(svg, s.rows, { width, max, name, text });
    });
  }
}
