/**
 * A set of ids, each numbered in the order added, held in a few large buffers rather than as millions
 * of strings in a Map (which costs a 5-million-lead export some 300 MB). Exact: ids whose hashes meet
 * are compared in full.
 */
export class IdIndex {
  private arena = Buffer.alloc(1 << 20);
  private used = 0;
  private starts: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private lengths: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private table = new Int32Array(2048).fill(-1);
  private hashes: Int32Array<ArrayBuffer> = new Int32Array(1024);
  size = 0;

  /** The id's number, or -1 when it has not been added. */
  get(id: string): number {
    const h = hash(id);
    const mask = this.table.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const slot = this.table[i]!;
      if (slot === -1) return -1;
      if (this.hashes[slot] === h && this.equals(slot, id)) return slot;
    }
  }

  /** Adds the id if new; returns its number either way, and whether it was there already. */
  add(id: string): { slot: number; existed: boolean } {
    const h = hash(id);
    let mask = this.table.length - 1;
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const slot = this.table[i]!;
      if (slot === -1) break;
      if (this.hashes[slot] === h && this.equals(slot, id)) return { slot, existed: true };
    }
    const slot = this.size++;
    this.store(slot, id, h);
    if (this.size * 2 > this.table.length) {
      this.grow();
      mask = this.table.length - 1;
      for (i = h & mask; this.table[i] !== -1; i = (i + 1) & mask);
    }
    this.table[i] = slot;
    return { slot, existed: false };
  }

  private store(slot: number, id: string, h: number): void {
    if (slot >= this.starts.length) {
      this.starts = grown(this.starts);
      this.lengths = grown(this.lengths);
      this.hashes = grown(this.hashes);
    }
    const bytes = Buffer.byteLength(id, 'utf8');
    if (this.used + bytes > this.arena.length) {
      const bigger = Buffer.alloc(Math.max(this.arena.length * 2, this.used + bytes));
      this.arena.copy(bigger, 0, 0, this.used);
      this.arena = bigger;
    }
    this.arena.write(id, this.used, 'utf8');
    this.starts[slot] = this.used;
    this.lengths[slot] = bytes;
    this.hashes[slot] = h;
    this.used += bytes;
  }

  private equals(slot: number, id: string): boolean {
    const start = this.starts[slot]!;
    const length = this.lengths[slot]!;
    // ASCII ids (nearly all) compare byte by byte without making a string.
    if (length === id.length) {
      let ascii = true;
      for (let k = 0; k < length; k++) {
        const c = id.charCodeAt(k);
        if (c > 0x7f) {
          ascii = false;
          break;
        }
        if (this.arena[start + k] !== c) return false;
      }
      if (ascii) return true;
    }
    return this.arena.toString('utf8', start, start + length) === id;
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let slot = 0; slot < this.size - 1; slot++) {
      let i = this.hashes[slot]! & mask;
      while (table[i] !== -1) i = (i + 1) & mask;
      table[i] = slot;
    }
    this.table = table;
  }
}

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** FNV-1a over the string's UTF-16 code units, mixed so that close ids spread over the table. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h & 0x7fffffff;
}
