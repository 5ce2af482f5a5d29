/**
 * What the stories' play functions share, when stories run as tests (npm test, project "storybook") and in
 * Storybook's Interactions panel: waiting for widgets to settle and reading their shadow DOM.
 */
import { expect, waitFor } from 'storybook/test';
import { RevlensWidget } from '../widgets/core/revlens-widget.ts';

/** The state a story promises its widgets end in (parameters.revlens.expect; default 'ready'). */
export type Settled = 'ready' | 'empty' | 'error';

export const shadow = (el: Element): ShadowRoot => el.shadowRoot!;

/** The RevLens widgets in the story (the board and the filters have no loading state of their own). */
function widgetsIn(root: ParentNode): RevlensWidget<unknown>[] {
  return [...root.querySelectorAll('*')].filter((el): el is RevlensWidget<unknown> => el instanceof RevlensWidget);
}

/** Waits until no widget is loading, then checks that each shows `expected` — and that a ready one drew something. */
export async function settle(root: ParentNode, expected: Settled = 'ready'): Promise<RevlensWidget<unknown>[]> {
  const widgets = widgetsIn(root);
  expect(widgets.length, 'the story shows no widget').toBeGreaterThan(0);
  await waitFor(() => expect(widgets.filter((w) => w.state === 'loading').map((w) => w.localName)).toEqual([]), { timeout: 45_000, interval: 100 });
  for (const w of widgets) {
    const problem = shadow(w).querySelector('[part=error]')?.textContent ?? '';
    expect({ element: w.localName, state: w.state, problem: w.state === expected ? '' : problem }).toEqual({ element: w.localName, state: expected, problem: '' });
    if (expected === 'ready') expect(shadow(w).querySelector('svg, table, [part=tiles]'), `${w.localName} drew nothing`).not.toBeNull();
  }
  return widgets;
}

/** The numbers a chart wrote in the `selector` texts of its shadow DOM (digits only: "1,234" → 1234). */
export function numbersIn(el: Element, selector: string): number[] {
  return [...shadow(el).querySelectorAll(selector)].map((t) => Number(t.textContent!.replace(/[^\d.]/g, '')));
}

/** The buttons a viewer can see in an element (a wall hides its toolbar). */
export function visibleButtons(el: Element): HTMLButtonElement[] {
  return [...shadow(el).querySelectorAll('button')].filter((b) => b.checkVisibility());
}

/** The element `tag` in the story (one only). */
export function one<K extends keyof HTMLElementTagNameMap>(root: ParentNode, tag: K, nth = 0): HTMLElementTagNameMap[K] {
  const el = root.querySelectorAll(tag)[nth];
  expect(el, `no ${tag} in the story`).toBeTruthy();
  return el as HTMLElementTagNameMap[K];
}
