import { css } from 'lit';

/**
 * Public knobs are --revlens-* properties; the private --_* copies hold each theme's defaults, so a page's
 * own --revlens-* value always wins over the theme.
 */
export const funnelStyles = css`
  :host {
    --_font: var(--revlens-font-family, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    --_size: var(--revlens-font-size, 14px);
    --_fg: var(--revlens-text-color, #1f2933);
    --_muted: var(--revlens-muted-color, #52606d);
    --_bg: var(--revlens-background, transparent);
    --_bar: var(--revlens-bar-color, #2f6fde);
    --_track: var(--revlens-track-color, #e8edf3);
    --_error: var(--revlens-error-color, #b42318);
    display: block;
    position: relative;
    box-sizing: border-box;
    inline-size: 100%;
    font-family: var(--_font);
    font-size: var(--_size);
    color: var(--_fg);
    background: var(--_bg);
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    --_fg: var(--revlens-text-color, #e6e9ee);
    --_muted: var(--revlens-muted-color, #a7b1bd);
    --_bg: var(--revlens-background, #151a21);
    --_bar: var(--revlens-bar-color, #6ea2ff);
    --_track: var(--revlens-track-color, #26303c);
    --_error: var(--revlens-error-color, #ff8f80);
  }
  :host([theme='wall']) {
    --_size: var(--revlens-font-size, 28px);
    --_fg: var(--revlens-text-color, #ffffff);
    --_muted: var(--revlens-muted-color, #c9d2dc);
    --_bg: var(--revlens-background, #0b0f14);
    --_bar: var(--revlens-bar-color, #4c8dff);
    --_track: var(--revlens-track-color, #1c2530);
    --_error: var(--revlens-error-color, #ff8f80);
  }

  .status,
  .error {
    margin: 0;
    padding: 1em;
  }
  .status {
    color: var(--_muted);
  }
  .error {
    color: var(--_error);
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
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

  /* Read by screen readers, not drawn: the numbers of every chart as a table. */
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
