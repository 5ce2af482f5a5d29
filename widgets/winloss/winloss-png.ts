import { download, svgToPng } from '../core/export.ts';
import { fontOf } from './winloss-chart.ts';

const NS = 'http://www.w3.org/2000/svg';

/**
 * The panels stacked into one SVG, with their headings, downloaded as one PNG. The sheet is built inside
 * the element's shadow root (off screen) so that svgToPng can copy the theme's computed styles.
 */
export async function exportSheet(host: HTMLElement, panels: SVGSVGElement[]): Promise<void> {
  const first = panels[0];
  if (!first || !host.shadowRoot) return;
  const font = fontOf(first);
  const sheet = document.createElementNS(NS, 'svg');
  sheet.setAttribute('class', 'sheet');
  let y = 0;
  let width = 0;
  for (const panel of panels) {
    const title = document.createElementNS(NS, 'text');
    title.setAttribute('class', 'sheet-title');
    title.setAttribute('y', String(y + font));
    title.textContent = panel.closest('section')?.querySelector('.panel-title')?.textContent?.trim() ?? '';
    y += font * 2;
    const copy = panel.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('y', String(y));
    sheet.append(title, copy);
    const { width: w, height: h } = panel.getBoundingClientRect();
    y += h + font;
    width = Math.max(width, w);
  }
  sheet.setAttribute('width', String(Math.ceil(width)));
  sheet.setAttribute('height', String(Math.ceil(y)));
  host.shadowRoot.append(sheet);
  try {
    const background = getComputedStyle(host).getPropertyValue('--_bg').trim();
    const png = await svgToPng(sheet, !background || background === 'transparent' ? '#ffffff' : background);
    download(`${host.localName}.png`, png);
  } finally {
    sheet.remove();
  }
}
