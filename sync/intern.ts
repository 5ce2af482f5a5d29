/**
 * A copy of a string that does not keep a chunk alive. Parsed fields are slices of a whole decoded
 * chunk (megabytes), and a slice kept in a long-lived map keeps its chunk: anything kept past its
 * record (ids in maps, retained records) goes through here.
 */
export function own(text: string): string {
  return text === '' ? '' : Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * One shared copy of each repeated value of a column (a stage name, a currency, an owner), so that a
 * million kept records do not hold a million copies of "Closed Won". A column whose values turn out
 * mostly distinct (names, ids) stops being pooled: there a pool would only cost memory.
 */
export class Interner {
  private readonly pool = new Map<string, string>();
  private seen = 0;
  private pooling = true;

  get(value: string): string {
    if (value === '') return '';
    if (!this.pooling) return own(value);
    const hit = this.pool.get(value);
    if (hit !== undefined) return hit;
    const copy = own(value);
    this.pool.set(copy, copy);
    if (++this.seen >= 1000 && this.pool.size > this.seen * 0.5) {
      this.pooling = false;
      this.pool.clear();
    }
    return copy;
  }
}

/** Interners by column name: what a file's kept records share. */
export class Interners {
  private readonly byColumn = new Map<string, Interner>();

  of(column: string): Interner {
    let interner = this.byColumn.get(column);
    if (!interner) this.byColumn.set(column, (interner = new Interner()));
    return interner;
  }
}
