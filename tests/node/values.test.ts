import { describe, expect, it } from 'vitest';
import { parseTime } from '../../sync/dates.ts';
import { ValueError, amount, bool, id, idKey, sizeBand, text } from '../../sync/values.ts';

const time = (raw: string | undefined, order: 'MDY' | 'DMY' = 'MDY') => parseTime(raw, { order });

describe('time', () => {
  it.each([
    ['2024-03-05', Date.UTC(2024, 2, 5)],
    ['2024-03-05 00:00:00', Date.UTC(2024, 2, 5)], // weekly export pads dates
    ['2024-03-05 14:30:07', Date.UTC(2024, 2, 5, 14, 30, 7)],
    ['2024-01-22T20:36:47.000+0000', Date.UTC(2024, 0, 22, 20, 36, 47)],
    ['2024-01-22T20:36:47.123Z', Date.UTC(2024, 0, 22, 20, 36, 47, 123)],
    ['2024-01-22T20:36:47+08:00', Date.UTC(2024, 0, 22, 12, 36, 47)],
    ['2024-01-22T01:00:00-0500', Date.UTC(2024, 0, 22, 6, 0, 0)],
    ['02/23/26 08:55 PM', Date.UTC(2026, 1, 23, 20, 55)],
    ['02/24/26 12:15 AM', Date.UTC(2026, 1, 24, 0, 15)],
    ['02/24/26 12:15 PM', Date.UTC(2026, 1, 24, 12, 15)],
    ['02/03/24', Date.UTC(2024, 1, 3)],
    ['3/5/2024 14:30', Date.UTC(2024, 2, 5, 14, 30)],
    ['12/31/99', Date.UTC(1999, 11, 31)],
    ['2024/1/2', Date.UTC(2024, 0, 2)],
    ['2024/1/22 20:36', Date.UTC(2024, 0, 22, 20, 36)],
    ['2024年3月5日', Date.UTC(2024, 2, 5)],
  ])('reads %s', (raw, expected) => {
    expect(time(raw)).toBe(expected);
  });

  it('reads day-first slashed dates when told to', () => {
    expect(time('05/03/2024', 'DMY')).toBe(Date.UTC(2024, 2, 5));
  });

  it('is null for an empty cell', () => {
    expect(time('')).toBeNull();
    expect(time('   ')).toBeNull();
    expect(time(undefined)).toBeNull();
  });

  it.each(['2024-02-30', '2024/2/30', '2024年13月1日', '13/01/2024', '2024-03-05 25:00:00', 'yesterday', '2024/03/05x', '13:00 PM 01/01/24', '01/01/24 13:00 PM'])(
    'refuses %s with a message saying what it expected',
    (raw) => {
      expect(() => time(raw)).toThrow(ValueError);
    },
  );
});

describe('other cells', () => {
  it('reads the yes/no spellings of Salesforce exports', () => {
    expect(['TRUE', 'true', '1', ' True '].map(bool)).toEqual([true, true, true, true]);
    expect(['FALSE', 'false', '0', ''].map(bool)).toEqual([false, false, false, false]);
    expect(() => bool('maybe')).toThrow(/yes\/no/);
  });

  it('reads amounts and refuses what is not one', () => {
    expect(amount('1124741.15')).toBe(1124741.15);
    expect(amount('1,234.50')).toBe(1234.5);
    expect(amount('$1,200.00')).toBe(1200);
    expect(amount('¥ 12,000')).toBe(12000);
    expect(amount('0')).toBe(0);
    expect(amount('')).toBeNull();
    expect(() => amount('12abc')).toThrow(/not a number/);
    expect(() => amount('-5')).toThrow(/negative/);
    expect(() => amount('NaN')).toThrow(/not a number/);
    expect(() => amount('1e999')).toThrow(/finite/);
  });

  it('compares 15- and 18-character Salesforce ids as the same record', () => {
    expect(idKey('0065g00000XYZABAAZ')).toBe('0065g00000XYZAB');
    expect(idKey('0065g00000XYZAB')).toBe('0065g00000XYZAB');
    expect(idKey('crm_lead_0')).toBe('crm_lead_0');
  });

  it('treats the weekly export\'s empty lookup id as empty', () => {
    expect(id('000000000000000AAA')).toBeNull();
    expect(id('001bm00001ZL8U9AAL')).toBe('001bm00001ZL8U9AAL');
    expect(text('  x ')).toBe('x');
  });

  it('bands employee counts', () => {
    expect([10, 50, 249, 250, 999, 1000, 5000, null].map(sizeBand)).toEqual([
      '1-49',
      '50-249',
      '50-249',
      '250-999',
      '250-999',
      '1000-4999',
      '5000+',
      null,
    ]);
  });
});
