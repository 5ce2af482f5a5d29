import type { Selection } from 'd3-selection';

/** Marks that select: which is selected, and what a click does. */
export interface MarkSelect<V> {
  isSelected(value: V): boolean;
  anySelected: boolean;
  toggle(value: V): void;
  /** The pointer or focus came to a mark: a click may follow (a board counts what it would show first). */
  near?(value: V): void;
}

/**
 * Sets an attribute (null: removes it) unless it already has that value: a write of the same value still costs the
 * browser a style check, and a chart redrawn after a click keeps most of its attributes.
 */
export function put(el: Element, name: string, value: string | number | null): void {
  const text = value === null ? null : String(value);
  if (el.getAttribute(name) === text) return;
  if (text === null) el.removeAttribute(name);
  else el.setAttribute(name, text);
}

/** Widths of texts drawn, by font, class and text (a shape, with `figures`). */
const widths = new Map<string, number>();
// A web font that has just loaded draws every text at another width.
globalThis.document?.fonts?.addEventListener?.('loadingdone', () => widths.clear());

/** A chart's type size and a measure of its texts. */
export interface Type {
  /** Its sizes follow it, so the wall theme's larger type gets larger rows. */
  size: number;
  measure: (text: SVGTextElement, figures?: boolean) => number;
}

/**
 * The type size of `svg`, and a measure of texts drawn in it (getComputedTextLength), each once per font, class,
 * mark state and text. A measure lays the page out when anything changed since the last one (several ms on a
 * board), and after a click most texts are ones drawn before. With `figures`, texts that differ only in their digits
 * are measured as one: exact in tabular figures, near enough for a width that only decides where a line goes.
 */
export function typeOf(svg: SVGSVGElement): Type {
  const s = getComputedStyle(svg);
  const font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  const measure = (t: SVGTextElement, figures = false) => {
    const text = t.textContent ?? '';
    // The selected mark's label is bold (the widgets' styles): its width is another one.
    const state = t.closest('[aria-pressed="true"], .selected') ? '!' : '';
    const key = `${font}|${t.getAttribute('class')}${state}|${figures ? text.replace(/\d/g, '0') : text}`;
    let width = widths.get(key);
    if (width === undefined) {
      width = t.getComputedTextLength();
      // Not kept: 0 for a text is a chart not laid out (hidden), not its width.
      if (width > 0 || !text) {
        if (widths.size >= 4096) widths.clear();
        widths.set(key, width);
      }
    }
    return width;
  };
  return { size: parseFloat(s.fontSize) || 14, measure };
}

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
