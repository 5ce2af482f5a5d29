import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { selectable, typeOf, type MarkSelect as Select, type Type } from '../core/marks.ts';

type Measure = Type['measure'];
import type { Format } from '../core/format.ts';
import type { WinlossText } from './winloss-messages.ts';

/** One segment's win rate (a CRM value, or null for journeys without one). */
export interface RateItem {
  value: string | null;
  label: string;
  won: number;
  lost: number;
  rate: number | null;
}

/** One loss reason of the Pareto, ranked by count. */
export interface ReasonItem {
  value: string | null;
  label: string;
  lost: number;
  cumulative: number | null;
}

export type MarkSelect = Select<string | null>;

export interface PanelOptions {
  width: number;
  name: string;
  text: WinlossText;
  format: Format;
  /** Absent when the marks stand for nothing a board can filter by (the one overall bar). */
  select?: MarkSelect | undefined;
  /** The panel's type, read before any panel is drawn (a read after a drawing restyles the page). */
  type?: Type | undefined;
}

/** A data-key for a CRM value; null ("(none)") gets a key no value can have. */
export const keyOf = (value: string | null) => (value === null ? 'none' : `v:${value}`);

/** Shortens texts that overflow `max` pixels with an ellipsis; the full text stays in the row's name and data-label. */
export function fit(texts: SVGTextElement[], max: number, measure: Measure): void {
  for (const t of texts) {
    const full = t.textContent ?? '';
    if (measure(t) <= max) continue;
    // The longest start that fits, by halving (a CRM value may be a paragraph).
    let lo = 1;
    let hi = full.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      t.textContent = `${full.slice(0, mid)}…`;
      if (measure(t) <= max) lo = mid;
      else hi = mid - 1;
    }
    t.textContent = `${full.slice(0, lo)}…`;
  }
}

/**
 * The label column's width: the widest label's own width (so no label is cut while there is room), at most
 * `share` of the panel; labels wider than that are shortened by fit().
 */
export function labelColumn(texts: SVGTextElement[], font: number, width: number, share: number, measure: Measure): number {
  const widest = Math.max(0, ...texts.map((t) => measure(t)));
  return Math.ceil(Math.min(Math.max(widest + 12, font * 3), width * share));
}

/**
 * Win rate per segment: a full-width bar split into won (good colour) and lost (bad colour), the rate
 * beside it and the counts under it, so neither colour nor length alone carries the number.
 * Every CRM string goes in with .text()/.attr(): never parsed as markup.
 */
export function drawRates(svgEl: SVGSVGElement, items: RateItem[], o: PanelOptions): void {
  const { size: font, measure } = o.type ?? typeOf(svgEl);
  const rowH = Math.round(font * 3.4);
  const barH = Math.round(font * 1.4);
  const rateW = Math.round(font * 4);
  const f = o.format;
  const counts = (d: RateItem) => o.text.counts(f.count(d.won), f.count(d.lost));

  const svg = select(svgEl)
    .attr('width', o.width)
    .attr('height', items.length * rowH)
    .attr('role', o.select ? 'group' : 'img').attr('aria-label', o.name);
  const rows = svg
    .selectAll<SVGGElement, RateItem>('g.segment')
    .data(items, (d) => keyOf(d.value))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'segment').attr('part', 'segment');
      g.append('text').attr('class', 'label').attr('part', 'label');
      g.append('rect').attr('class', 'won grows').attr('part', 'won');
      g.append('rect').attr('class', 'lost grows').attr('part', 'lost');
      g.append('text').attr('class', 'rate').attr('part', 'rate');
      g.append('text').attr('class', 'counts').attr('part', 'counts');
      return g;
    })
    .attr('transform', (_, i) => `translate(0,${i * rowH})`)
    .attr('data-label', (d) => d.label);
  selectable(rows, o.select, (d) => d.value, (d) => keyOf(d.value));

  const labels = rows.select<SVGTextElement>('text.label').text((d) => d.label);
  const labelW = labelColumn(labels.nodes(), font, o.width, 0.4, measure);
  const barW = Math.max(0, o.width - labelW - rateW);
  const x = scaleLinear().domain([0, 1]).range([0, barW]);
  fit(labels.attr('x', labelW - 8).attr('y', barH / 2).nodes(), labelW - 12, measure);
  rows.select('rect.won').attr('x', labelW).attr('height', barH).attr('width', (d) => x(d.rate ?? 0));
  rows
    .select('rect.lost')
    .attr('x', (d) => labelW + x(d.rate ?? 0))
    .attr('height', barH)
    .attr('width', (d) => (d.rate === null ? 0 : barW - x(d.rate)));
  rows.select('text.rate').attr('x', labelW + barW + 6).attr('y', barH / 2).text((d) => f.percent(d.rate));
  rows.select('text.counts').attr('x', labelW).attr('y', barH + font * 0.9).text(counts);
}

/**
 * The loss-reason Pareto: reasons ranked by how many deals they lost, one bar each with its count, and
 * the cumulative share in a column of its own (the line of a classic Pareto, as numbers one can read).
 */
export function drawReasons(svgEl: SVGSVGElement, items: ReasonItem[], o: PanelOptions): void {
  const { size: font, measure } = o.type ?? typeOf(svgEl);
  const headH = Math.round(font * 1.6);
  const rowH = Math.round(font * 2.2);
  const barH = Math.round(font * 1.4);
  const cumW = Math.round(font * 5);
  const countW = Math.round(font * 3);
  const f = o.format;

  const svg = select(svgEl)
    .attr('width', o.width)
    .attr('height', headH + items.length * rowH)
    .attr('role', 'group')
    .attr('aria-label', o.name);
  svg
    .selectAll('text.head')
    .data([o.text.cumulative])
    .join('text')
    .attr('class', 'head')
    .attr('x', o.width)
    .attr('y', headH / 2)
    .text((d) => d);

  const rows = svg
    .selectAll<SVGGElement, ReasonItem>('g.reason')
    .data(items, (d) => keyOf(d.value))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'reason').attr('part', 'reason');
      g.append('text').attr('class', 'label').attr('part', 'label');
      g.append('rect').attr('class', 'track').attr('part', 'track');
      g.append('rect').attr('class', 'bar grows').attr('part', 'bar');
      g.append('text').attr('class', 'count').attr('part', 'count');
      g.append('text').attr('class', 'cumulative').attr('part', 'cumulative');
      return g;
    })
    .attr('transform', (_, i) => `translate(0,${headH + i * rowH})`)
    .attr('data-label', (d) => d.label);
  selectable(rows, o.select, (d) => d.value, (d) => keyOf(d.value));

  const labels = rows.select<SVGTextElement>('text.label').text((d) => d.label);
  const labelW = labelColumn(labels.nodes(), font, o.width, 0.4, measure);
  const barW = Math.max(0, o.width - labelW - cumW - countW);
  const x = scaleLinear().domain([0, Math.max(1, ...items.map((d) => d.lost))]).range([0, barW]);
  fit(labels.attr('x', labelW - 8).attr('y', barH / 2).nodes(), labelW - 12, measure);
  rows.select('rect.track').attr('x', labelW).attr('height', barH).attr('width', barW);
  rows.select('rect.bar').attr('x', labelW).attr('height', barH).attr('width', (d) => x(d.lost));
  rows
    .select('text.count')
    .attr('x', (d) => labelW + x(d.lost) + 6)
    .attr('y', barH / 2)
    .text((d) => f.count(d.lost));
  rows.select('text.cumulative').attr('x', o.width).attr('y', barH / 2).text((d) => f.percent(d.cumulative));
}
