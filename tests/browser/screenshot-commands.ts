/**
 * A browser command for the screenshot tests (screenshots.test.ts), run in Node by vitest's Playwright provider.
 *
 * The tests run in an iframe inside vitest's orchestrator page, and the orchestrator scales the iframe down
 * (CSS transform) whenever the size asked with `page.viewport()` does not fit in the orchestrator's own
 * viewport (1280×720 here). A scaled iframe gives scaled screenshots, and whatever lies below the iframe's
 * bottom edge is not painted at all: tall elements come out blank at the bottom. This command sets the
 * orchestrator page's viewport, which a page cannot do for itself, so the iframe can be as tall as the
 * content at scale 1.
 */
import type { BrowserCommand } from 'vitest/node';
import type { Page } from 'playwright-core';

/** Sets the outer (orchestrator) page's viewport; returns the size it had, to restore it afterwards. */
export const outerViewport: BrowserCommand<[number, number]> = async (ctx, width, height) => {
  const page = (ctx as unknown as { page: Page }).page;
  const before = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width, height });
  return before;
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    outerViewport: (width: number, height: number) => Promise<{ width: number; height: number }>;
  }
}
