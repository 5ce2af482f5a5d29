import { Utf8Arena, grown } from './utf8-arena.ts';

/**
 * A set of ids, each numbered in the order added, held in a few large buffers rather than as millions
 * of strings in a Map (which costs a 5-million-lead export some 300 MB). Exact: ids whose hashes meet
 * are compared in full.
 */
export class IdIndex {
  /** The ids, numbered as added: an id's number is its slot. */
  private readonly arena = new Utf8Arena(1 << 20);
  private table = new Int32Array(2048).fill(-1);
  private hashes = new Int32Array(1024);

  get size(): number {
    return this.arena.size;
  }

  /** The id's number, or -1 when it has not been added. */
  get(id: string): number {
    const h = hash(id);
    const mask = this.table.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const slot = this.table[i]!;
      if (slot === -1) return -1;
      if (this.hashes[slot] === h && this.arena.equals(slot, id)) return slot;
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
      if (this.hashes[slot] === h && this.arena.equals(slot, id)) return { slot, existed: true };
    }
    const slot = this.arena.push(id);
    if (slot === this.hashes.length) this.hashes = grown(this.hashes);
    this.hashes[slot] = h;
    if (this.size * 2 > this.table.length) {
      this.grow();
      mask = this.table.length - 1;
      for (i = h & mask; this.table[i] !== -1; i = (i + 1) & mask);
    }
    this.table[i] = slot;
    return { slot, existed: false };
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
