import { RevlensWinloss } from './revlens-winloss.ts';

export { RevlensWinloss };

// Defining twice throws; a page may load RevLens from two scripts.
if (!customElements.get('revlens-winloss')) customElements.define('revlens-winloss', RevlensWinloss);

declare global {
  interface HTMLElementTagNameMap {
    'revlens-winloss': RevlensWinloss;
  }
}
