import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import type { Format } from '../core/format.ts';
import { typeOf, type Type } from '../core/marks.ts';
import type { WinlossText } from './winloss-messages.ts';

/** Median and quartiles of one measure for the won or the lost deals. */
export interface SpreadItem {
  outcome: 'won' | 'lost';
  /** Deals with a value (amounts may be missing). */
  n: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
}

export interface Measure {
  key: 'amount' | 'cycle';
  title: string;
  items: SpreadItem[];
  format(v: number | null): string;
}

/** One close period of the trend. */
export interface TrendItem {
  start: string;
  label: string;
  rate: number | null;
  won: number;
  lost: number;
}

interface Common {
  /** The panel's type (size), read before any panel is drawn. */
  type?: Type | undefined;
  width: number;
  name: string;
  text: WinlossText;
  format: Format;
}

/**
 * Won vs lost, per measure (deal size, cycle length): a box from the lower to the upper quartile with a
 * tick at the median, and the three numbers written under it. One scale per measure, so the won and lost
 * boxes of a measure compare by position.
 */
export function drawDeals(svgEl: SVGSVGElement, measures: Measure[], o: Common): void {
  const font = (o.type ?? typeOf(svgEl)).size;
  const titleH = Math.round(font * 1.8);
  const rowH = Math.round(font * 3.2);
  const boxH = Math.round(font * 1.2);
  const labelW = Math.min(Math.round(font * 7), Math.round(o.width * 0.3));
  const boxW = Math.max(0, o.width - labelW - font);
  const blockH = titleH + 2 * rowH;

  const svg = select(svgEl).attr('width', o.width).attr('height', measures.length * blockH).attr('role', 'img').attr('aria-label', o.name);
  const blocks = svg
    .selectAll<SVGGElement, Measure>('g.measure')
    .data(measures, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'measure').attr('part', 'measure');
      g.append('text').attr('class', 'measure-title').attr('part', 'measure-title');
      return g;
    })
    .attr('data-measure', (d) => d.key)
    .attr('transform', (_, i) => `translate(0,${i * blockH})`);
  blocks.select('text.measure-title').attr('x', 0).attr('y', titleH / 2).text((d) => d.title);

  blocks.each(function (m) {
    const top = Math.max(0, ...m.items.map((d) => d.p75 ?? 0));
    const x = scaleLinear().domain([0, top > 0 ? top : 1]).range([labelW, labelW + boxW]);
    const rows = select(this)
      .selectAll<SVGGElement, SpreadItem>('g.outcome')
      .data(m.items, (d) => d.outcome)
      .join((enter) => {
        const g = enter.append('g').attr('part', 'outcome');
        g.append('text').attr('class', 'label').attr('part', 'label');
        g.append('rect').attr('class', 'track').attr('part', 'track');
        g.append('rect').attr('class', 'box grows').attr('part', 'box');
        g.append('line').attr('class', 'median').attr('part', 'median');
        g.append('text').attr('class', 'spread').attr('part', 'spread');
        return g;
      })
      .attr('class', (d) => `outcome ${d.outcome}`)
      .attr('data-outcome', (d) => d.outcome)
      .attr('transform', (_, i) => `translate(0,${titleH + i * rowH})`);
    const known = (d: SpreadItem) => d.p25 !== null && d.p75 !== null && d.median !== null;
    rows
      .select('text.label')
      .attr('x', labelW - 8)
      .attr('y', boxH / 2)
      .text((d) => o.text.outcomeRow(d.outcome === 'won' ? o.text.won : o.text.lost, o.format.count(d.n)));
    rows.select('rect.track').attr('x', labelW).attr('width', boxW).attr('height', boxH);
    rows
      .select('rect.box')
      .attr('x', (d) => x(d.p25 ?? 0))
      .attr('width', (d) => (known(d) ? Math.max(1, x(d.p75!) - x(d.p25!)) : 0))
      .attr('height', boxH);
    rows
      .select('line.median')
      .attr('x1', (d) => x(d.median ?? 0))
      .attr('x2', (d) => x(d.median ?? 0))
      .attr('y1', -2)
      .attr('y2', boxH + 2)
      .attr('visibility', (d) => (known(d) ? null : 'hidden'));
    rows
      .select('text.spread')
      .attr('x', labelW)
      .attr('y', boxH + font * 0.9)
      .text((d) => (known(d) ? o.text.spread(m.format(d.median), m.format(d.p25), m.format(d.p75)) : o.text.noValues));
  });
}

/** Win rate per close period: a line over 0–100 % with a point per period; first and last periods named. */
export function drawTrend(svgEl: SVGSVGElement, items: TrendItem[], o: Common): void {
  const font = (o.type ?? typeOf(svgEl)).size;
  const axisW = Math.round(font * 3);
  const plotH = Math.round(font * 6);
  const height = plotH + Math.round(font * 1.8);
  const step = items.length ? Math.max(0, o.width - axisW) / items.length : 0;
  const x = (i: number) => axisW + (i + 0.5) * step;
  const y = scaleLinear().domain([0, 1]).range([plotH, 0]);
  const f = o.format;

  const svg = select(svgEl).attr('width', o.width).attr('height', height).attr('role', 'img').attr('aria-label', o.name);
  svg
    .selectAll('g.tick')
    .data([0, 0.5, 1])
    .join((enter) => {
      const g = enter.append('g').attr('class', 'tick');
      g.append('line');
      g.append('text');
      return g;
    })
    .attr('transform', (d) => `translate(0,${y(d)})`)
    .call((g) => g.select('line').attr('x1', axisW).attr('x2', o.width))
    .call((g) => g.select('text').attr('x', axisW - 6).text((d) => f.percent(d)));

  const points = items.map((d, i) => (d.rate === null ? null : ([x(i), y(d.rate)] as const)));
  const path = points.map((p, i) => (p === null ? '' : `${i === 0 || points[i - 1] === null ? 'M' : 'L'}${p[0]},${p[1]}`)).join('');
  svg.selectAll('path.line').data([path]).join('path').attr('class', 'line').attr('part', 'line').attr('d', (d) => d);

  svg
    .selectAll<SVGCircleElement, TrendItem>('circle.point')
    .data(items.filter((d) => d.rate !== null), (d) => d.start)
    .join((enter) => {
      const c = enter.append('circle').attr('class', 'point').attr('part', 'point');
      c.append('title');
      return c;
    })
    .attr('cx', (d) => x(items.indexOf(d)))
    .attr('cy', (d) => y(d.rate!))
    .attr('r', Math.max(2, font * 0.22))
    .select('title')
    .text((d) => `${d.label}: ${f.percent(d.rate)} (${o.text.counts(f.count(d.won), f.count(d.lost))})`);

  const ends = items.length > 1 ? [0, items.length - 1] : items.length ? [0] : [];
  svg
    .selectAll('text.period')
    .data(ends)
    .join('text')
    // Anchored to the plot's edges so long period names stay inside it.
    .attr('class', (i) => (ends.length === 1 ? 'period only' : i === 0 ? 'period first' : 'period last'))
    .attr('x', (i) => (ends.length === 1 ? x(i) : i === 0 ? axisW : o.width))
    .attr('y', plotH + font)
    .text((i) => items[i]!.label);
}
