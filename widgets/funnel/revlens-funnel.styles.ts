import { css } from 'lit';

/** The funnel's own looks; themes and shared parts are in core/theme.styles.ts. */
export const funnelStyles = css`
  /* Small multiples: as many columns as fit, each at least wide enough for a readable funnel. */
  .segments.grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 24em), 1fr));
    gap: 0.5em 2em;
  }
  .segment {
    min-inline-size: 0;
  }
  .segment-title {
    margin: 0.75em 0 0.25em;
    font-size: 1em;
    font-weight: 600;
  }
  svg {
    display: block;
    overflow: visible;
    font-size: var(--_size);
  }
  text {
    fill: var(--_fg);
    dominant-baseline: central;
  }
  text.label {
    text-anchor: end;
  }
  text.count {
    font-weight: 600;
  }
  text.detail {
    fill: var(--_muted);
    font-size: 0.8em;
  }
  rect.track {
    fill: var(--_track);
  }
  rect.bar {
    fill: var(--_bar);
    transform-box: fill-box;
    transform-origin: left center;
    animation: grow 400ms ease-out;
  }
  @keyframes grow {
    from {
      transform: scaleX(0);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    rect.bar {
      animation: none;
    }
  }

  .pick {
    font: inherit;
    font-weight: 600;
    border: none;
    background: none;
    padding: 0;
  }
  .segment.selected .segment-title .pick {
    color: var(--_accent);
    text-decoration: underline;
  }
  g.stage[aria-pressed='true'] rect.bar {
    fill: var(--_accent);
  }
  g.stage:focus-visible {
    outline: 2px solid var(--_focus);
  }
`;
