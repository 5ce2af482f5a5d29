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
