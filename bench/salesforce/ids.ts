/**
 * Salesforce record ids: 15 case-sensitive characters (3-character key prefix naming the object,
 * 2-character pod, a reserved "0", 9 base-62 digits of record number) plus the 3-character suffix
 * that makes the 18-character form case-insensitive. Readers that validate ids, or that key joins on
 * the 15-character prefix, see the real thing.
 */

export const KEY_PREFIX = {
  Lead: '00Q',
  Opportunity: '006',
  OpportunityHistory: '008',
  Account: '001',
  User: '005',
  Contact: '003',
} as const;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const POD = 'bm';

/** The 3-character suffix: for each 5-character chunk, a bit per upper-case letter, as one character. */
export function caseSafeSuffix(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) flags |= 1 << i;
    }
    out += SUFFIX[flags];
  }
  return out;
}

/** Record numbers below this share their first six base-62 digits, so those are built once per run of ids. */
const LOW_SPAN = 62 ** 3;

/** Hands out consecutive ids of one object, as an org does (later records get higher numbers). */
export class IdSequence {
  private n: number;
  private high = -1;
  private highText = '';

  constructor(private readonly prefix: string, start: number) {
    this.n = start;
  }

  next(): string {
    const n = this.n++;
    const high = Math.floor(n / LOW_SPAN);
    if (high !== this.high) {
      let digits = '';
      for (let i = 0, h = high; i < 6; i++, h = Math.floor(h / 62)) digits = BASE62[h % 62] + digits;
      this.high = high;
      this.highText = `${this.prefix}${POD}0${digits}`;
    }
    const low = n - high * LOW_SPAN;
    const id15 = this.highText + BASE62[Math.floor(low / 3844)] + BASE62[Math.floor(low / 62) % 62] + BASE62[low % 62];
    return id15 + caseSafeSuffix(id15);
  }
}
