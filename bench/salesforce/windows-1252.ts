/**
 * Windows-1252, the encoding of Salesforce's weekly data export. Node's TextEncoder only writes
 * UTF-8, so this encodes explicitly: Latin-1 for U+0000–U+007F and U+00A0–U+00FF, and the table below
 * for the typographic characters 1252 puts at 0x80–0x9F. Anything else throws: a name that cannot be
 * written must be caught in the generator, not turned into "?" in a fixture.
 */

const HIGH: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86],
  [0x2021, 0x87], [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c],
  [0x017d, 0x8e], [0x2018, 0x91], [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95],
  [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98], [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b],
  [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
]);

export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  writeWindows1252(text, out, 0);
  return out;
}

/** Writes `text` into `target` at `offset` (one byte per character); returns the bytes written. */
export function writeWindows1252(text: string, target: Uint8Array, offset: number): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) {
      target[offset + i] = c;
      continue;
    }
    const b = HIGH.get(c);
    if (b === undefined) {
      const at = text.slice(Math.max(0, i - 30), i + 10).replace(/\r?\n/g, '⏎');
      const code = c.toString(16).toUpperCase().padStart(4, '0');
      throw new Error(`cannot write "${text[i]}" (U+${code}) in Windows-1252, near "${at}"`);
    }
    target[offset + i] = b;
  }
  return text.length;
}
