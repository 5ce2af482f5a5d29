import { RevlensHealth } from './revlens-health.ts';

export { RevlensHealth };

// Defining twice throws; a page may load RevLens from two scripts.
if (!customElements.get('revlens-health')) customElements.define('revlens-health', RevlensHealth);

declare global {
  interface HTMLElementTagNameMap {
    'revlens-health': RevlensHealth;
  }
}
