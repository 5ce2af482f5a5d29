import type { Steps } from '../../metrics/steps.ts';

/** How long work counted ahead runs before it gives way: a click that lands meanwhile waits this long at most. */
const SLICE_MS = 4;

/** Counts a click waits for, in progress (on every dataset of the page): work counted ahead waits while there are any. */
let clicking = 0;
let waiting: (() => void)[] = [];

/** `done` once settled: the next count made ahead may go on. */
export function whileClicking<T>(done: Promise<T>): Promise<T> {
  clicking++;
  const settled = () => {
    if (--clicking) return;
    for (const go of waiting.splice(0)) go();
  };
  done.then(settled, settled);
  return done;
}

/**
 * Counting in steps (metrics/steps.ts) that gives way to clicks. Counted ahead, it runs SLICE_MS at a time, in tasks
 * of its own, and waits while a click's counts run (a click lands in the next task). Once a click waits for it
 * (`hurry`), it runs to its end at once, and so does what it waits for (`pull`).
 */
export class Job {
  private _then: (() => void)[] = [];
  constructor(public urgent: boolean) {}

  hurry(): void {
    if (this.urgent) return;
    this.urgent = true;
    for (const f of this._then.splice(0)) f();
    for (const go of waiting.splice(0)) go();
  }

  /** `other` is what this waits for: hurried with it. */
  pull(other: Job): void {
    if (this.urgent) other.hurry();
    else this._then.push(() => other.hurry());
  }

  async run<T>(steps: Steps<T>): Promise<T> {
    if (!this.urgent && clicking) await this._giveWay();
    for (;;) {
      const end = performance.now() + SLICE_MS;
      for (;;) {
        const next = steps.next();
        if (next.done) return next.value;
        if (!this.urgent && performance.now() >= end) break;
      }
      await nextTask();
      await this._giveWay();
    }
  }

  /** Waits while a click's counts run, unless hurried. */
  private async _giveWay(): Promise<void> {
    while (!this.urgent && clicking) {
      await new Promise<void>((go) => waiting.push(go));
      await nextTask(); // after the drawing that the click's counts started
    }
  }
}

/** A result made by a job: a click that needs it hurries the job. */
export type Paced<T> = Promise<T> & { job: Job };

export function paced<T>(urgent: boolean, work: (job: Job) => Promise<T>): Paced<T> {
  const job = new Job(urgent);
  return Object.assign(work(job), { job });
}

/** Resolves once the next frame is rendered: a task posted from its animation frame runs after its layout and paint. */
export function painted(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => void nextTask().then(resolve)));
}

/** Resolves in a task of its own, after those already queued: a message, which no browser holds back (a hidden tab's timers wait 1 s). */
export function nextTask(): Promise<void> {
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
