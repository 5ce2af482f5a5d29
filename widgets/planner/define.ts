import { RevlensPlanner } from './revlens-planner.ts';

export { RevlensPlanner };

// Defining twice throws; a page may load RevLens from two scripts.
if (!customElements.get('revlens-planner')) customElements.define('revlens-planner', RevlensPlanner);

declare global {
  interface HTMLElementTagNameMap {
    'revlens-planner': RevlensPlanner;
  }
}
