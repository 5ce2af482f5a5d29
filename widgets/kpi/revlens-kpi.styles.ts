import { css } from 'lit';

/** The KPI row's own looks; themes and shared parts are in core/theme.styles.ts. */
export const kpiStyles = css`
  .period {
    margin: 0 0 0.5em;
    color: var(--_muted);
    font-size: 0.85em;
  }
  /* As many tiles per row as fit at a readable width; the wall theme's larger type makes them wider. */
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 11em), 1fr));
    gap: 0.75em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .tile {
    display: flex;
    flex-direction: column;
    gap: 0.15em;
    min-inline-size: 0;
    padding: 0.75em 1em;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 6px;
  }
  .label {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .value {
    font-size: 1.8em;
    font-weight: 600;
    line-height: 1.15;
    font-variant-numeric: tabular-nums;
  }
  .unit {
    font-size: 0.5em;
    font-weight: 400;
    color: var(--_muted);
  }
  .change {
    font-size: 0.85em;
    font-weight: 600;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .change.good {
    color: var(--_good);
  }
  .change.bad {
    color: var(--_bad);
  }
`;
