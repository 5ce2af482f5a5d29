/**
 * Screenshot comparison: every chart element (tests/browser/elements.ts) and a whole board with its filters,
 * in each theme and locale, over the demo dataset (generated with a fixed seed, so its numbers and as-of never
 * change), compared with the reference images in __screenshots__/screenshots.test.ts/ by vitest's built-in
 * toMatchScreenshot (pixelmatch).
 *
 * Rendering is made deterministic: fixed widths (720px per element, 1200px for the board), fixed fonts
 * (DejaVu Sans with Noto Sans CJK SC for Chinese, both installed here), reduced motion (no bar animations),
 * every element's revlens-load awaited plus two animation frames, caret hidden (toMatchScreenshot's default).
 *
 * A missing reference is written and reported as a failure ("review it"); after a deliberate change to the
 * looks, review the new images and rewrite them with `npx vitest run --project browser -u tests/browser/screenshots.test.ts`.
 * Each test compares all of its images before failing, so one run reports (and, when missing, writes) them all.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { commands, page } from 'vitest/browser';
import '../../widgets/index.ts';
import { ELEMENTS } from './elements.ts';
import { loaded } from './mount.ts';

const DEMO = '/tests/.data/demo/manifest.json';
const THEMES = ['light', 'dark', 'wall'] as const;
const LOCALES = ['en', 'zh-CN'] as const;
const FONT = "'DejaVu Sans', 'Noto Sans CJK SC', sans-serif";

/**
 * pixelmatch already skips the pixels it sees as anti-aliasing; on top of that a pixel may differ by its
 * default colour threshold (0.1) and a few dozen pixels may differ in all. An absolute count, not a ratio,
 * so a changed number is caught on a 16000-pixel-tall wall board as well as on a KPI row.
 */
const MATCH = {
  comparatorName: 'pixelmatch',
  comparatorOptions: { threshold: 0.1, allowedMismatchedPixels: 30 },
  timeout: 10_000,
} as const;

const WIDTH = 1280;
let holder: HTMLElement | undefined;
let restore: { outer: { width: number; height: number }; inner: { width: number; height: number } } | undefined;

beforeAll(async () => {
  await commands.reducedMotion(true);
  const inner = { width: window.innerWidth, height: window.innerHeight };
  restore = { outer: await commands.outerViewport(WIDTH, 720), inner };
  await page.viewport(WIDTH, 720);
});
afterAll(async () => {
  await commands.reducedMotion(false);
  if (restore) {
    await commands.outerViewport(restore.outer.width, restore.outer.height);
    await page.viewport(restore.inner.width, restore.inner.height);
  }
});

afterEach(() => {
  holder?.remove();
  holder = undefined;
  history.replaceState(null, '', location.pathname);
});

const frames = async (n = 2) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};

/**
 * Makes the test's iframe (and the page around it, see screenshot-commands.ts) as tall as the content, at
 * scale 1: what lies below the iframe's edge is not painted, and a scaled iframe gives scaled screenshots.
 */
async function fitViewport(root: HTMLElement): Promise<void> {
  const height = Math.max(720, Math.ceil(root.getBoundingClientRect().bottom + window.scrollY) + 16);
  await commands.outerViewport(WIDTH, height);
  await page.viewport(WIDTH, height);
  window.scrollTo(0, 0);
  await frames();
}

/** A container of fixed width, fonts and language; its content is given as HTML. */
function mount(locale: string, width: number, inner: string): HTMLElement {
  holder = document.createElement('div');
  holder.lang = locale;
  holder.style.cssText = `inline-size: ${width}px; --revlens-font-family: ${FONT}; font-family: ${FONT}; background: #ffffff;`;
  holder.innerHTML = inner;
  return holder;
}

/** Compares each [name, element] with its reference; returns what did not match (the test fails on them at its end). */
async function compare(shots: [string, Element][]): Promise<string[]> {
  const failures: string[] = [];
  for (const [name, el] of shots) {
    try {
      await expect.element(page.elementLocator(el)).toMatchScreenshot(name, MATCH);
    } catch (e) {
      failures.push(`${name}: ${(e instanceof Error ? e.message : String(e)).split('\n').filter(Boolean).slice(0, 3).join(' ')}`);
    }
  }
  return failures;
}

describe('screenshots (demo dataset)', () => {
  for (const theme of THEMES) {
    for (const locale of LOCALES) {
      test(`${theme} theme, ${locale}`, async () => {
        // Every element on its own, one below the other, each 720px wide.
        const root = mount(
          locale,
          720,
          ELEMENTS.map((e) => e.html.replace('>', ` src="${DEMO}" theme="${theme}" locale="${locale}">`)).join('<div style="block-size: 8px"></div>'),
        );
        const widgets = ELEMENTS.map((e) => root.querySelector(e.tag)!);
        const done = loaded(...widgets);
        document.body.append(root);
        await done;
        await fitViewport(root);
        const failures = await compare(widgets.map((el, i) => [`${ELEMENTS[i]!.tag.replace(/\[(\w+)\]/, '-$1')}-${theme}-${locale}`, el]));
        // The board as a whole is covered by the board and a11y tests; its images would be ~10 MB more here.
        expect(failures).toEqual([]);
      });
    }
  }
});
