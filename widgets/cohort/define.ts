import { RevlensCohort } from './revlens-cohort.ts';

export { RevlensCohort };

// Defining twice throws; a page may load RevLens from two scripts.
if (!customElements.get('revlens-cohort')) customElements.define('revlens-cohort', RevlensCohort);

declare global {
  interface HTMLElementTagNameMap {
    'revlens-cohort': RevlensCohort;
  }
}
