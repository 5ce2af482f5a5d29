/**
 * Parsers for the cell values CRM exports write. Each returns null for an empty cell and throws a
 * ValueError, whose message says what was expected, for a cell it cannot read.
 */

export class ValueError extends Error {
  override name = 'ValueError';
}

/** Salesforce's weekly export writes an empty lookup as this id. */
const EMPTY_LOOKUP = /^0{15}AAA$/;

export function text(raw: string | undefined): string | null {
  const v = raw?.trim() ?? '';
  return v === '' ? null : v;
}

/**
 * How ids are compared: Salesforce writes the same record's id 15 characters long (case-sensitive, in
 * reports) or 18 (the 15 plus a case checksum, in Data Loader and the API).
 */
export function idKey(id: string): string {
  return id.length === 18 && /^[a-zA-Z0-9]{18}$/.test(id) ? id.slice(0, 15) : id;
}

export function id(raw: string | undefined): string | null {
  const v = text(raw);
  return v === null || EMPTY_LOOKUP.test(v) ? null : v;
}

/** TRUE/FALSE, true/false, 1/0; an empty cell is false, as Salesforce writes false as blank in some exports. */
export function bool(raw: string | undefined): boolean {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0' || v === '') return false;
  throw new ValueError(`"${raw}" is not a yes/no value (expected TRUE/FALSE or 1/0)`);
}

/** A non-negative amount: 1234.5, 1,234.50, $1,234.50, ¥12,000. */
export function amount(raw: string | undefined): number | null {
  const written = text(raw);
  if (written === null) return null;
  const v = written.replace(/^[$€£¥]\s*/, '');
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(v) ? v.replaceAll(',', '') : v;
  if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(plain)) throw new ValueError(`"${written}" is not a number`);
  const n = Number(plain);
  if (!Number.isFinite(n)) throw new ValueError(`"${written}" is not a finite number`);
  if (n < 0) throw new ValueError(`"${written}" is negative; amounts must be 0 or more`);
  return n;
}

/** Employee counts as the size bands sales teams segment by. */
export function sizeBand(employees: number | null): string | null {
  if (employees === null) return null;
  if (employees < 50) return '1-49';
  if (employees < 250) return '50-249';
  if (employees < 1000) return '250-999';
  if (employees < 5000) return '1000-4999';
  return '5000+';
}
