/**
 * Strings kept as UTF-8 bytes in one growing buffer, numbered in the order pushed: millions of ids or names
 * as a few large buffers rather than as millions of JS strings. What TextColumn and IdIndex keep text in.
 */
export class Utf8Arena {
  private bytes: Buffer;
  private used = 0;
  /**
   * Per string, where its bytes end (float: an arena may pass 2 GB); string n starts where n − 1 ends, as they are
   * pushed end to end. 8 bytes a string: at five million lead ids every byte counts.
   */
  private ends = new Float64Array(1024);
  size = 0;

  constructor(initialBytes = 1 << 16) {
    this.bytes = Buffer.alloc(initialBytes);
  }

  /** Keeps a string; returns its number. */
  push(value: string): number {
    const n = this.size++;
    if (n === this.ends.length) this.ends = grown(this.ends);
    const length = Buffer.byteLength(value, 'utf8');
    if (this.used + length > this.bytes.length) {
      const bigger = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + length));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.bytes.write(value, this.used, 'utf8');
    this.used += length;
    this.ends[n] = this.used;
    return n;
  }

  private start(n: number): number {
    return n === 0 ? 0 : this.ends[n - 1]!;
  }

  /** String n, as a new string of its own (never a slice of anything larger). */
  text(n: number): string {
    return this.bytes.toString('utf8', this.start(n), this.ends[n]!);
  }

  /** Whether string n is `value`; ASCII values (nearly all ids) compare byte by byte without making a string. */
  equals(n: number, value: string): boolean {
    const start = this.start(n);
    const length = this.ends[n]! - start;
    if (length === value.length) {
      let ascii = true;
      for (let k = 0; k < length; k++) {
        const c = value.charCodeAt(k);
        if (c > 0x7f) {
          ascii = false;
          break;
        }
        if (this.bytes[start + k] !== c) return false;
      }
      if (ascii) return true;
    }
    return this.text(n) === value;
  }
}

/** A typed array twice as long, with the same values first. */
export function grown<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
