import { css } from 'lit';

/**
 * The cohort heatmap's own looks; themes and shared parts are in core/theme.styles.ts. The heat colours
 * follow the theme (pale to deep on light, dark to bright on dark and wall); a page's --revlens-heat-* wins.
 * Cell text colours are not set here: the chart picks dark or light ink per cell from the fill it drew.
 */
export const cohortStyles = css`
  :host {
    --_heat-low: var(--revlens-heat-low, #eef4ff);
    --_heat-high: var(--revlens-heat-high, #1e40af);
  }
  :host([theme='dark']),
  :host([theme='wall']) {
    --_heat-low: var(--revlens-heat-low, #1e2a3a);
    --_heat-high: var(--revlens-heat-high, #9cc3ff);
  }
  /* Many periods: the heatmap keeps readable cells and scrolls sideways instead of squeezing them. */
  .scroll {
    overflow-x: auto;
    max-inline-size: 100%;
  }
  .segment-pick {
    display: inline-flex;
    gap: 0.5em;
    align-items: center;
    margin-block-end: 0.5em;
    font-size: 0.9em;
  }
  .segment-pick select {
    max-inline-size: 20em;
  }
  text {
    dominant-baseline: central;
  }
  .head text {
    fill: var(--_muted);
    font-size: 0.8em;
  }
  .head text.h-size {
    text-anchor: end;
  }
  .head text.h-n {
    text-anchor: middle;
  }
  text.size {
    text-anchor: end;
    fill: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  text.value {
    text-anchor: middle;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
    pointer-events: none;
  }
  rect.hit {
    fill: transparent;
  }
  g.cell.pending rect {
    stroke: var(--_border);
    stroke-width: 1px;
    stroke-dasharray: 3 3;
  }
  g.row.selected text.label {
    fill: var(--_accent);
    font-weight: 600;
  }
  g.row.selected g.cell:not(.pending) rect {
    stroke: var(--_fg);
    stroke-width: 1.5px;
  }
  g.cohort:focus-visible,
  g.cell:focus-visible {
    outline: none;
  }
  g.cohort:focus-visible rect,
  g.cell:focus-visible rect {
    stroke: var(--_focus);
    stroke-width: 2px;
  }
  g.row {
    transition: opacity 150ms;
  }
  @media (prefers-reduced-motion: reduce) {
    g.row {
      transition: none;
    }
  }
`;
