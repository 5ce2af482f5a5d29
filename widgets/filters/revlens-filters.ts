import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { DIMENSIONS, resolveLocale, type Dimension, type Locale } from '../../model/index.ts';
import { valueCounts } from '../../metrics/journey-columns.ts';
import { openDataset } from '../engine/index.ts';
import { fieldLabel } from '../core/fields.ts';
import { commonText } from '../core/messages.ts';
import { format } from '../core/format.ts';
import { themeStyles } from '../core/theme.styles.ts';
import type { Clause } from '../state/filter-state.ts';
import { filtersStyles } from './revlens-filters.styles.ts';
import { filtersText } from './filters-messages.ts';

interface Option {
  value: string | null;
  journeys: number;
}

/** A board's filters as `revlens-filters` sees them (duck-typed: the board may be defined later). */
interface BoardLike extends Element {
  src?: string;
  filters?: readonly Clause[];
  attach?(el: HTMLElement): void;
  detach?(el: HTMLElement): void;
}

const DEFAULT_FIELDS: Dimension[] = ['source', 'region', 'industry', 'owner'];
const MAX_OPTIONS = 500;
const NONE = '\u0000none';

/**
 * The filter bar of a board: a created-date range and one choice per dimension (source, region, industry,
 * owner by default), each value with its journey count. A change emits `revlens-select`, which the board
 * applies to every widget; the bar shows the board's filters, so removing a chip resets its control.
 *
 * @tag revlens-filters
 *
 * @attr {string} src - URL of the dataset's manifest.json; inside a board, the board's.
 * @attr {string} fields - Comma-separated dimensions to offer (default source,region,industry,owner).
 * @attr {"en" | "zh-CN"} locale - Labels and number formats; defaults to the board's, the page's `lang`, else English.
 * @attr {"light" | "dark" | "wall"} theme - Built-in colour and type theme.
 *
 * @fires {CustomEvent<{clause: Clause | null, field: string}>} revlens-select - A control changed: the new clause, or null to clear its field.
 * @fires {CustomEvent<{fields: string[]}>} revlens-load - Every control holds the dataset's values.
 * @fires {CustomEvent<{message: string}>} revlens-error - The values could not be read.
 *
 * @csspart form - The row of controls.
 * @csspart field - One labelled control.
 * @csspart error - The error message.
 */
export class RevlensFilters extends LitElement {
  static override styles = [themeStyles, filtersStyles];
  static override properties = {
    src: { type: String, reflect: true },
    fields: { type: String, reflect: true },
    locale: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    _options: { state: true },
    _error: { state: true },
    _filters: { state: true },
  };

  declare src: string | undefined;
  declare fields: string | undefined;
  declare locale: string | undefined;
  declare theme: string | undefined;
  declare private _options: Map<Dimension, Option[]>;
  declare private _error: string;
  declare private _filters: readonly Clause[];

  private _board: BoardLike | null = null;
  private _onBoardFilter = () => (this._filters = this._board?.filters ?? []);

  constructor() {
    super();
    this._options = new Map();
    this._error = '';
    this._filters = [];
  }

  private get _locale(): Locale {
    return resolveLocale(this.locale || this.closest('[locale]')?.getAttribute('locale') || document.documentElement.lang || 'en');
  }

  private get _fields(): Dimension[] {
    if (!this.fields) return DEFAULT_FIELDS;
    return this.fields
      .split(',')
      .map((f) => f.trim())
      .filter((f): f is Dimension => (DIMENSIONS as readonly string[]).includes(f));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._board = this.closest('revlens-board');
    this._board?.attach?.(this); // the board's theme and locale
    this._board?.addEventListener('revlens-filter', this._onBoardFilter);
    this._onBoardFilter();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._board?.removeEventListener('revlens-filter', this._onBoardFilter);
    this._board?.detach?.(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('src') || changed.has('fields')) void this._load();
  }

  /** Each field's values with their journey counts, most journeys first. */
  private async _load(): Promise<void> {
    const src = this.src || this._board?.src;
    try {
      if (!src) throw new Error(commonText(this._locale).noSrc);
      // Counted in the page from the journeys' columns (metrics/journey-columns.ts): no DuckDB query.
      const journeys = await (await openDataset(src)).journeys();
      const options = new Map<Dimension, Option[]>();
      for (const field of this._fields) options.set(field, valueCounts(journeys.categories[field]).slice(0, MAX_OPTIONS));
      this._options = options;
      this._error = '';
      await this.updateComplete;
      this.dispatchEvent(new CustomEvent('revlens-load', { detail: { fields: [...options.keys()] }, bubbles: true, composed: true }));
    } catch (e) {
      this._error = e instanceof Error ? e.message : String(e);
      this.dispatchEvent(new CustomEvent('revlens-error', { detail: { message: this._error }, bubbles: true, composed: true }));
    }
  }

  private _select(field: Clause['field'], clause: Clause | null): void {
    this.dispatchEvent(new CustomEvent('revlens-select', { detail: { clause, field }, bubbles: true, composed: true }));
  }

  private _onValue(field: Dimension, e: Event): void {
    const v = (e.target as HTMLSelectElement).value;
    this._select(field, v === '' ? null : { field, values: [v === NONE ? null : v] });
  }

  private _onDates(): void {
    const from = this.renderRoot.querySelector<HTMLInputElement>('input[name="from"]')!.value;
    const to = this.renderRoot.querySelector<HTMLInputElement>('input[name="to"]')!.value;
    if (from && to && from > to) return; // the browser marks the inputs; the range waits until it makes sense
    this._select('created', from || to ? { field: 'created', ...(from ? { from } : {}), ...(to ? { to } : {}) } : null);
  }

  protected override render() {
    const locale = this._locale;
    const text = filtersText(locale);
    const f = format(locale);
    if (this._error) return html`<p class="error" part="error" role="alert">${this._error}</p>`;
    const created = this._filters.find((c) => c.field === 'created');
    return html`<form part="form" role="search" aria-label=${text.name} @submit=${(e: Event) => e.preventDefault()}>
      <label part="field"
        ><span>${text.from}</span
        ><input type="date" name="from" .value=${created?.field === 'created' ? (created.from ?? '') : ''} max=${created?.field === 'created' ? (created.to ?? nothing) : nothing} @change=${this._onDates}
      /></label>
      <label part="field"
        ><span>${text.to}</span
        ><input type="date" name="to" .value=${created?.field === 'created' ? (created.to ?? '') : ''} min=${created?.field === 'created' ? (created.from ?? nothing) : nothing} @change=${this._onDates}
      /></label>
      ${this._fields.map((field) => {
        const current = this._filters.find((c) => c.field === field);
        const chosen = current && 'values' in current && current.values.length === 1 ? current.values[0] : undefined;
        const value = chosen === undefined ? '' : chosen === null ? NONE : chosen;
        return html`<label part="field"
          ><span>${fieldLabel(field, locale)}</span
          ><select name=${field} .value=${value} @change=${(e: Event) => this._onValue(field, e)}>
            <option value="" ?selected=${value === ''}>${text.all}</option>
            ${(this._options.get(field) ?? []).map((o) => {
              const v = o.value === null ? NONE : o.value;
              return html`<option value=${v} ?selected=${v === value}>${o.value ?? text.none} (${f.count(o.journeys)})</option>`;
            })}
          </select></label
        >`;
      })}
    </form>`;
  }
}
