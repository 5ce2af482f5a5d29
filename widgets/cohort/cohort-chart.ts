import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import type { CohortRow } from '../../metrics/index.ts';
import { put, typeOf } from '../core/marks.ts';

/** One cohort: its label, size and its cells (periods 0, 1, … up to the last one begun). */
export interface CohortLine {
  cohort: string;
  label: string;
  size: number;
  cells: CohortRow[];
}

export interface CohortChartOptions {
  /** Pixels available: the chart fills its container's width, and grows wider (scrolls) when cells would not fit. */
  width: number;
  /**
   * Never wider than `width` (a wall display cannot be scrolled): when the cells' labels do not fit, the cells
   * narrow and show their colour only, with every k-th period number; the numbers stay in names and table.
   */
  fit?: boolean;
  /** Columns: the most periods any cohort has. */
  periods: number;
  /** The largest share drawn: the top of the colour scale. */
  max: number;
  /** Colours of share 0 and of the largest share (CSS colours). */
  low: string;
  high: string;
  /** The chart's accessible name. */
  name: string;
  header: { cohort: string; size: string; periods: string };
  count(n: number): string;
  /** A cell's drawn label (its share). */
  value(row: CohortRow): string;
  rowName(line: CohortLine): string;
  cellName(row: CohortRow, line: CohortLine): string;
  pendingName(row: CohortRow, line: CohortLine): string;
  select: { isSelected(cohort: string): boolean; anySelected: boolean; toggle(cohort: string): void; near(cohort: string): void };
}

type Rgb = [number, number, number];

/** Used when a page sets a heat colour the canvas cannot read. */
const FALLBACK: { low: Rgb; high: Rgb } = { low: [238, 244, 255], high: [30, 64, 175] };
const DARK_TEXT = '#111827';
const LIGHT_TEXT = '#ffffff';

let probe: CanvasRenderingContext2D | null | undefined;

/**
 * Any CSS colour as sRGB: a canvas serializes what it was given as #rrggbb or rgba(), so names, hsl() and
 * the like all come out in a form d3 and the luminance sum read. Alpha is ignored (heat colours are opaque).
 */
function rgbOf(css: string): Rgb | null {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe || !css.trim()) return null;
  probe.fillStyle = '#010203'; // a sentinel: an unreadable value leaves it in place
  probe.fillStyle = css.trim();
  const s = String(probe.fillStyle);
  if (s === '#010203' && css.trim().toLowerCase() !== '#010203') return null;
  const hex = s.match(/^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = s.match(/^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : null;
}

const hex = ([r, g, b]: Rgb) => `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** WCAG 2 relative luminance of an sRGB colour. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Fill and text colour per share. The text is whichever of a dark and a light ink contrasts more with the
 * fill; if even that stays under WCAG's 4.5:1 (mid-grey fills), pure black or white, which always reach it.
 */
export function heatScale(low: string, high: string, max: number): (share: number) => { fill: string; text: string } {
  // Each channel from low to high, in sRGB as d3's interpolateRgb, as numbers: ~700 cells a click, no colour text to read back.
  const from = rgbOf(low) ?? FALLBACK.low;
  const to = rgbOf(high) ?? FALLBACK.high;
  const scale = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .clamp(true);
  const dark = rgbOf(DARK_TEXT)!;
  const light: Rgb = [255, 255, 255];
  return (share) => {
    const k = scale(share);
    const rgb = from.map((v, i) => Math.round(v + (to[i]! - v) * k)) as Rgb;
    const fill = hex(rgb);
    const [cd, cl] = [contrast(rgb, dark), contrast(rgb, light)];
    const text = Math.max(cd, cl) >= 4.5 ? (cd >= cl ? DARK_TEXT : LIGHT_TEXT) : luminance(rgb) > 0.18 ? '#000000' : '#ffffff';
    return { fill, text };
  };
}

/**
 * The heatmap: a header (cohort | size | periods since created 0 1 2 …), then one row per cohort: its label
 * (a mark that selects the cohort), its size, and a cell per period with the share as its label. Incomplete
 * periods are drawn as empty dashed boxes without a number. Sizes follow the SVG's font size (wall theme).
 * Every string goes in as text or an attribute value (.text(), .attr(), put): nothing is parsed as markup.
 */
export function drawCohortChart(svgEl: SVGSVGElement, lines: CohortLine[], o: CohortChartOptions): void {
  const { size: font, measure } = typeOf(svgEl);
  const rowH = Math.round(font * 2);
  const headH = Math.round(font * 1.6);
  const top = headH * 2;
  const pad = Math.round(font * 0.6);
  const gap = 2;
  const colour = heatScale(o.low, o.high, o.max);
  const sel = o.select;
  // Once per cohort: each of its cells asks too.
  const chosen = new Map<string, boolean>();
  const isSelected = (cohort: string) => chosen.get(cohort) ?? chosen.set(cohort, sel.isSelected(cohort)).get(cohort)!;
  selects.set(svgEl, sel);
  const periods = Array.from({ length: o.periods }, (_, n) => n);

  const svg = select(svgEl).attr('role', 'group').attr('aria-label', o.name);

  const head = svg
    .selectAll<SVGGElement, null>('g.head')
    .data([null])
    .join((enter) => {
      const g = enter.append('g').attr('class', 'head').attr('part', 'header').attr('aria-hidden', 'true');
      g.append('text').attr('class', 'h-cohort');
      g.append('text').attr('class', 'h-size');
      g.append('text').attr('class', 'h-periods');
      return g;
    });
  head.select('text.h-cohort').text(o.header.cohort);
  head.select('text.h-size').text(o.header.size);
  head.select('text.h-periods').text(o.header.periods);
  const numbers = head
    .selectAll<SVGTextElement, number>('text.h-n')
    .data(periods)
    .join('text')
    .attr('class', 'h-n')
    .text((n) => o.count(n));

  const rows = svg
    .selectAll<SVGGElement, CohortLine>('g.row')
    .data(lines, (d) => d.cohort)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'row').attr('part', 'row');
      const label = g.append('g').attr('class', 'cohort').attr('part', 'cohort');
      label.append('rect').attr('class', 'hit');
      label.append('text').attr('class', 'label').attr('part', 'label');
      g.append('text').attr('class', 'size').attr('part', 'size');
      return g;
    })
    .order()
    .attr('data-cohort', (d) => d.cohort)
    .classed('selected', (d) => isSelected(d.cohort))
    .classed('dimmed', (d) => sel.anySelected && !isSelected(d.cohort));

  const labels = rows
    .select<SVGGElement>('g.cohort')
    .attr('data-key', (d) => d.cohort)
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-pressed', (d) => String(isSelected(d.cohort)))
    .attr('aria-label', (d) => o.rowName(d))
    .on('click', (_, d) => sel.toggle(d.cohort))
    .on('pointerenter focus', (_, d) => sel.near(d.cohort));
  const labelTexts = labels.select<SVGTextElement>('text.label').text((d) => d.label);
  const sizeTexts = rows.select<SVGTextElement>('text.size').text((d) => o.count(d.size));

  const cells = rows
    .selectAll<SVGGElement, CohortRow>('g.cell')
    .data(
      (d) => d.cells,
      (d) => String(d.period),
    )
    .join((enter) => {
      const g = enter.append('g').attr('class', 'cell').attr('part', 'cell');
      g.append('rect');
      g.append('text').attr('class', 'value').attr('part', 'value');
      // Bound once: a cell's handlers read its data and the chart's current selection when they run.
      return g
        .on('click', (_, d) => d.complete && selects.get(svgEl)?.toggle(d.cohort))
        .on('pointerenter focus', (_, d) => d.complete && selects.get(svgEl)?.near(d.cohort));
    })
    .order()
    .attr('data-period', (d) => d.period)
    .classed('pending', (d) => !d.complete);
  const valueTexts = cells.select<SVGTextElement>('text.value').each(function (d) {
    const value = d.complete ? o.value(d) : '';
    if (this.textContent !== value) this.textContent = value;
  });

  // Columns as wide as their longest text; period cells share what is left, never narrower than their labels.
  // Sizes and values are drawn in tabular figures (revlens-cohort.styles.ts): texts that differ only in their digits
  // are as wide.
  const widest = (nodes: SVGTextElement[], figures = false) => Math.max(0, ...nodes.map((t) => measure(t, figures)));
  const labelW = widest([...labelTexts.nodes(), head.select<SVGTextElement>('text.h-cohort').node()!]) + 2 * pad;
  const sizeW = Math.max(widest(sizeTexts.nodes(), true), widest([head.select<SVGTextElement>('text.h-size').node()!])) + 2 * pad;
  const valueW = Math.max(widest(valueTexts.nodes(), true), widest(numbers.nodes()), font * 2) + 2 * pad;
  const left = labelW + sizeW;
  const share = (o.width - left) / Math.max(1, o.periods);
  const squeezed = Boolean(o.fit) && share < valueW;
  const cellW = squeezed ? Math.max(2, share) : Math.min(font * 10, Math.max(valueW, share));
  const width = Math.max(o.width, Math.ceil(left + cellW * o.periods));
  valueTexts.attr('visibility', squeezed ? 'hidden' : null);
  const every = squeezed ? Math.ceil(valueW / cellW) : 1;
  numbers.attr('visibility', (n) => (n % every === 0 ? null : 'hidden'));
  svg.attr('width', width).attr('height', top + lines.length * rowH);

  head.select('text.h-cohort').attr('x', pad).attr('y', headH * 1.5);
  head.select('text.h-size').attr('x', left - pad).attr('y', headH * 1.5);
  head.select('text.h-periods').attr('x', left).attr('y', headH * 0.5);
  numbers.attr('x', (n) => left + n * cellW + cellW / 2).attr('y', headH * 1.5);

  rows.attr('transform', (_, i) => `translate(0,${top + i * rowH})`);
  labels.select('rect.hit').attr('width', labelW - gap).attr('height', rowH - gap);
  labelTexts.attr('x', pad).attr('y', (rowH - gap) / 2);
  sizeTexts.attr('x', left - pad).attr('y', (rowH - gap) / 2);

  // Written only where they change: after a click most cells keep their places, and ~700 cells × 10 writes of
  // the same values still cost ~10 ms of style and layout checks.
  const lineOf = (el: Element) => select<Element, CohortLine>(el.parentElement as Element).datum();
  cells.each(function (d) {
    const line = lineOf(this);
    const heat = colour(d.share ?? 0);
    const [rect, value] = this.children as unknown as [SVGRectElement, SVGTextElement];
    const x = left + d.period * cellW;
    put(rect, 'x', x);
    put(rect, 'width', cellW - gap);
    put(rect, 'height', rowH - gap);
    fill(rect, d.complete ? heat.fill : 'none');
    put(value, 'x', x + (cellW - gap) / 2);
    put(value, 'y', (rowH - gap) / 2);
    fill(value, d.complete ? heat.text : '');
    // Not a mark while incomplete: no number yet, so nothing to select by; screen readers still hear why it is blank.
    put(this, 'data-key', d.complete ? `${d.cohort}/${d.period}` : null);
    if (d.complete !== this.hasAttribute('tabindex')) put(this, 'tabindex', d.complete ? 0 : null); // the widget roves it
    put(this, 'role', d.complete ? 'button' : 'img');
    put(this, 'aria-pressed', d.complete ? String(isSelected(d.cohort)) : null);
    put(this, 'aria-label', d.complete ? o.cellName(d, line) : o.pendingName(d, line));
  });
}

/** The selection each chart's cells call (their handlers are bound once, when they are made). */
const selects = new WeakMap<SVGSVGElement, CohortChartOptions['select']>();

/** The fill each cell's rect and text were given (the style reads it back in another form). */
const fills = new WeakMap<SVGElement, string>();
function fill(el: SVGElement, colour: string): void {
  if (fills.get(el) === colour) return;
  fills.set(el, colour);
  el.style.fill = colour;
}
