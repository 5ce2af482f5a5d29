import { own } from './csv.ts';

const normalize = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

/** Looks CRM names up case- and spacing-insensitively; the config's entries win over built-in ones. */
export class StageMap<T extends string> {
  private readonly map = new Map<string, T>();
  private readonly unmappedRows = new Map<string, { name: string; rows: number }>();

  constructor(builtIn: Record<string, T>, configured: Record<string, T>, private readonly fallback: T) {
    for (const [name, target] of [...Object.entries(builtIn), ...Object.entries(configured)]) {
      this.map.set(normalize(name), target);
    }
  }

  /** Whether the map knows a name (without counting it as unmapped when it does not). */
  has(name: string): boolean {
    return this.map.has(normalize(name));
  }

  /** The canonical target of a CRM name; an unknown name gets the fallback and is counted (call once a row). */
  get(name: string): T {
    const key = normalize(name);
    const hit = this.map.get(key);
    if (hit) return hit;
    const seen = this.unmappedRows.get(key);
    if (seen) seen.rows++;
    else this.unmappedRows.set(own(key), { name: own(name), rows: 1 });
    return this.fallback;
  }

  /** Unknown names (as first written) with how many records carry each, however they are spelled. */
  get unmapped(): [string, number][] {
    return [...this.unmappedRows.values()].map(({ name, rows }) => [name, rows]);
  }
}

/** The unmapped names of a map, as the summary lists them. */
export function unmappedOf(object: string, map: StageMap<string>): { object: string; name: string; rows: number }[] {
  return map.unmapped.map(([name, rows]) => ({ object, name, rows }));
}
