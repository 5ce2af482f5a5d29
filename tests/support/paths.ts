import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FIXTURES } from '../../scripts/fixtures.ts';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');

export { FIXTURES };

export const fixture = (name: string) => join(FIXTURES, name);

export function tempDir(prefix = 'revlens-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
