/**
 * Wall display: a board in wall mode picks up a new sync published on disk and redraws without a blank
 * frame; an unchanged or broken publication leaves the numbers as they are.
 */
import { afterEach, expect, inject, test } from 'vitest';
import { commands } from 'vitest/browser';
import '../../widgets/index.ts';
import type { RevlensBoard, RevlensFunnel } from '../../widgets/index.ts';
import { loaded } from './mount.ts';

const LIVE = '/tests/.data/live/manifest.json';
const DEVORG_COUNTS = [53, 36, 36, 36, 12, 12]; // hand counts (revlens-funnel.test.ts)

let board: RevlensBoard | undefined;
afterEach(() => board?.remove());

const counts = (el: RevlensFunnel) =>
  [...el.shadowRoot!.querySelectorAll('svg g.stage text.count')].map((t) => Number(t.textContent!.replace(/\D/g, '')));

/** Checks every animation frame that each funnel shows bars; returns the frames that did not. */
function watchFrames(funnels: RevlensFunnel[]): { stop(): { frames: number; blank: number } } {
  let frames = 0;
  let blank = 0;
  let on = true;
  const tick = () => {
    if (!on) return;
    frames++;
    if (funnels.some((f) => f.shadowRoot!.querySelectorAll('svg g.stage').length === 0)) blank++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return { stop: () => ((on = false), { frames, blank }) };
}

test('a new sync on disk replaces the numbers with no blank frame; unchanged and broken ones change nothing', async () => {
  await commands.publishDataset('devorg', 'live');
  const holder = document.createElement('div');
  holder.innerHTML = `<revlens-board src="${LIVE}" mode="wall" theme="wall" refresh="3600">
    <revlens-funnel></revlens-funnel><revlens-funnel locale="zh-CN"></revlens-funnel></revlens-board>`;
  board = holder.firstElementChild as RevlensBoard;
  const funnels = [...board.querySelectorAll('revlens-funnel')];
  const drawn = loaded(...funnels);
  document.body.append(board);
  await drawn;
  expect(funnels.map(counts)).toEqual([DEVORG_COUNTS, DEVORG_COUNTS]);
  expect(funnels[0]!.getAttribute('mode')).toBe('wall');
  expect(funnels[0]!.shadowRoot!.querySelector('button')).not.toBeNull();
  expect(getComputedStyle(funnels[0]!.shadowRoot!.querySelector('button')!).display).toBe('none'); // no buttons on a wall

  expect(await board.checkForNewData()).toBe(false); // nothing new yet

  await commands.publishDataset('demo', 'live');
  const watch = watchFrames(funnels);
  expect(await board.checkForNewData()).toBe(true);
  await Promise.all(funnels.map((f) => f.updateComplete));
  await new Promise((r) => requestAnimationFrame(r));
  const { frames, blank } = watch.stop();
  expect(frames).toBeGreaterThan(0);
  expect(blank).toBe(0);
  const demo = inject('demoFunnel').map((r) => r.reached);
  expect(funnels.map(counts)).toEqual([demo, demo]);

  // A publication whose files do not match its manifest is skipped: the wall keeps the last good numbers.
  await commands.publishDataset('bad-checksum', 'live');
  expect(await board.checkForNewData()).toBe(false);
  expect(funnels.map(counts)).toEqual([demo, demo]);
});
