/**
 * Browser commands run in Node by vitest's Playwright provider. requestLog sees every request the page
 * and its workers make, which page scripts cannot (a worker's own fetches are invisible to the page);
 * reducedMotion sets a user preference a page cannot set for itself.
 */
import { join } from 'node:path';
import type { BrowserCommand } from 'vitest/node';
import { publishDataset as publish } from '../../scripts/publish-dataset.ts';
import { ROOT } from '../support/paths.ts';
import type { BrowserContext, Page } from 'playwright-core';

const logs = new WeakMap<BrowserContext, string[]>();

/** Starts recording on the first call; returns every URL requested since then. */
export const requestLog: BrowserCommand<[]> = (ctx) => {
  const browser = (ctx as unknown as { context: BrowserContext }).context;
  let log = logs.get(browser);
  if (!log) {
    const urls: string[] = [];
    browser.on('request', (r) => urls.push(r.url()));
    logs.set(browser, (log = urls));
  }
  return [...log];
};

/** Emulates the user setting "reduce motion" (or clears it). */
export const reducedMotion: BrowserCommand<[boolean]> = async (ctx, on) => {
  const page = (ctx as unknown as { page: Page }).page;
  await page.emulateMedia({ reducedMotion: on ? 'reduce' : 'no-preference' });
};

/** Publishes the dataset in tests/.data/<from> as tests/.data/<to>, the way a sync switches (manifest last). */
export const publishDataset: BrowserCommand<[string, string]> = (_ctx, from, to) =>
  publish(join(ROOT, 'tests/.data', from), join(ROOT, 'tests/.data', to));

declare module 'vitest/browser' {
  interface BrowserCommands {
    publishDataset: (from: string, to: string) => Promise<void>;
    requestLog: () => Promise<string[]>;
    reducedMotion: (on: boolean) => Promise<void>;
  }
}
