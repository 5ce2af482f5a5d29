import { Utf8Arena, grown } from './utf8-arena.ts';

/**
 * A column of text values kept for later (a million opportunity names, account regions) in a few
 * large buffers rather than as millions of JS strings: each row holds a code, each distinct value is
 * stored once as UTF-8 bytes. Repeated values (stage names, countries) are found in a pool and share
 * a code; a column whose values turn out mostly distinct (names, ids) stops pooling: there a pool
 * would only cost memory.
 */
export class TextColumn {
  /** Per row: the code of its value, or -1 for none. */
  private codes = new Int32Array(1024);
  /** Per code: its value's bytes. */
  private readonly arena = new Utf8Arena();
  /** Pooled values by code, so that reading them makes no new string. */
  private readonly strings: string[] = [];
  private pool: Map<string, number> | null = new Map();
  size = 0;

  /** Whether repeated values still share one copy (false once the column proved mostly distinct; for tests). */
  get pooling(): boolean {
    return this.pool !== null;
  }

  push(value: string | null | undefined): void {
    if (this.size === this.codes.length) this.codes = grown(this.codes);
    this.codes[this.size++] = value === null || value === undefined ? -1 : this.codeOf(value);
  }

  get(row: number): string | null {
    const code = this.codes[row]!;
    if (code === -1) return null;
    return this.strings[code] ?? this.arena.text(code);
  }

  private codeOf(value: string): number {
    const pooled = this.pool?.get(value);
    if (pooled !== undefined) return pooled;
    const code = this.arena.push(value);
    if (this.pool) {
      // An own copy (not the caller's string, which may be a slice of a whole chunk of the file).
      const copy = this.arena.text(code);
      this.strings[code] = copy;
      this.pool.set(copy, code);
      if (this.size >= 1000 && this.pool.size > this.size * 0.5) this.pool = null;
    }
    return code;
  }
}

/** Numbers by row (times, amounts), set in any order; null is kept as NaN, which no parsed value is. */
export class NumberColumn {
  private values = new Float64Array(1024).fill(NaN);

  get(row: number): number | null {
    const v = this.values[row];
    return v === undefined || Number.isNaN(v) ? null : v;
  }

  set(row: number, value: number | null): void {
    while (row >= this.values.length) {
      const length = this.values.length;
      this.values = grown(this.values);
      this.values.fill(NaN, length);
    }
    this.values[row] = value ?? NaN;
  }
}

/** Small whole numbers by row (codes of a short list of names), set in any order; -1 for none. */
export class CodeColumn {
  private values = new Int32Array(1024).fill(-1);

  get(row: number): number {
    return this.values[row] ?? -1;
  }

  set(row: number, code: number): void {
    while (row >= this.values.length) {
      const length = this.values.length;
      this.values = grown(this.values);
      this.values.fill(-1, length);
    }
    this.values[row] = code;
  }
}
