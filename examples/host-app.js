// A host application's own element (no RevLens code): a card whose shadow root holds a <revlens-funnel>.
// Its theme is plain CSS custom properties on the card; RevLens reads --revlens-* through the shadow boundary.
class PortalCard extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `
      :host { display: block; max-width: 720px; padding: 16px; border-radius: 8px; background: #fff7ed;
        --revlens-bar-color: #c2410c; --revlens-text-color: #431407; --revlens-track-color: #fed7aa; }
      h2 { font: 600 18px system-ui, sans-serif; color: #431407; margin: 0 0 8px; }`;
    const heading = document.createElement('h2');
    heading.textContent = this.getAttribute('heading') ?? '';
    const funnel = document.createElement('revlens-funnel');
    funnel.setAttribute('src', this.getAttribute('src') ?? '');
    root.append(style, heading, funnel);
  }
}
customElements.define('portal-card', PortalCard);
