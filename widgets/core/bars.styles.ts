import { css } from 'lit';

/** Horizontal bar rows (funnel, planner): label | track with its bar | count, a detail line under. */
export const barStyles = css`
  text {
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
  }
`;
