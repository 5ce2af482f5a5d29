import { RevlensFilters } from './revlens-filters.ts';

export { RevlensFilters };

// Defining twice throws; a page may load RevLens from two scripts.
if (!customElements.get('revlens-filters')) customElements.define('revlens-filters', RevlensFilters);

declare global {
  interface HTMLElementTagNameMap {
    'revlens-filters': RevlensFilters;
  }
}
