import { scaleBand, scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { typeOf } from '../core/marks.ts';

/** One period of one stage: journeys that entered it, and those that left it onward or to Lost. */
export interface FlowPoint {
  period: string;
  /** The period in full (Oct 2024, 2024 Q4, Week of Sep 30, 2024 …): tooltips and screen readers. */
  label: string;
  /** The period under its bars, as short as is clear (weeks drop the year). */
  tick: string;
  inflow: number;
  advanced: number;
  lost: number;
}

export interface FlowChartOptions {
  /** Pixels available: the chart fills its container's width. */
  width: number;
  /** The chart's accessible name. */
  name: string;
  count(n: number): string;
  /** A period's tooltip and accessible name. */
  summary(p: FlowPoint): string;
}

/**
 * Diverging bars per period: inflow above the zero line, outflow below it (advanced, then lost, stacked),
 * so direction carries the meaning as well as colour. Sizes follow the SVG's font size (wall theme).
 * Every string goes in with .text()/.attr(): nothing is parsed as markup.
 */
export function drawFlowChart(svgEl: SVGSVGElement, points: FlowPoint[], o: FlowChartOptions): void {
  const { size: font, measure } = typeOf(svgEl);
  const top = Math.round(font * 1.2);
  const plotH = Math.round(font * 12);
  const bottom = Math.round(font * 2.2);
  const left = Math.round(font * 3);
  const height = top + plotH + bottom;
  const maxIn = Math.max(1, ...points.map((p) => p.inflow));
  const maxOut = Math.max(1, ...points.map((p) => p.advanced + p.lost));
  // One scale for both directions: a bar's length is comparable above and below the line.
  const y = scaleLinear().domain([-maxOut, maxIn]).range([top + plotH, top]).nice(4);
  const x = scaleBand<string>()
    .domain(points.map((p) => p.period))
    .range([left, Math.max(left, o.width)])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const band = x.bandwidth();
  const zero = y(0);

  const svg = select(svgEl).attr('width', o.width).attr('height', height).attr('role', 'group').attr('aria-label', o.name);
  // Layers made once, in drawing order, so grid lines added by a later draw stay behind the bars.
  const layer = (name: string) => svg.selectAll<SVGGElement, string>(`g.${name}`).data([name]).join('g').attr('class', name);
  const grid = layer('grid');
  const bars = layer('bars');
  const front = layer('front');

  const ticks = y.ticks(4);
  grid
    .selectAll<SVGGElement, number>('g.tick')
    .data(ticks, (d) => String(d))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'tick').attr('aria-hidden', 'true');
      g.append('line');
      g.append('text');
      return g;
    })
    .attr('transform', (d) => `translate(0,${y(d)})`)
    .call((g) => g.select('line').attr('x1', left).attr('x2', o.width))
    .call((g) =>
      g
        .select('text')
        .attr('x', left - 4)
        .text((d) => o.count(Math.abs(d))),
    );

  const periods = bars
    .selectAll<SVGGElement, FlowPoint>('g.period')
    .data(points, (d) => d.period)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'period').attr('part', 'period').attr('role', 'img');
      g.append('title');
      g.append('rect').attr('class', 'inflow').attr('part', 'inflow');
      g.append('rect').attr('class', 'advanced').attr('part', 'advanced');
      g.append('rect').attr('class', 'lost').attr('part', 'lost');
      g.append('text').attr('class', 'count in').attr('aria-hidden', 'true');
      g.append('text').attr('class', 'count out').attr('aria-hidden', 'true');
      g.append('text').attr('class', 'axis').attr('aria-hidden', 'true');
      return g;
    })
    .attr('data-period', (d) => d.period)
    .attr('transform', (d) => `translate(${x(d.period) ?? 0},0)`)
    .attr('aria-label', (d) => o.summary(d));
  periods.select('title').text((d) => o.summary(d));
  periods
    .select('rect.inflow')
    .attr('width', band)
    .attr('y', (d) => y(d.inflow))
    .attr('height', (d) => zero - y(d.inflow));
  periods
    .select('rect.advanced')
    .attr('width', band)
    .attr('y', zero)
    .attr('height', (d) => y(-d.advanced) - zero);
  periods
    .select('rect.lost')
    .attr('width', band)
    .attr('y', (d) => y(-d.advanced))
    .attr('height', (d) => y(-(d.advanced + d.lost)) - y(-d.advanced));

  // Counts on the bars only where a column is wide enough to read them; the tooltip always has them.
  const roomy = band >= font * 2.2;
  periods
    .select('text.in')
    .attr('x', band / 2)
    .attr('y', (d) => y(d.inflow) - font * 0.5)
    .text((d) => (roomy ? o.count(d.inflow) : ''));
  periods
    .select('text.out')
    .attr('x', band / 2)
    .attr('y', (d) => y(-(d.advanced + d.lost)) + font * 0.6)
    .text((d) => (roomy ? o.count(d.advanced + d.lost) : ''));

  const axis = periods
    .select<SVGTextElement>('text.axis')
    .attr('x', band / 2)
    .attr('y', top + plotH + font * 1.2)
    .text((d) => d.tick);
  // As many period labels as fit: every n-th, n from the longest label and the column width. A label at
  // either end is pulled inside the chart; one that would then touch the label before it stays hidden.
  const nodes = axis.nodes();
  const widths = nodes.map((t) => measure(t));
  const step = Math.max(1, Math.ceil((Math.max(0, ...widths) + font) / Math.max(1, x.step())));
  let lastRight = -Infinity;
  nodes.forEach((t, i) => {
    const at = x(points[i]!.period) ?? 0;
    const w = widths[i]!;
    const leftEdge = Math.max(0, Math.min(at + band / 2 - w / 2, o.width - w));
    const shown = i % step === 0 && leftEdge >= lastRight + font / 2;
    if (shown) lastRight = leftEdge + w;
    t.setAttribute('x', String(leftEdge + w / 2 - at));
    t.setAttribute('visibility', shown ? 'visible' : 'hidden');
  });

  front
    .selectAll('line.zero')
    .data([0])
    .join('line')
    .attr('class', 'zero')
    .attr('x1', left)
    .attr('x2', o.width)
    .attr('y1', zero)
    .attr('y2', zero);
}
