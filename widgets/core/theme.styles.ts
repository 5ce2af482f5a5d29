import { css } from 'lit';

/**
 * What every RevLens element shares: the three themes and the status, error, toolbar and data-table looks.
 * Public knobs are --revlens-* properties; the private --_* copies hold each theme's defaults, so a page's
 * own --revlens-* value always wins over the theme. Custom properties inherit through shadow roots, so a
 * board's theme reaches the widgets inside it.
 */
export const themeStyles = css`
  :host {
    --_font: var(--revlens-font-family, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif);
    --_size: var(--revlens-font-size, 14px);
    --_fg: var(--revlens-text-color, #1f2933);
    --_muted: var(--revlens-muted-color, #52606d);
    --_bg: var(--revlens-background, transparent);
    --_surface: var(--revlens-surface, #ffffff);
    --_border: var(--revlens-border-color, #d5dbe3);
    --_bar: var(--revlens-bar-color, #2f6fde);
    --_accent: var(--revlens-accent-color, #c2410c);
    --_good: var(--revlens-good-color, #1b7a3d);
    --_bad: var(--revlens-bad-color, #b42318);
    --_track: var(--revlens-track-color, #e8edf3);
    --_error: var(--revlens-error-color, #b42318);
    --_focus: var(--revlens-focus-color, #1d4ed8);
    display: block;
    position: relative;
    box-sizing: border-box;
    inline-size: 100%;
    min-inline-size: 0;
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
    --_surface: var(--revlens-surface, #1d242d);
    --_border: var(--revlens-border-color, #38434f);
    --_bar: var(--revlens-bar-color, #6ea2ff);
    --_accent: var(--revlens-accent-color, #fb923c);
    --_good: var(--revlens-good-color, #4ade80);
    --_bad: var(--revlens-bad-color, #ff8f80);
    --_track: var(--revlens-track-color, #26303c);
    --_error: var(--revlens-error-color, #ff8f80);
    --_focus: var(--revlens-focus-color, #93c5fd);
  }
  :host([theme='wall']),
  :host([mode='wall']) {
    --_size: var(--revlens-font-size, 28px);
  }
  :host([theme='wall']) {
    --_fg: var(--revlens-text-color, #ffffff);
    --_muted: var(--revlens-muted-color, #c9d2dc);
    --_bg: var(--revlens-background, #0b0f14);
    --_surface: var(--revlens-surface, #121821);
    --_border: var(--revlens-border-color, #2c3744);
    --_bar: var(--revlens-bar-color, #4c8dff);
    --_accent: var(--revlens-accent-color, #fdba74);
    --_good: var(--revlens-good-color, #4ade80);
    --_bad: var(--revlens-bad-color, #ff8f80);
    --_track: var(--revlens-track-color, #1c2530);
    --_error: var(--revlens-error-color, #ff8f80);
    --_focus: var(--revlens-focus-color, #93c5fd);
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
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.5em;
    align-items: center;
    justify-content: flex-end;
    margin-block-end: 0.25em;
  }
  .toolbar .title {
    margin: 0 auto 0 0;
    font-size: 1em;
    font-weight: 600;
  }
  button {
    font: inherit;
    font-size: 0.8em;
    color: var(--_fg);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 4px;
    padding: 0.2em 0.6em;
    cursor: pointer;
  }
  /* Menus and fields (a breakdown value, a stage, a filter, a target) in the theme's colours, not the browser's. */
  input,
  select {
    font: inherit;
    color: var(--_fg);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 4px;
  }
  :host([mode='wall']) .toolbar button {
    display: none;
  }
  /* Bars (class "grows") grow from their start when drawn, unless the viewer asked for less motion. */
  .grows {
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
    .grows {
      animation: none;
    }
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  svg {
    display: block;
    overflow: visible;
    font-size: var(--_size);
  }
  svg text {
    fill: var(--_fg);
  }
  [role='button'],
  [data-key] {
    cursor: pointer;
  }
  .dimmed {
    opacity: 0.35;
  }
  table.data {
    border-collapse: collapse;
    inline-size: 100%;
    font-size: 0.9em;
  }
  table.data th,
  table.data td {
    border-block-end: 1px solid var(--_border);
    padding: 0.25em 0.5em;
    text-align: start;
  }
  table.data td.num,
  table.data th.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  /* The sheet of charts built for a PNG export: laid out (for sizes and styles) but never seen. */
  svg.sheet {
    position: absolute;
    inset-inline-start: -100000px;
    inset-block-start: 0;
  }
  text.sheet-title {
    font-weight: 600;
  }
  /* Read by screen readers, not drawn. */
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
