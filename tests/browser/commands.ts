/**
 * Browser commands run in Node by vitest's Playwright provider. requestLog sees every request the page
 * and its workers make, which page scripts cannot (a worker's own fetches are invisible to the page);
 * reducedMotion sets a user preference a page cannot set for itself.
 */
import { copyFile, mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserCommand } from 'vitest/node';
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

/**
 * Publishes the dataset in tests/.data/<from> as tests/.data/<to>, the way a sync does: the data files
 * first (their names are their content), manifest.json last by rename, so a reader never sees half of it.
 */
export const publishDataset: BrowserCommand<[string, string]> = async (_ctx, from, to) => {
  const src = join(ROOT, 'tests/.data', from);
  const dst = join(ROOT, 'tests/.data', to);
  await mkdir(dst, { recursive: true });
  for (const name of await readdir(src)) if (name !== 'manifest.json') await copyFile(join(src, name), join(dst, name));
  await copyFile(join(src, 'manifest.json'), join(dst, 'manifest.json.tmp'));
  await rename(join(dst, 'manifest.json.tmp'), join(dst, 'manifest.json'));
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    publishDataset: (from: string, to: string) => Promise<void>;
    requestLog: () => Promise<string[]>;
    reducedMotion: (on: boolean) => Promise<void>;
  }
}
