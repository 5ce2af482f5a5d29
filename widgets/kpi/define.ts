import { RevlensKpi } from './revlens-kpi.ts';

export { RevlensKpi };

// Defining twice throws; a page may load RevLens from two scripts.
if (!customElements.get('revlens-kpi')) customElements.define('revlens-kpi', RevlensKpi);

declare global {
  interface HTMLElementTagNameMap {
    'revlens-kpi': RevlensKpi;
  }
}
