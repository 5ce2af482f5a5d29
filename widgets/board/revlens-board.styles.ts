import { css } from 'lit';
import { themeStyles } from '../core/theme.styles.ts';

export const boardStyles = [
  themeStyles,
  css`
    :host {
      padding: var(--revlens-board-gap, 1em);
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--revlens-board-min-column, 26em)), 1fr));
      gap: var(--revlens-board-gap, 1em);
      align-items: start;
    }
    ::slotted(*) {
      min-inline-size: 0;
    }
    /* Widgets that need the room get a whole row: small multiples, heatmaps, lists, several panels. */
    ::slotted(revlens-filters),
    ::slotted(revlens-kpi),
    ::slotted(revlens-funnel[by]),
    ::slotted(revlens-cohort),
    ::slotted(revlens-winloss),
    ::slotted(revlens-health),
    ::slotted(.revlens-wide) {
      grid-column: 1 / -1;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em;
      margin-block-end: 0.75em;
    }
    .chip {
      display: inline-flex;
      gap: 0.5em;
      align-items: center;
      border-radius: 999px;
      background: var(--_track);
    }
    .clear {
      border: none;
      background: none;
      text-decoration: underline;
    }
    :host([mode='wall']) .chip span[aria-hidden],
    :host([mode='wall']) .clear {
      display: none;
    }
  `,
];
