import type { Selection } from 'd3-selection';

/** Marks that select: which is selected, and what a click does. */
export interface MarkSelect<V> {
  isSelected(value: V): boolean;
  anySelected: boolean;
  toggle(value: V): void;
  /** The pointer or focus came to a mark: a click may follow (a board counts what it would show first). */
  near?(value: V): void;
}

/** The type size of a chart: its sizes follow it, so the wall theme's larger type gets larger rows. */
export const fontOf = (svg: SVGSVGElement) => parseFloat(getComputedStyle(svg).fontSize) || 14;

/**
 * The attributes every selecting row carries: keyboard focus, a pressed state, a click; without `s`, none. Its
 * name is its drawn texts (so speech input can say what it sees); the chart's name says what they mean.
 */
export function selectable<D, V>(
  rows: Selection<SVGGElement, D, SVGSVGElement, unknown>,
  s: MarkSelect<V> | undefined,
  value: (d: D) => V,
  key: (d: D) => string,
): void {
  if (!s) {
    rows.attr('data-key', null).attr('tabindex', null).attr('role', null).attr('aria-pressed', null).attr('aria-label', null).on('click pointerenter focus', null);
    return;
  }
  rows
    .attr('data-key', key)
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-pressed', (d) => String(s.isSelected(value(d))))
    .classed('dimmed', (d) => s.anySelected && !s.isSelected(value(d)))
    .on('click', (_, d) => s.toggle(value(d)))
    .on('pointerenter focus', (_, d) => s.near?.(value(d)));
}
