import { css } from 'lit';

/** The win-loss element's own looks; themes and shared parts are in core/theme.styles.ts. */
export const winlossStyles = css`
  /* As many panel columns as fit, each wide enough for readable bars; one column when narrow. */
  .panels {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 22em), 1fr));
    gap: 1em 2em;
  }
  .panel {
    min-inline-size: 0;
  }
  .panel-title {
    margin: 0.5em 0 0.5em;
    font-size: 0.9em;
    font-weight: 600;
  }
  .note {
    margin: 0;
    color: var(--_muted);
  }
  text {
    fill: var(--_fg);
    dominant-baseline: central;
  }
  text.label,
  text.head,
  text.cumulative,
  .tick text {
    text-anchor: end;
  }
  text.rate,
  text.count {
    font-weight: 600;
  }
  text.counts,
  text.spread,
  text.head,
  text.cumulative,
  text.period,
  .tick text {
    fill: var(--_muted);
    font-size: 0.8em;
  }
  text.measure-title {
    font-size: 0.85em;
  }
  text.period.last {
    text-anchor: end;
  }
  text.period.only {
    text-anchor: middle;
  }
  rect.track {
    fill: var(--_track);
  }
  rect.won,
  .outcome.won rect.box {
    fill: var(--_good);
  }
  rect.lost,
  .outcome.lost rect.box {
    fill: var(--_bad);
  }
  /* Lost is the remainder of the bar: lighter, so the won part (the rate) reads first. */
  rect.lost {
    opacity: 0.35;
  }
  rect.bar {
    fill: var(--_bar);
  }
  line.median {
    stroke: var(--_fg);
    stroke-width: 2;
  }
  .tick line {
    stroke: var(--_track);
  }
  path.line {
    fill: none;
    stroke: var(--_bar);
    stroke-width: 2;
  }
  circle.point {
    fill: var(--_bar);
  }

  /* The selected mark in the accent colour (its label too: not colour alone); the others are dimmed. */
  g.segment[aria-pressed='true'] rect.won,
  g.reason[aria-pressed='true'] rect.bar {
    fill: var(--_accent);
  }
  g[aria-pressed='true'] text.label {
    font-weight: 700;
    fill: var(--_accent);
  }
  g.segment:focus-visible,
  g.reason:focus-visible {
    outline: 2px solid var(--_focus);
  }
`;
