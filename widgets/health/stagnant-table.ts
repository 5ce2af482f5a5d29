import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Format } from '../core/format.ts';

/** One stagnant journey, as the stagnant section of the health metric gives it, with its amount. */
export interface StagnantRow {
  journey_id: string;
  name: string | null;
  owner: string | null;
  stage: string;
  label: string;
  entered_at: string | null;
  days_in_stage: number;
  median_days: number;
  ratio: number | null;
  amount: number | null;
}

export const SORT_KEYS = ['journey', 'owner', 'label', 'days_in_stage', 'median_days', 'ratio', 'amount'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  key: SortKey;
  dir: 'ascending' | 'descending';
}
/** The metric's own order (most stuck first) is a descending sort by ratio. */
export const METRIC_ORDER: Sort = { key: 'ratio', dir: 'descending' };

/**
 * The rows in the order a column asks for: text by the locale's collation, stages in the funnel's order (`stages`,
 * their keys), empty values last whichever the direction; ties in the metric's order (ratio, then days in stage,
 * descending, then id), as stagnantPageSql (health-queries.ts) sorts them.
 */
export function sortRows(rows: readonly StagnantRow[], sort: Sort, locale: string, stages: string[]): StagnantRow[] {
  const collator = new Intl.Collator(locale);
  const value = (r: StagnantRow, key: SortKey) => (key === 'journey' ? (r.name ?? r.journey_id) : key === 'label' ? stages.indexOf(r.stage) : r[key]);
  const by = (a: StagnantRow, b: StagnantRow, key: SortKey, sign: number) => {
    const va = value(a, key);
    const vb = value(b, key);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    return sign * (typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb)));
  };
  return [...rows].sort(
    (a, b) =>
      by(a, b, sort.key, sort.dir === 'ascending' ? 1 : -1) ||
      by(a, b, 'ratio', -1) ||
      by(a, b, 'days_in_stage', -1) ||
      (a.journey_id < b.journey_id ? -1 : a.journey_id > b.journey_id ? 1 : 0),
  );
}

export interface StagnantTableOptions {
  sort: Sort;
  onSort(key: SortKey): void;
  caption: string;
  labels: Record<SortKey, string>;
  none: string;
  format: Format;
  ratio(r: number | null): string;
  owner: { isSelected(owner: string | null): boolean; toggle(owner: string | null): void; name(owner: string): string };
  stage: { isSelected(stage: string): boolean; toggle(stage: string): void; name(label: string): string };
}

const NUMERIC: readonly SortKey[] = ['days_in_stage', 'median_days', 'ratio', 'amount'];

/**
 * The stagnation list as a real table: each header is a button that sorts by its column (aria-sort says how);
 * owners and stages are buttons that filter a board. CRM text is bound as text, never as markup.
 */
export function stagnantTable(rows: readonly StagnantRow[], o: StagnantTableOptions): TemplateResult {
  const f = o.format;
  const header = (key: SortKey) => {
    const active = o.sort.key === key;
    const num = NUMERIC.includes(key);
    return html`<th scope="col" class=${num ? 'num' : nothing} aria-sort=${active ? o.sort.dir : nothing} data-sort=${key}>
      <button type="button" class="sort" @click=${() => o.onSort(key)}>
        ${o.labels[key]}<span class="arrow" aria-hidden="true">${active ? (o.sort.dir === 'ascending' ? '▲' : '▼') : ''}</span>
      </button>
    </th>`;
  };
  return html`<table class="data stagnant" part="stagnant-table">
    <caption>${o.caption}</caption>
    <thead>
      <tr>${SORT_KEYS.map(header)}</tr>
    </thead>
    <tbody>
      ${repeat(
        rows,
        (r) => r.journey_id,
        (r) => {
          const owner = o.owner.isSelected(r.owner);
          const stage = o.stage.isSelected(r.stage);
          return html`<tr data-journey=${r.journey_id}>
            <td class="journey" title=${r.journey_id}>${r.name ?? r.journey_id}</td>
            <td>
              <button type="button" class="pick" part="owner" data-key=${`owner:${r.owner ?? ''}`} tabindex="0"
                aria-pressed=${owner ? 'true' : 'false'} aria-label=${o.owner.name(r.owner ?? o.none)}
                @click=${() => o.owner.toggle(r.owner)}>${r.owner ?? o.none}</button>
            </td>
            <td>
              <button type="button" class="pick" part="stage-pick" data-key=${`stage:${r.stage}`} tabindex="0"
                aria-pressed=${stage ? 'true' : 'false'} aria-label=${o.stage.name(r.label)}
                @click=${() => o.stage.toggle(r.stage)}>${r.label}</button>
            </td>
            <td class="num days">${f.days(r.days_in_stage)}</td>
            <td class="num median">${f.days(r.median_days)}</td>
            <td class="num ratio">${o.ratio(r.ratio)}</td>
            <td class="num amount">${f.money(r.amount)}</td>
          </tr>`;
        },
      )}
    </tbody>
  </table>`;
}
