import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** Real CRM exports shared beside the repository (../shared/fixtures/crm); never copied into it. */
export const FIXTURES = process.env.REVLENS_FIXTURES ?? resolve(ROOT, '../shared/fixtures/crm');

export const fixture = (name: string) => join(FIXTURES, name);

export function tempDir(prefix = 'revlens-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
