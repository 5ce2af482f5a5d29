/**
 * Strings kept as UTF-8 bytes in one growing buffer, numbered in the order pushed: millions of ids or names
 * as a few large buffers rather than as millions of JS strings. What TextColumn and IdIndex keep text in.
 */
export class Utf8Arena {
  private bytes: Buffer;
  private used = 0;
  /** Per string: where its bytes start (float: an arena may pass 2 GB) and how many there are. */
  private starts = new Float64Array(1024);
  private lengths = new Int32Array(1024);
  size = 0;

  constructor(initialBytes = 1 << 16) {
    this.bytes = Buffer.alloc(initialBytes);
  }

  /** Keeps a string; returns its number. */
  push(value: string): number {
    const n = this.size++;
    if (n === this.starts.length) {
      this.starts = grown(this.starts);
      this.lengths = grown(this.lengths);
    }
    const length = Buffer.byteLength(value, 'utf8');
    if (this.used + length > this.bytes.length) {
      const bigger = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + length));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.bytes.write(value, this.used, 'utf8');
    this.starts[n] = this.used;
    this.lengths[n] = length;
    this.used += length;
    return n;
  }

  /** String n, as a new string of its own (never a slice of anything larger). */
  text(n: number): string {
    const start = this.starts[n]!;
    return this.bytes.toString('utf8', start, start + this.lengths[n]!);
  }

  /** Whether string n is `value`; ASCII values (nearly all ids) compare byte by byte without making a string. */
  equals(n: number, value: string): boolean {
    const start = this.starts[n]!;
    const length = this.lengths[n]!;
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
