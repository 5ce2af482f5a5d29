import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../sync/id-index.ts';

describe('IdIndex', () => {
  it('numbers ids as a Map would, for any ids (ASCII, Chinese, empty, repeated)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('006A', '006a', '客户一', '')), { maxLength: 400 }), (ids) => {
        const index = new IdIndex();
        const map = new Map<string, number>();
        for (const id of ids) {
          const { slot, existed } = index.add(id);
          expect(existed).toBe(map.has(id));
          if (!existed) map.set(id, slot);
          expect(slot).toBe(map.get(id));
        }
        expect(index.size).toBe(map.size);
        for (const [id, slot] of map) expect(index.get(id)).toBe(slot);
        expect(index.get('never added \u0000')).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('holds a million ids and finds each', () => {
    const index = new IdIndex();
    for (let i = 0; i < 1_000_000; i++) index.add(`00Q${i.toString(36).padStart(15, '0')}`);
    expect(index.size).toBe(1_000_000);
    expect(index.get(`00Q${(123_456).toString(36).padStart(15, '0')}`)).toBe(123_456);
    expect(index.add(`00Q${(999_999).toString(36).padStart(15, '0')}`)).toEqual({ slot: 999_999, existed: true });
  });
});
