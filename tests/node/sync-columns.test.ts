import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeColumn, NumberColumn, TextColumn } from '../../sync/columns.ts';

describe('the columns sync keeps records in until the journeys are built', () => {
  it('TextColumn gives back every value as pushed (repeated, distinct, empty, none, Chinese)', () => {
    const value = fc.option(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('Closed Won', '上海', ''), fc.uuid()), { nil: null });
    fc.assert(
      fc.property(fc.array(value, { maxLength: 3000, size: 'large' }), (values) => {
        const column = new TextColumn();
        for (const v of values) column.push(v);
        expect(column.size).toBe(values.length);
        expect(values.map((_, row) => column.get(row))).toEqual(values);
      }),
      { numRuns: 40 },
    );
  });

  it('TextColumn stops pooling mostly distinct values and still reads the pooled ones', () => {
    const column = new TextColumn();
    const values = Array.from({ length: 5000 }, (_, i) => (i < 10 ? 'Prospecting' : `006${i}`));
    for (const v of values.slice(0, 500)) column.push(v);
    expect(column.pooling).toBe(true); // under 1000 rows it has not judged yet
    for (const v of values.slice(500)) column.push(v);
    expect(column.pooling).toBe(false);
    expect(values.every((v, row) => column.get(row) === v)).toBe(true);
    // A column of few distinct values keeps pooling.
    const stages = new TextColumn();
    for (let i = 0; i < 5000; i++) stages.push(['Prospecting', 'Closed Won', '谈判'][i % 3]);
    expect(stages.pooling).toBe(true);
  });

  it('NumberColumn and CodeColumn hold values set in any order, none where unset', () => {
    const numbers = new NumberColumn();
    const codes = new CodeColumn();
    numbers.set(5000, 1.5);
    numbers.set(3, 0);
    numbers.set(4, null);
    codes.set(2500, 7);
    expect([numbers.get(3), numbers.get(4), numbers.get(5000), numbers.get(10), numbers.get(99_999)]).toEqual([0, null, 1.5, null, null]);
    expect([codes.get(2500), codes.get(0), codes.get(99_999)]).toEqual([7, -1, -1]);
  });
});
