import { describe, expect, it } from 'vitest';
import { funnelRows } from '../../metrics/funnel-columns.ts';
import type { StageFacts } from '../../metrics/journey-columns.ts';
import { finish, type Steps } from '../../metrics/steps.ts';
import { DEFAULT_STAGE_MODEL } from '../../model/stages.ts';
import { Job, nextTask, whileClicking } from '../../widgets/engine/pace.ts';

/** `steps` steps of about 1 ms each, logged as they run: a count made in steps, slow enough to see its slices. */
function* counting(log: string[], steps: number): Steps<number> {
  for (let i = 0; i < steps; i++) {
    const until = performance.now() + 1;
    while (performance.now() < until);
    log.push(`step ${i}`);
    yield;
  }
  return steps;
}

/** A click's counts in progress until `release` is called. */
function click(): () => void {
  let release!: () => void;
  void whileClicking(new Promise<void>((resolve) => (release = resolve)));
  return release;
}

const tasks = async (n: number) => {
  for (let i = 0; i < n; i++) await nextTask();
};

describe('counting ahead gives way to clicks (pace.ts)', () => {
  it('runs a count made ahead a few ms at a time, and not at all while a click counts', async () => {
    const log: string[] = [];
    const done = new Job(false).run(counting(log, 40));
    const firstSlice = log.length;
    // 40 steps of 1 ms do not fit one slice of 4 ms.
    expect(firstSlice).toBeGreaterThan(0);
    expect(firstSlice).toBeLessThan(40);
    const release = click();
    try {
      await tasks(10);
      // The slice that was queued may have run; after it, nothing while the click counts.
      const during = log.length;
      await tasks(10);
      expect(log.length).toBe(during);
      expect(during).toBeLessThan(40);
    } finally {
      release();
    }
    expect(await done).toBe(40);
    expect(log.length).toBe(40);
  });

  it('finishes a count made ahead at once when a click needs it, click or no click', async () => {
    const log: string[] = [];
    const job = new Job(false);
    const done = job.run(counting(log, 40));
    const release = click();
    try {
      await tasks(5);
      expect(log.length).toBeLessThan(40);
      job.hurry();
      await tasks(2);
      expect(log.length).toBe(40);
      expect(await done).toBe(40);
    } finally {
      release();
    }
  });

  it("counts a click's steps in the task that asks, all of them", async () => {
    const log: string[] = [];
    const done = new Job(true).run(counting(log, 40));
    expect(log.length).toBe(40);
    expect(await done).toBe(40);
  });

  it('a count over 40,000 journeys takes steps, and counts what it counts at once', () => {
    // Journey j reached stage (j mod 7) − 1, no time known: -1 (no stage) to 5 (Won).
    const n = 40_000;
    const stages = DEFAULT_STAGE_MODEL.stages.length;
    const deepest = Int8Array.from({ length: n }, (_, j) => (j % 7) - 1);
    const facts: StageFacts = { journeys: n, stages, deepest, times: new Float64Array(n * stages).fill(NaN), untimed: new Uint8Array(n * stages), lastEvent: new Float64Array(n).fill(NaN), orphans: 0 };
    const steps = funnelRows(facts, null, {}, DEFAULT_STAGE_MODEL);
    let taken = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) taken++;
    expect(taken).toBeGreaterThanOrEqual(2); // at least every 16,384 journeys
    // Counted another way: journeys whose deepest stage is at or past each stage.
    const reached = DEFAULT_STAGE_MODEL.stages.map((_, i) => deepest.filter((d) => d >= i).length);
    expect(next.value.map((r) => Number(r.reached))).toEqual(reached);
    expect(finish(funnelRows(facts, null, {}, DEFAULT_STAGE_MODEL)).map((r) => Number(r.reached))).toEqual(reached);
  });

  it('hurries what a job waits for with it', () => {
    const count = new Job(false);
    const selection = new Job(false);
    count.pull(selection);
    expect(selection.urgent).toBe(false);
    count.hurry();
    expect(selection.urgent).toBe(true);
    // Pulled by a job already hurried: hurried at once.
    const later = new Job(false);
    count.pull(later);
    expect(later.urgent).toBe(true);
  });
});
