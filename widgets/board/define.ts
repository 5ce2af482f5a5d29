import { RevlensBoard } from './revlens-board.ts';

export { RevlensBoard };

// Defining twice throws; a page may load RevLens from two scripts.
if (!customElements.get('revlens-board')) customElements.define('revlens-board', RevlensBoard);

declare global {
  interface HTMLElementTagNameMap {
    'revlens-board': RevlensBoard;
  }
}
