import { RevlensFunnel } from './funnel/revlens-funnel.ts';

export { RevlensFunnel };
export { openDataset, closeDataset, getDuckDB, type Dataset } from './engine/index.ts';

// Defining twice throws; a page may load this module from two scripts.
if (!customElements.get('revlens-funnel')) customElements.define('revlens-funnel', RevlensFunnel);

declare global {
  interface HTMLElementTagNameMap {
    'revlens-funnel': RevlensFunnel;
  }
}
