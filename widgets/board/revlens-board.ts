import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { JourneyFilter } from '../../metrics/index.ts';
import { check, describe } from '../../model/schema.ts';
import { resolveLocale, stageLabel, type Locale, type StageModel } from '../../model/index.ts';
import { openDataset, refreshDataset } from '../engine/index.ts';
import { fieldLabel } from '../core/fields.ts';
import type { BoardLink, MarkClause, RevlensWidget } from '../core/revlens-widget.ts';
import {
  boardStateSchema,
  clauseBy,
  filterFor,
  fromSearchParams,
  toSearchParams,
  withClause,
  withoutClause,
  type BoardState,
  type Clause,
  type ClauseField,
} from '../state/filter-state.ts';
import { boardStyles } from './revlens-board.styles.ts';

type Widget = RevlensWidget<unknown>;
/** Attributes a board hands down to widgets that do not set their own. */
const INHERITED = ['theme', 'mode', 'locale'] as const;
/** Attributes saved per widget by save(). */
const OPTIONS = ['by', 'by2', 'unit', 'stage', 'mode', 'view', 'k', 'target', 'metrics', 'fields', 'from', 'to', 'period', 'limit', 'strict'];
const WALL_REFRESH_SECONDS = 60;
/** ms without a click or a widget loading before counting ahead. */
const QUIET = 200;
/** Results counted ahead per run at most: within what the dataset keeps of them (AHEAD_KEPT). */
const AHEAD = 256;

/** Resolves when the page is idle, or QUIET ms later at most (a page never idle, a frame in the background); soon where the browser cannot say. */
const idle = () =>
  new Promise<void>((resolve) => ('requestIdleCallback' in globalThis ? requestIdleCallback(() => resolve(), { timeout: QUIET }) : setTimeout(resolve)));

const WORDS = {
  en: { filters: 'Filters', remove: (what: string) => `Remove filter ${what}`, clear: 'Clear all', none: '(none)' },
  'zh-CN': { filters: '筛选', remove: (what: string) => `移除筛选 ${what}`, clear: '全部清除', none: '（空）' },
};

/**
 * A dashboard: one dataset in one DuckDB-WASM worker shared by every widget inside, one set of filters.
 * Clicking a mark in a widget filters all the others; the filters show as removable chips; Escape clears
 * them. The state (filters and each widget's options) is `save()`-able, `restore()`-able and kept in the
 * page URL (`revlens.<field>=…` parameters).
 *
 * @tag revlens-board
 *
 * @attr {string} src - URL of the dataset's manifest.json, for every widget inside that has no src of its own.
 * @attr {"en" | "zh-CN"} locale - Locale of the board and of widgets without their own.
 * @attr {"light" | "dark" | "wall"} theme - Theme of the board and of widgets without their own.
 * @attr {"wall"} mode - Wall display: large type, no buttons, reloads when a new sync lands (no blank frame).
 * @attr {number} refresh - Seconds between looks for a new sync in wall mode (default 60).
 * @attr {"on" | "off"} url-state - Keep the filters in the page URL (default on).
 *
 * @fires {CustomEvent<{filters: Clause[]}>} revlens-filter - The filters changed.
 *
 * @slot - The widgets, laid out in a responsive grid. Filters, KPIs, broken-down funnels, cohorts, win-loss and
 *   health take a whole row; give any other widget the class `revlens-wide` for the same.
 * @csspart chips - The row of active filters.
 * @csspart chip - One active filter (a button that removes it).
 * @csspart clear - The button that clears every filter.
 * @csspart grid - The grid the widgets are laid out in.
 *
 * @cssproperty --revlens-board-gap - Space between widgets.
 * @cssproperty --revlens-board-min-column - Narrowest column before the grid wraps (default 26em).
 */
export class RevlensBoard extends LitElement implements BoardLink {
  static override styles = boardStyles;
  static override properties = {
    src: { type: String, reflect: true },
    locale: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    mode: { type: String, reflect: true },
    refresh: { type: Number, reflect: true },
    urlState: { type: String, attribute: 'url-state', reflect: true },
    _filters: { state: true },
    _model: { state: true },
  };

  declare src: string | undefined;
  declare locale: string | undefined;
  declare theme: string | undefined;
  declare mode: string | undefined;
  declare refresh: number | undefined;
  declare urlState: string | undefined;
  declare private _filters: Clause[];
  declare private _model: StageModel | undefined;

  private _widgets = new Map<Widget, string>();
  /** Widgets' attributes the board set (not the page author): changed when the board's change. */
  private _inherited = new Map<Element, Set<string>>();
  private _timer: ReturnType<typeof setInterval> | undefined;
  /** The current count-ahead run (a newer one stops it), and the mark last under the pointer or focus. */
  private _ahead = 0;
  private _near: [Widget, MarkClause] | undefined;

  constructor() {
    super();
    this._filters = [];
    this.addEventListener('revlens-select', (e) => this._onSelect(e as CustomEvent));
    this.addEventListener('revlens-load', () => void this._countAhead());
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this._filters.length) {
        e.preventDefault();
        this.clearFilters();
      }
    });
  }

  /** The filters in force. */
  get filters(): readonly Clause[] {
    return this._filters;
  }

  private get _locale(): Locale {
    return resolveLocale(this.locale || document.documentElement.lang || 'en');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.urlState !== 'off') {
      const { filters } = fromSearchParams(new URLSearchParams(location.search));
      if (filters.length) this._filters = filters;
    }
    // Widgets defined before the board could not join it when they connected.
    for (const el of this.querySelectorAll<HTMLElement>('*')) {
      if (el.localName.startsWith('revlens-') && customElements.get(el.localName) && el.closest('revlens-board') === this) this.attach(el);
    }
    this._poll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this._timer);
    this._ahead++;
  }

  /**
   * A RevLens element joins the board (it calls this when it connects): it gets the board's theme, mode
   * and locale unless it sets its own; chart widgets also get the board's dataset and filters.
   */
  attach(el: Widget | HTMLElement): void {
    if (!this._inherited.has(el)) {
      this._inherited.set(el, new Set(INHERITED.filter((a) => !el.hasAttribute(a))));
      this._handDown(el);
    }
    const widget = el as Widget;
    if (typeof widget.reload !== 'function' || this._widgets.has(widget)) return;
    const tag = widget.localName;
    const n = [...this._widgets.keys()].filter((w) => w.localName === tag).length;
    this._widgets.set(widget, widget.id || `${tag}-${n + 1}`);
    widget.board = this;
    if (widget.hasUpdated) void widget.reload();
  }

  detach(el: Widget | HTMLElement): void {
    this._widgets.delete(el as Widget);
    this._inherited.delete(el);
    if (this._near?.[0] === el) this._near = undefined;
    this._ahead++;
  }

  filterFor(widget: Widget): JourneyFilter {
    return filterFor(this._filters, this._widgets.get(widget));
  }

  selectionOf(widget: Widget): Clause | undefined {
    const key = this._widgets.get(widget);
    return key === undefined ? undefined : clauseBy(this._filters, key);
  }

  /** A widget's mark is under the pointer or focus: what a click on it would show is counted ahead first. */
  near(widget: Widget, pick: MarkClause): void {
    const [was, picked] = this._near ?? [];
    if (was === widget && JSON.stringify(picked) === JSON.stringify(pick)) return; // another cell of the same cohort
    this._near = [widget, pick];
    void this._countAhead();
  }

  /** Sets one filter (replacing any other on its field); `by` names the widget it came from, if any. */
  setFilter(clause: Clause): void {
    this._apply(withClause(this._filters, clause));
  }

  removeFilter(field: ClauseField): void {
    this._apply(withoutClause(this._filters, field));
  }

  clearFilters(): void {
    this._apply([]);
  }

  /** The board's state: filters and each widget's options, as plain JSON. */
  save(): BoardState {
    const options: BoardState['options'] = {};
    for (const [w, key] of this._widgets) {
      const set = Object.fromEntries(OPTIONS.filter((a) => w.hasAttribute(a)).map((a) => [a, w.getAttribute(a)!]));
      if (Object.keys(set).length) options[key] = set;
    }
    return { version: 1, filters: this._filters.map((c) => ({ ...c })), options };
  }

  /** Puts back a saved state; throws, naming the problem, when it is not one. */
  restore(state: unknown): void {
    const parsed = check(boardStateSchema, state);
    if (!parsed.success) {
      throw new Error(`Not a RevLens board state: ${describe(parsed.problems, '(top)').join('; ')}`);
    }
    for (const [w, key] of this._widgets) {
      const set = parsed.data.options[key] ?? {};
      for (const a of OPTIONS) {
        if (a in set) w.setAttribute(a, set[a]!);
        else if (w.hasAttribute(a) && a !== 'mode') w.removeAttribute(a);
      }
    }
    this._apply(parsed.data.filters);
  }

  private _onSelect(e: CustomEvent<{ clause: Clause | null; field?: ClauseField }>): void {
    const widget = e.composedPath().find((t) => this._widgets.has(t as Widget)) as Widget | undefined;
    const by = widget ? this._widgets.get(widget) : undefined;
    const { clause, field } = e.detail;
    if (clause) this._apply(withClause(this._filters, { ...clause, ...(by ? { by } : {}) }));
    else if (field) this._apply(this._filters.filter((c) => !(c.field === field && (by === undefined || c.by === by))));
  }

  private _apply(filters: Clause[]): void {
    this._ahead++;
    const before = new Map([...this._widgets.keys()].map((w) => [w, JSON.stringify(this.filterFor(w))]));
    this._filters = filters;
    if (this.urlState !== 'off') {
      const url = new URL(location.href);
      toSearchParams(filters, url.searchParams);
      history.replaceState(history.state, '', url);
    }
    for (const [w, was] of before) {
      w.selectionChanged();
      // Only widgets whose own filter changed ask DuckDB again (not the one that was clicked).
      if (JSON.stringify(this.filterFor(w)) !== was) void w.reload();
    }
    this.dispatchEvent(new CustomEvent('revlens-filter', { detail: { filters: this.save().filters }, bubbles: true, composed: true }));
  }

  /**
   * Counts, while the page is idle, what the other widgets would show after a click on each mark of the widget under
   * the pointer or focus, that mark first (as Falcon prefetches for the view under the pointer): such a click then
   * only draws. Before the pointer or focus has been on a widget, every widget's marks. New filters or new marks
   * start over; a widget still computing stops it. Not on a wall: nobody clicks it.
   */
  private async _countAhead(): Promise<void> {
    const run = ++this._ahead;
    // After a moment's quiet: clicks in a row, and the widgets' own loads, go first.
    await new Promise((resolve) => setTimeout(resolve, QUIET));
    const widgets = [...this._widgets.keys()];
    const [near, first] = this._near ?? [];
    let counts = 0;
    // The widget under the pointer, as Falcon; until the pointer or focus has been on one, every widget's.
    for (const source of this.mode === 'wall' || !this.isConnected ? [] : near ? [near] : widgets) {
      // The mark under the pointer first (keyed as picks are, so it is not counted twice).
      const picks = source === near ? new Map([[JSON.stringify(first), first!], ...source.picks]) : source.picks;
      for (const pick of picks.values()) {
        const filters = withClause(this._filters, { ...pick, by: this._widgets.get(source) } as Clause);
        for (const w of widgets) {
          if (w === source) continue;
          await idle();
          if (run !== this._ahead || ++counts > AHEAD || widgets.some((x) => x.busy)) return;
          await w.countAhead(filterFor(filters, this._widgets.get(w)));
        }
      }
    }
  }

  private _handDown(el: Element): void {
    for (const a of this._inherited.get(el) ?? []) {
      const v = this.getAttribute(a);
      if (v === null) el.removeAttribute(a);
      else el.setAttribute(a, v);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('theme') || changed.has('mode') || changed.has('locale')) {
      for (const el of this._inherited.keys()) this._handDown(el);
    }
    if (changed.has('src') && this.hasUpdated) for (const w of this._widgets.keys()) if (!w.src) void w.reload();
    if (changed.has('src') && this.src) {
      openDataset(this.src).then(
        (d) => (this._model = d.manifest.stage_model),
        () => undefined, // the widgets show the error
      );
    }
    if (changed.has('mode') || changed.has('refresh')) this._poll();
  }

  private _poll(): void {
    clearInterval(this._timer);
    this._timer = undefined;
    if (this.mode !== 'wall' || !this.isConnected) return;
    const seconds = this.refresh && this.refresh > 0 ? this.refresh : WALL_REFRESH_SECONDS;
    this._timer = setInterval(() => void this.checkForNewData(), seconds * 1000);
  }

  /**
   * Reloads every widget when the dataset was synced again. The new dataset loads beside the old one and
   * each widget keeps its drawing until its new numbers are ready: no blank frame. A broken new sync is
   * skipped (the board keeps the last good numbers and tries again next time).
   */
  async checkForNewData(): Promise<boolean> {
    if (!this.src) return false;
    try {
      const { changed, retire } = await refreshDataset(this.src);
      if (!changed) return false;
      await Promise.all([...this._widgets.keys()].map((w) => w.reload()));
      await retire();
      this._model = (await openDataset(this.src)).manifest.stage_model;
      return true;
    } catch {
      return false;
    }
  }

  private _chipText(c: Clause, locale: Locale): string {
    const none = WORDS[locale].none;
    if (c.field === 'reached') return `${fieldLabel('reached', locale)}: ${this._model ? stageLabel(this._model, c.stage, locale) : c.stage}`;
    if (c.field === 'created') return `${fieldLabel('created', locale)}: ${c.from ?? '…'} – ${c.to ?? '…'}`;
    return `${fieldLabel(c.field, locale)}: ${c.values.map((v) => v ?? none).join(', ')}`;
  }

  protected override render() {
    const locale = this._locale;
    const w = WORDS[locale];
    return html`
      ${this._filters.length
        ? html`<div class="chips" part="chips" role="group" aria-label=${w.filters}>
            ${this._filters.map((c) => {
              const label = this._chipText(c, locale);
              return html`<button type="button" class="chip" part="chip" aria-label=${w.remove(label)} @click=${() => this.removeFilter(c.field)}>
                <span>${label}</span><span aria-hidden="true">×</span>
              </button>`;
            })}
            <button type="button" class="clear" part="clear" @click=${() => this.clearFilters()}>${w.clear}</button>
          </div>`
        : nothing}
      <div class="grid" part="grid"><slot></slot></div>
    `;
  }
}
