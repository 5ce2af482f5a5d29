/**
 * axe-core over a whole board (every element, inside their shadow roots) in each theme and locale:
 * no violations — names, roles, contrast, keyboard reachability.
 */
import axe from 'axe-core';
import { afterEach, describe, expect, test } from 'vitest';
import '../../widgets/index.ts';
import { ELEMENTS } from './elements.ts';
import { loaded } from './mount.ts';

const DEMO = '/tests/.data/demo/manifest.json';
let holder: HTMLElement | undefined;
afterEach(() => {
  holder?.remove();
  history.replaceState(null, '', location.pathname);
});

async function mountBoard(theme: string, locale: string): Promise<HTMLElement> {
  holder = document.createElement('main');
  holder.lang = locale;
  holder.innerHTML = `<h1>Board</h1><revlens-board src="${DEMO}" theme="${theme}" locale="${locale}">
    <revlens-filters></revlens-filters>${ELEMENTS.map((e) => e.html).join('')}</revlens-board>`;
  const widgets = ELEMENTS.map((e) => holder!.querySelector(e.tag)!);
  const done = loaded(...widgets, holder.querySelector('revlens-filters')!);
  document.body.append(holder);
  await done;
  await new Promise((r) => setTimeout(r, 450)); // bar animations end: axe measures the final colours
  return holder;
}

function describeViolations(results: axe.AxeResults): string[] {
  return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

describe('accessibility (axe-core)', () => {
  for (const theme of ['light', 'dark', 'wall']) {
    for (const locale of ['en', 'zh-CN']) {
      test(`board, ${theme} theme, ${locale}`, async () => {
        const root = await mountBoard(theme, locale);
        const results = await axe.run(root, { resultTypes: ['violations'] });
        expect(describeViolations(results)).toEqual([]);
      });
    }
  }
});
