import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { selectable, typeOf, type MarkSelect, type Type } from './marks.ts';

/** One stage's row: the length of its bar, the text beside the bar and the line under it. */
export interface Bar {
  stage: string;
  label: string;
  value: number;
  count: string;
  detail: string;
}

export interface BarsOptions {
  /** Pixels available: the chart fills its container's width. */
  width: number;
  /** Largest value over all charts drawn together, so they are compared on one scale. */
  max: number;
  /** Room kept right of the bars for the count, in ems. */
  countEms: number;
  /** The chart's accessible name. */
  name: string;
  /** Stages are marks that select (the funnel without a breakdown): which is selected, and what a click does. */
  select?: MarkSelect<string> | undefined;
  /** The chart's type, when read before drawing charts drawn together (a read after a drawing restyles the page). */
  type?: Type;
}

/**
 * Horizontal bars, one per stage (funnel, planner): label | bar + count | a detail line.
 * Sizes follow the SVG's font size so the wall theme's larger type gets taller rows.
 * Every string goes in with .text()/.attr(): CRM values are never parsed as markup. Returns the measuring of the
 * detail lines, which returns their placing.
 */
export function drawBars(svgEl: SVGSVGElement, bars: Bar[], o: BarsOptions): () => () => void {
  // Detail lines of the same shape as one drawn before are not measured again: the width only decides where they go.
  const { size: font, measure } = o.type ?? typeOf(svgEl);
  const rowH = Math.round(font * 4);
  const barH = Math.round(font * 1.6);
  const labelW = Math.min(Math.round(font * 8), Math.round(o.width * 0.3));
  const countW = Math.round(font * o.countEms);
  const barW = Math.max(0, o.width - labelW - countW);
  const x = scaleLinear().domain([0, Math.max(1, o.max)]).range([0, barW]);

  const svg = select(svgEl)
    .attr('width', o.width)
    .attr('height', bars.length * rowH)
    .attr('role', o.select ? 'group' : 'img')
    .attr('aria-label', o.name);

  const stages = svg
    .selectAll<SVGGElement, Bar>('g.stage')
    .data(bars, (d) => d.stage)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'stage').attr('part', 'stage');
      g.append('text').attr('class', 'label').attr('part', 'label');
      g.append('rect').attr('class', 'track').attr('part', 'track');
      g.append('rect').attr('class', 'bar grows').attr('part', 'bar');
      g.append('text').attr('class', 'count').attr('part', 'count');
      g.append('text').attr('class', 'detail').attr('part', 'detail');
      return g;
    })
    .attr('transform', (_, i) => `translate(0,${i * rowH})`)
    .attr('data-stage', (d) => d.stage);

  selectable(stages, o.select, (d) => d.stage, (d) => d.stage);

  stages.select('text.label').attr('x', labelW - 8).attr('y', barH / 2).text((d) => d.label);
  stages.select('rect.track').attr('x', labelW).attr('height', barH).attr('width', barW);
  stages.select('rect.bar').attr('x', labelW).attr('height', barH).attr('width', (d) => x(d.value));
  stages
    .select('text.count')
    .attr('x', (d) => labelW + x(d.value) + 6)
    .attr('y', barH / 2)
    .text((d) => d.count);
  const details = stages
    .select<SVGTextElement>('text.detail')
    .attr('y', barH + font * 0.9)
    .text((d) => d.detail);
  // Under the bars when the longest line fits there; narrow small multiples give them the whole width. Measured
  // and then placed by the caller once every chart drawn together is in: measuring between drawings would lay
  // the page out again for each (20 ms a click with ten funnel segments).
  return () => {
    const longest = Math.max(0, ...details.nodes().map((t) => measure(t, true)));
    return () => details.attr('x', longest > o.width - labelW ? 0 : labelW);
  };
}
