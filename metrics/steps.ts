/**
 * A count over many journeys, in steps: a generator that yields every STEP + 1 rows, so that a count a page makes
 * ahead of a click can give way to the click (widgets/engine/pace.ts). `finish` runs one to its end at once.
 */
export type Steps<T> = Generator<void, T, void>;

/** Rows between steps, less one (a mask: `(s & STEP) === STEP` every 16,384 rows, under a millisecond of counting). */
export const STEP = 0x3fff;

/** The result of `steps`, counted at once. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
