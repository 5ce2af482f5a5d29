import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { JourneyFilter } from '../../metrics/index.ts';
import { resolveLocale, type Locale, type StageModel } from '../../model/index.ts';
import { openDataset, refreshDataset, type Dataset } from '../engine/index.ts';
import { check, describe, type v } from '../../model/schema.ts';
import type { Clause } from '../state/filter-state.ts';
import { nextTask, painted } from '../engine/pace.ts';
import type { DataTable } from './export.ts';
import { put } from './marks.ts';
import { format, type Format } from './format.ts';
import { commonText, type CommonText } from './messages.ts';
import { themeStyles } from './theme.styles.ts';

type State = 'loading' | 'empty' | 'error' | 'ready';

/** What a widget computes with. */
export interface Context {
  dataset: Dataset;
  model: StageModel;
  /** Every board filter but the widget's own selection. */
  filter: JourneyFilter;
  locale: Locale;
  format: Format;
}

/** What a board offers the widgets inside it (see revlens-board). */
export interface BoardLink {
  readonly src: string | undefined;
  filterFor(widget: RevlensWidget<unknown>): JourneyFilter;
  selectionOf(widget: RevlensWidget<unknown>): Clause | undefined;
  near(widget: RevlensWidget<unknown>, pick: MarkClause): void;
  detach(widget: RevlensWidget<unknown>): void;
}

/** What a mark stands for: a clause without its owner. */
export type MarkClause = Clause extends infer C ? (C extends Clause ? Omit<C, 'by'> : never) : never;

const WALL_REFRESH_SECONDS = 60;

/**
 * What every RevLens chart element shares: finding its dataset (its own src, or its board's), the
 * loading / empty / error states, locale, theme and wall mode, a chart/table switch, CSV and PNG export,
 * keyboard navigation over marks, and cross-filtering through `revlens-select` events.
 *
 * A subclass says what to compute (`compute`), how to draw it (`renderChart`, `draw`) and what its numbers
 * are as a table (`dataTable`). Marks that select carry `data-key`, ask `isSelected(pick)` as they are drawn (so the
 * element knows its `picks`), call `toggle(pick)` when clicked and `near(pick)` when the pointer or focus reaches them.
 * The visually hidden table that screen readers get (`readerTable`) follows the chart in the task after its frame
 * is painted; `updateComplete` waits for it, `revlens-load` does not.
 *
 * @attr {string} src - URL of the dataset's manifest.json; inside a `<revlens-board>` the board's by default.
 * @attr {"en" | "zh-CN"} locale - Labels and number formats; defaults to the board's, the page's `lang`, else English.
 * @attr {"light" | "dark" | "wall"} theme - Built-in colour and type theme; light when absent.
 * @attr {"wall"} mode - Wall display: large type, no toolbar, reloads when a new sync of the dataset lands.
 * @attr {number} refresh - Seconds between looks for a new sync (wall mode; default 60).
 * @attr {"chart" | "table"} view - Show the chart (default) or its numbers as a table.
 * @attr {string} label - The title shown above the chart (default: the element's own, e.g. "Revenue funnel").
 * @attr {number} heading-level - The title's heading level in the page's outline (default 2).
 *
 * @fires {CustomEvent} revlens-load - Numbers computed and drawn; `detail.result` holds them.
 * @fires {CustomEvent<{message: string}>} revlens-error - Loading or computing failed, or the export code could not be fetched; `detail.message` says what to fix.
 * @fires {CustomEvent<{clause: Clause | null, field: string}>} revlens-select - A mark was clicked (clause) or unclicked (null, with its field); a board filters the other widgets by it.
 *
 * @csspart toolbar - The title and the buttons above the chart.
 * @csspart status - The loading and empty messages.
 * @csspart error - The error message.
 * @csspart table - The data table (the table view, and the screen-reader copy of the chart).
 */
export abstract class RevlensWidget<R> extends LitElement {
  static override styles = [themeStyles];
  static override properties = {
    src: { type: String, reflect: true },
    locale: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    mode: { type: String, reflect: true },
    refresh: { type: Number, reflect: true },
    view: { type: String, reflect: true },
    label: { type: String, reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level', reflect: true },
    _state: { state: true },
    _error: { state: true },
    _result: { state: true },
    _width: { state: true },
    _busy: { state: true },
    _reader: { state: true },
    _selected: { state: true },
  };

  declare src: string | undefined;
  declare locale: string | undefined;
  declare theme: string | undefined;
  declare mode: string | undefined;
  declare refresh: number | undefined;
  declare view: string | undefined;
  declare label: string | undefined;
  declare headingLevel: number | undefined;
  declare protected _state: State;
  declare protected _error: string;
  declare protected _result: R | undefined;
  declare protected _width: number;
  declare protected _busy: boolean;
  /** The screen-reader copy of the chart as last brought up to date (a table). */
  declare private _reader: unknown;
  declare protected _selected: Clause | undefined;

  /** Attributes that change what is computed (besides src and locale). */
  protected static settings: readonly string[] = [];

  /** What the element shows: 'loading', 'ready', 'empty' or 'error' (for page scripts and tests). */
  get state(): State {
    return this._state;
  }

  /** True while numbers are computed (the last ones still shown, or none yet). */
  get busy(): boolean {
    return this._busy || this._state === 'loading';
  }

  /** The clauses of the marks drawn for the numbers shown: what a click on each would filter a board by. */
  readonly picks = new Map<string, MarkClause>();

  /** Set by the board this element is in. */
  board: BoardLink | undefined;
  private _request = 0;
  private _announce = false;
  private _timer: ReturnType<typeof setInterval> | undefined;
  /** Each chart box's inner width as last laid out: a draw reads these where clientWidth would lay the page out again. */
  private _boxes = new WeakMap<Element, number>();
  private _resize = new ResizeObserver((entries) => {
    for (const { target, contentRect } of entries) {
      if (target === this) this._width = Math.floor(contentRect.width);
      else if (!target.isConnected) this._resize.unobserve(target);
      else if (this._boxes.get(target) !== target.clientWidth) {
        this._boxes.set(target, target.clientWidth); // laid out already: no layout of its own
        this.requestUpdate();
      }
    }
  });

  constructor() {
    super();
    this._state = 'loading';
    this._error = '';
    this._result = undefined;
    this._width = 0;
    this._busy = false;
    this._selected = undefined;
    this._reader = nothing;
  }

  /** The inner width of a chart's box (clientWidth), else `fallback`: read once, then kept up to date as it resizes. */
  protected boxWidth(box: Element | null | undefined, fallback: number): number {
    if (!box) return fallback;
    let width = this._boxes.get(box);
    if (width === undefined) {
      this._boxes.set(box, (width = box.clientWidth));
      this._resize.observe(box);
    }
    return width || fallback;
  }

  /** The element's name in titles and file names. */
  protected abstract heading(locale: Locale): string;
  protected abstract compute(ctx: Context): Promise<R>;
  protected abstract isEmpty(result: R): boolean;
  protected abstract renderChart(result: R, ctx: RenderContext): TemplateResult;
  protected abstract dataTable(result: R, ctx: RenderContext): DataTable;
  /** d3 drawing after Lit rendered (for SVG that depends on measured sizes). */
  protected draw(_result: R, _ctx: RenderContext): void {}

  /** The numbers last drawn (undefined until loaded). */
  get result(): R | undefined {
    return this._result;
  }

  protected get effectiveLocale(): Locale {
    return resolveLocale(this.locale || this.closest('[locale]')?.getAttribute('locale') || document.documentElement.lang || 'en');
  }

  protected get effectiveSrc(): string | undefined {
    return this.src || this.board?.src;
  }

  /** The board's clause this element set (its selected mark), else the one clicked here. */
  protected get selection(): Clause | undefined {
    return this.board ? this.board.selectionOf(this) : this._selected;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Inside a board: join it (a board defined later finds its widgets itself).
    const board = this.closest('revlens-board') as (Element & { attach?: (w: RevlensWidget<unknown>) => void }) | null;
    board?.attach?.(this as RevlensWidget<unknown>);
    this._resize.observe(this);
    this._poll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize.disconnect();
    this._boxes = new WeakMap(); // no longer watched: read again when back on a page
    clearInterval(this._timer);
    this.board?.detach(this);
    this.board = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const settings = (this.constructor as typeof RevlensWidget).settings;
    const relevant = ['src', 'locale', ...settings].some((k) => changed.has(k as keyof RevlensWidget<R>));
    // The first update always loads, so an element without src says so instead of "loading" forever.
    if (!this.hasUpdated || relevant) void this.reload();
    if (changed.has('mode') || changed.has('refresh')) this._poll();
  }

  /** Computes again (the board calls this when its filters or dataset change). */
  async reload(): Promise<void> {
    const request = ++this._request;
    // Keep showing the last numbers while new ones are computed: no flicker on a filter or a refresh.
    if (this._state === 'ready' || this._state === 'empty') this._busy = true;
    else this._state = 'loading';
    try {
      const ctx = await this._context(this.board?.filterFor(this) ?? {});
      const dataset = ctx.dataset;
      const result = await this.compute(ctx);
      if (request !== this._request) return; // a newer load owns the element
      this._result = result;
      this.picks.clear();
      this._state = this.isEmpty(result) ? 'empty' : 'ready';
      this._announce = true;
      // Tables this element did not need may still be loading: a broken one still means a broken dataset.
      dataset.loaded.catch((e: unknown) => {
        if (request === this._request) this._fail(e);
      });
    } catch (e) {
      if (request !== this._request) return;
      this._fail(e);
    } finally {
      if (request === this._request) this._busy = false;
    }
  }

  private async _context(filter: JourneyFilter): Promise<Context> {
    const locale = this.effectiveLocale;
    const src = this.effectiveSrc;
    if (!src) throw new Error(commonText(locale).noSrc);
    const dataset = await openDataset(src);
    return { dataset, model: dataset.manifest.stage_model, filter, locale, format: format(locale) };
  }

  /**
   * Computes the numbers for `filter` without drawing them, so that the dataset has them when a click asks (a
   * board counts each mark's filter ahead while the page is idle). Problems are left to the load that asks.
   */
  async countAhead(filter: JourneyFilter): Promise<void> {
    await this._context(filter)
      .then((ctx) => this.compute({ ...ctx, dataset: ctx.dataset.ahead() }))
      .catch(() => undefined);
  }

  private _fail(e: unknown): void {
    this.picks.clear();
    this._state = 'error';
    this._error = e instanceof Error ? e.message : String(e);
    this._result = undefined;
    this.fire('revlens-error', { message: this._error });
  }

  /** Standalone in wall mode: look for a new sync every `refresh` seconds (a board polls for its widgets). */
  private _poll(): void {
    clearInterval(this._timer);
    this._timer = undefined;
    if (this.mode !== 'wall' || this.board || !this.isConnected) return;
    const seconds = this.refresh && this.refresh > 0 ? this.refresh : WALL_REFRESH_SECONDS;
    this._timer = setInterval(() => void this.checkForNewData(), seconds * 1000);
  }

  /** Reloads when the dataset was synced again; keeps the current numbers when the new sync is unreadable. */
  async checkForNewData(): Promise<boolean> {
    const src = this.effectiveSrc;
    if (!src) return false;
    try {
      const { changed, retire } = await refreshDataset(src);
      if (changed) {
        await this.reload();
        await retire();
      }
      return changed;
    } catch {
      return false; // a half-published or broken sync: try again next time, keep showing the last good numbers
    }
  }

  /**
   * Checks the spec made from the attributes; a wrong one stops compute() with every problem named by its
   * attribute (and `more` problems the schema cannot see), which the error state shows.
   */
  protected checkSettings<S extends v.GenericSchema>(schema: S, spec: unknown, locale: Locale, more: string[] = []): v.InferOutput<S> {
    const parsed = check(schema, spec);
    const problems = [...more, ...(parsed.success ? [] : describe(parsed.problems, 'attributes'))];
    if (problems.length || !parsed.success) throw new Error(`${commonText(locale).badSettings}: ${problems.join('; ')}`);
    return parsed.data;
  }

  protected fire(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** A mark was chosen: select what it stands for, or unselect it when it was already selected. */
  protected toggle(pick: MarkClause): void {
    const current = this.selection;
    const same = current !== undefined && JSON.stringify({ ...current, by: undefined }) === JSON.stringify({ ...pick, by: undefined });
    const clause = same ? null : ({ ...pick } as Clause);
    this._selected = clause ?? undefined;
    this.fire('revlens-select', { clause, field: pick.field });
  }

  /** The pointer or focus is on a mark: on a board, what a click on it would show is counted first. */
  protected near(pick: MarkClause): void {
    this.board?.near(this, pick);
  }

  /** Is this mark the selected one? (Every mark asks as it is drawn: so the element knows its picks.) */
  protected isSelected(pick: MarkClause): boolean {
    this.picks.set(JSON.stringify(pick), pick);
    const s = this.selection;
    if (!s || s.field !== pick.field) return false;
    return JSON.stringify({ ...s, by: undefined }) === JSON.stringify({ ...pick, by: undefined });
  }

  /** The board changed this element's selection (a chip was removed, the filters were cleared). */
  selectionChanged(): void {
    this._selected = this.selection;
    this.requestUpdate();
  }

  /** The mark that holds the chart's one tab stop (roving tabindex: Tab enters the chart, arrows move inside). */
  private _focusKey: string | null = null;

  private _focusable(): (HTMLElement | SVGElement)[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement | SVGElement>('[data-key][tabindex]')];
  }

  /** One tab stop per element: the last focused mark, else the selected one, else the first. */
  private _rove(): void {
    const marks = this._focusable();
    if (!marks.length) return;
    const holder =
      marks.find((m) => m.dataset.key === this._focusKey) ?? marks.find((m) => m.getAttribute('aria-pressed') === 'true') ?? marks[0]!;
    for (const m of marks) put(m, 'tabindex', m === holder ? 0 : -1);
  }

  private _keydown = (e: KeyboardEvent) => {
    const marks = this._focusable();
    const at = marks.indexOf(e.composedPath()[0] as HTMLElement);
    if (at < 0) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -Infinity, End: Infinity }[e.key];
    if (step !== undefined) {
      e.preventDefault();
      const next = marks[Math.max(0, Math.min(marks.length - 1, Number.isFinite(step) ? at + step : step < 0 ? 0 : marks.length - 1))]!;
      this._focusKey = next.dataset.key ?? null;
      this._rove();
      next.focus();
    } else if ((e.key === 'Enter' || e.key === ' ') && !(marks[at] instanceof HTMLButtonElement)) {
      // Buttons click themselves on Enter and Space; SVG marks need the click made for them.
      e.preventDefault();
      this._focusKey = marks[at]!.dataset.key ?? null;
      marks[at]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    }
  };

  /**
   * The export code, loaded when someone first exports (most views of a widget never do). When it cannot be
   * fetched — a page older than the library now on the server — revlens-error says so, the chart stays.
   */
  protected async exporter(): Promise<typeof import('./export.ts') | undefined> {
    try {
      return await import('./export.ts');
    } catch (e) {
      this.fire('revlens-error', { message: `Export is not available (${(e as Error).message}): reload the page` });
      return undefined;
    }
  }

  /** The numbers the CSV export writes: the data table unless an element keeps plainer values. */
  protected csvTable(result: R, ctx: RenderContext): DataTable | Promise<DataTable> {
    return this.dataTable(result, ctx);
  }

  /** The colour a PNG export is drawn on: the theme's background, white where it is transparent. */
  protected pngBackground(): string {
    const background = getComputedStyle(this).getPropertyValue('--_bg').trim();
    return !background || background === 'transparent' ? '#ffffff' : background;
  }

  async exportCsv(): Promise<void> {
    if (this._result === undefined) return;
    const table = await this.csvTable(this._result, this._renderContext());
    const exporter = await this.exporter();
    if (!exporter) return;
    const { download, toCsv } = exporter;
    download(`${this.localName}.csv`, new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }));
  }

  /** Every chart of the element (each funnel of a breakdown, each win-loss panel) in one PNG, under its heading. */
  async exportPng(): Promise<void> {
    const charts = [...this.renderRoot.querySelectorAll<SVGSVGElement>('.chart svg')].filter((svg) => !svg.parentElement?.closest('svg'));
    const exporter = await this.exporter();
    if (!exporter) return;
    const { chartsToPng, download } = exporter;
    const png = await chartsToPng(this.renderRoot as ShadowRoot, charts, this.pngBackground());
    if (png) download(`${this.localName}.png`, png);
  }

  private _renderContext(): RenderContext {
    const locale = this.effectiveLocale;
    return { locale, format: format(locale), text: commonText(locale), width: this._width || this.clientWidth || 480 };
  }

  protected override render() {
    const p = this._renderContext();
    const { text } = p;
    const title = this.label || this.heading(p.locale);
    switch (this._state) {
      case 'loading':
        return html`<p class="status" part="status" role="status">${text.loading}</p>`;
      case 'error':
        return html`<p class="error" part="error" role="alert">${this._error}</p>`;
    }
    const result = this._result as R;
    // Built only for the table view (the screen-reader copy is readerTable's, in _read): health's is its whole list, sorted.
    const table = () => this.dataTable(result, p);
    const asTable = this.view === 'table';
    return html`
      <div class="toolbar" part="toolbar">
        <div class="title" role="heading" aria-level=${this.headingLevel ?? 2}>${title}</div>
        ${this._busy ? html`<span class="status-inline" role="status">${text.updating}</span>` : nothing}
        <button type="button" aria-pressed=${asTable ? 'true' : 'false'} title=${asTable ? text.showChartName : text.showTableName}
          @click=${() => (this.view = asTable ? 'chart' : 'table')}>${asTable ? text.showChart : text.showTable}</button>
        <button type="button" title=${text.exportCsvName} @click=${() => this.exportCsv()}>${text.exportCsv}</button>
        ${asTable || this._state === 'empty'
          ? nothing
          : html`<button type="button" title=${text.exportPngName} @click=${() => this.exportPng()}>${text.exportPng}</button>`}
      </div>
      ${this._state === 'empty'
        ? html`<p class="status" part="status" role="status">${Object.keys(this.board?.filterFor(this) ?? {}).length ? text.emptyFiltered : this.emptyMessage(p.locale)}</p>`
        : asTable
          ? this._table(table(), title, false)
          : html`<div class="chart" aria-busy=${this._busy ? 'true' : 'false'} @keydown=${this._keydown}>${this.renderChart(result, p)}</div>${this.chartIsTable ? nothing : this._reader}`}
    `;
  }

  /** The level of headings inside the element (one below its title). */
  protected get subheadingLevel(): number {
    return (this.headingLevel ?? 2) + 1;
  }

  /** The screen-reader copy of the chart: the data table unless the chart reads better in another shape. */
  protected readerTable(result: R, ctx: RenderContext): DataTable {
    return this.dataTable(result, ctx);
  }

  /** True when the chart view already shows dataTable() as a real table (no screen-reader copy needed). */
  protected get chartIsTable(): boolean {
    return false;
  }

  /** The detail of revlens-load. */
  protected loadDetail(result: R): unknown {
    return { result };
  }

  /** Said when the dataset (not a filter) leaves nothing to show. */
  protected emptyMessage(locale: Locale): string {
    return commonText(locale).emptyDataset;
  }

  private _table(table: DataTable, caption: string, hidden: boolean) {
    return html`<table class=${hidden ? 'visually-hidden' : 'data'} part="table">
      <caption class=${hidden ? nothing : 'visually-hidden'}>${caption}</caption>
      <thead>
        <tr>${table.columns.map((c) => html`<th scope="col" class=${c.format ? 'num' : nothing}>${c.label}</th>`)}</tr>
      </thead>
      <tbody>
        ${table.rows.map(
          (r) => html`<tr>${r.map((v, i) => {
            const f = table.columns[i]?.format;
            return f ? html`<td class="num">${f(v)}</td>` : html`<td>${v ?? ''}</td>`;
          })}</tr>`,
        )}
      </tbody>
    </table>`;
  }

  private _readerRun = 0;
  private _readerDone: Promise<void> = Promise.resolve();
  /** Lit's own updateComplete (ours waits for the screen-reader copy too). */
  private _updated = () => super.getUpdateComplete();

  /**
   * Brings the screen-reader copy up to date once the chart drawn is on screen: its table (hundreds of cells that
   * change with every filter) laid out in the same frame took ~15–20 ms of a click on a board. updateComplete
   * waits for it.
   */
  private _read(result: R): void {
    const run = ++this._readerRun;
    let gone = false;
    this._readerDone = new Promise<void>((resolve) => {
      const go = () => {
        if (gone) return;
        gone = true;
        // A newer drawing brings it up to date: done with that one.
        if (run !== this._readerRun) return resolve(this._readerDone);
        try {
          const p = this._renderContext();
          this._reader = this._table(this.readerTable(result, p), this.label || this.heading(p.locale), true);
        } finally {
          resolve(this._updated().then(() => undefined));
        }
      };
      // After the frame's paint; a hidden page gets no frames.
      void (document.hidden ? nextTask() : painted()).then(go);
      setTimeout(go, 500);
    });
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this._readerDone;
    return done;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // "Updating…" alone changes no mark: drawing again then only delays the queries a filter click starts; nor
    // does the screen-reader copy.
    const only = changed.size > 0 && [...changed.keys()].every((k) => k === '_busy' || k === '_reader');
    if (this._state === 'ready' && this.view !== 'table' && this._result !== undefined && !only) {
      this.draw(this._result, this._renderContext());
      this._rove();
      if (!this.chartIsTable) this._read(this._result);
    }
    if (this._announce) {
      this._announce = false;
      this.fire('revlens-load', this.loadDetail(this._result as R));
    }
  }
}

/** What rendering needs besides the result. */
export interface RenderContext {
  locale: Locale;
  format: Format;
  text: CommonText;
  /** The element's width in pixels. */
  width: number;
}
