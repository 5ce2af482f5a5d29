import { css } from 'lit';

/** The health element's own looks; themes and shared parts are in core/theme.styles.ts. */
export const healthStyles = css`
  .health {
    display: grid;
    gap: 1em;
  }
  section {
    min-inline-size: 0;
  }
  .subtitle {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }
  .flow-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    align-items: baseline;
    justify-content: space-between;
  }
  .stage-select {
    font-size: 0.9em;
    color: var(--_muted);
  }
  select {
    margin-inline-start: 0.25em;
  }
  .stage-line {
    margin: 0.25em 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
    align-items: baseline;
  }
  .muted,
  .note {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .note {
    margin: 0.25em 0 0;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
    margin: 0 0 0.25em;
    padding: 0;
    list-style: none;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .swatch {
    display: inline-block;
    inline-size: 0.8em;
    block-size: 0.8em;
    margin-inline-end: 0.3em;
    vertical-align: -0.05em;
  }
  .swatch.inflow,
  rect.inflow {
    fill: var(--_bar);
    background: var(--_bar);
  }
  .swatch.advanced,
  rect.advanced {
    fill: var(--_good);
    background: var(--_good);
  }
  .swatch.lost,
  rect.lost {
    fill: var(--_bad);
    background: var(--_bad);
  }
  svg text {
    dominant-baseline: central;
  }
  g.tick line {
    stroke: var(--_track);
  }
  g.tick text {
    fill: var(--_muted);
    font-size: 0.75em;
    text-anchor: end;
  }
  line.zero {
    stroke: var(--_fg);
  }
  text.count,
  text.axis {
    text-anchor: middle;
    font-size: 0.75em;
  }
  text.axis {
    fill: var(--_muted);
  }

  /* The list scrolls sideways in a narrow container instead of squeezing its numbers. */
  .scroll {
    overflow-x: auto;
  }
  table.stagnant caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.25em;
  }
  /* Headers and names wrap between words, so the list fits its box (a wall cannot scroll); only a box too
     narrow for the numbers themselves scrolls. */
  table.stagnant th {
    vertical-align: bottom;
  }
  /* Short words (headers, owners, stage names) never break inside: CJK text may otherwise break anywhere. */
  table.stagnant :is(th, .pick) {
    word-break: keep-all;
  }
  table.stagnant td.journey {
    min-inline-size: 6em;
    max-inline-size: 18em;
  }
  /* In a box under 40 of its own ems (a wall's large type, a narrow column) the two columns that repeat the
     stage line's median are left out; the table view and the CSV keep them. */
  .scroll {
    container-type: inline-size;
  }
  @container (inline-size < 40em) {
    table.stagnant :is(th[data-sort='median_days'], th[data-sort='ratio'], td.median, td.ratio) {
      display: none;
    }
  }
  button.sort {
    font: inherit;
    font-weight: 600;
    border: none;
    background: none;
    padding: 0;
  }
  /* Inline, right after the label: a header that wraps keeps its arrow with its last word. */
  .arrow {
    padding-inline-start: 0.15em;
    font-size: 0.8em;
  }
  .pick {
    font: inherit;
    border: none;
    background: none;
    padding: 0;
    text-align: start;
    text-decoration: underline dotted;
  }
  .stage-line .pick {
    font-weight: 600;
  }
  .pick[aria-pressed='true'] {
    color: var(--_accent);
    text-decoration: underline solid;
    font-weight: 600;
  }
`;
