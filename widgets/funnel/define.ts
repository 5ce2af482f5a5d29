import { RevlensFunnel } from './revlens-funnel.ts';

export { RevlensFunnel };

// Defining twice throws; a page may load RevLens from two scripts.
if (!customElements.get('revlens-funnel')) customElements.define('revlens-funnel', RevlensFunnel);

declare global {
  interface HTMLElementTagNameMap {
    'revlens-funnel': RevlensFunnel;
  }
}
