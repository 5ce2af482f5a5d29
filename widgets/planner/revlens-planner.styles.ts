import { css } from 'lit';

/** The planner's own looks; themes and shared parts are in core/theme.styles.ts. */
export const plannerStyles = css`
  .target {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em 0.5em;
    margin-block-end: 0.5em;
  }
  .target label {
    font-weight: 600;
  }
  .target input {
    inline-size: 10em;
    max-inline-size: 100%;
    padding: 0.2em 0.4em;
  }
  .hint,
  .summary {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .summary {
    margin: 0 0 0.5em;
  }
`;
