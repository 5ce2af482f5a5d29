/**
 * CSV and PNG downloads of what an element shows. CRM text may start with = + - @: such cells are
 * prefixed with ' so a spreadsheet shows them as text instead of running them as formulas.
 */
export type Cell = string | number | null;

export interface Column {
  label: string;
  /** How a number shows on screen (the CSV keeps the plain number). */
  format?: (v: Cell) => string;
}

export interface DataTable {
  columns: Column[];
  rows: Cell[][];
}

export function toCsv(table: DataTable): string {
  const cell = (v: Cell) => {
    if (v === null) return '';
    let s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  // A BOM so that Excel reads UTF-8 (Chinese labels) without asking.
  return `\uFEFF${[table.columns.map((c) => c.label), ...table.rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * An SVG drawn as a PNG: computed styles are copied inline (the shadow root's stylesheet does not travel
 * with the SVG), then the SVG is rendered into a canvas at the screen's pixel ratio.
 */
export async function svgToPng(svg: SVGSVGElement, background: string): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  const props = ['fill', 'stroke', 'stroke-width', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'transform', 'transform-origin'];
  from.forEach((el, i) => {
    const style = getComputedStyle(el);
    (to[i] as SVGElement).setAttribute('style', props.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';'));
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.style.animation = 'none';
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = window.devicePixelRatio || 1;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

const NS = 'http://www.w3.org/2000/svg';

/**
 * Several charts stacked into one SVG, each under its heading (the nearest section's heading), as one PNG.
 * The sheet is built inside `root` (off screen) so that svgToPng can copy the theme's computed styles.
 */
export async function chartsToPng(root: ShadowRoot | HTMLElement, charts: SVGSVGElement[], background: string): Promise<Blob | null> {
  const first = charts[0];
  if (!first) return null;
  const font = parseFloat(getComputedStyle(first).fontSize) || 14;
  const sheet = document.createElementNS(NS, 'svg');
  sheet.setAttribute('class', 'sheet');
  let y = 0;
  let width = 0;
  for (const chart of charts) {
    const heading = chart.closest('section')?.querySelector('[role="heading"], h2, h3, h4')?.textContent?.trim();
    if (heading) {
      const title = document.createElementNS(NS, 'text');
      title.setAttribute('class', 'sheet-title');
      title.setAttribute('y', String(y + font));
      title.textContent = heading;
      sheet.append(title);
      y += font * 2;
    }
    const copy = chart.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('y', String(y));
    sheet.append(copy);
    const { width: w, height: h } = chart.getBoundingClientRect();
    y += h + font;
    width = Math.max(width, w);
  }
  sheet.setAttribute('width', String(Math.ceil(width)));
  sheet.setAttribute('height', String(Math.ceil(y)));
  root.append(sheet);
  try {
    return await svgToPng(sheet, background);
  } finally {
    sheet.remove();
  }
}

/**
 * HTML boxes (the KPI tiles) as a PNG: each `boxes` element's background and border, and the text of the
 * `texts` elements inside it, drawn on a canvas where the page laid them out, in their computed styles.
 */
export async function boxesToPng(root: HTMLElement, boxes: string, texts: string, background: string): Promise<Blob | null> {
  const box = root.getBoundingClientRect();
  const scale = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(box.width * scale);
  canvas.height = Math.ceil(box.height * scale);
  const g = canvas.getContext('2d')!;
  g.scale(scale, scale);
  g.fillStyle = background;
  g.fillRect(0, 0, box.width, box.height);
  g.textBaseline = 'top';
  for (const tile of root.querySelectorAll<HTMLElement>(boxes)) {
    const t = tile.getBoundingClientRect();
    const s = getComputedStyle(tile);
    g.fillStyle = s.backgroundColor;
    g.fillRect(t.left - box.left, t.top - box.top, t.width, t.height);
    g.strokeStyle = s.borderTopColor;
    g.strokeRect(t.left - box.left + 0.5, t.top - box.top + 0.5, t.width - 1, t.height - 1);
    for (const el of tile.querySelectorAll<HTMLElement>(texts)) {
      const e = el.getBoundingClientRect();
      const es = getComputedStyle(el);
      g.font = `${es.fontWeight} ${es.fontSize} ${es.fontFamily}`;
      g.fillStyle = es.color;
      g.fillText(el.textContent ?? '', e.left - box.left, e.top - box.top, t.right - e.left);
    }
  }
  return new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
}
