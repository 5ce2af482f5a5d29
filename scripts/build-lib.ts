/**
 * npm run build: dist/ for pages without a build step — the library (vite.lib.config.ts), its declarations
 * (scripts/build-types.ts) and custom-elements.json.
 *   tsx scripts/build-lib.ts [outDir]    (default dist)
 */
import { execFileSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { libraryConfig } from '../vite.lib.config.ts';
import { buildTypes } from './build-types.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** The modules only (what a page loads): revlens.js, then one module per element beside it. */
export async function buildLibrary(outDir: string, external: string[] = []): Promise<void> {
  await build(libraryConfig({ root: ROOT, outDir, part: 'whole', external }));
  await build(libraryConfig({ root: ROOT, outDir, part: 'elements', external }));
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const outDir = resolve(process.argv[2] ?? join(ROOT, 'dist'));
  await buildLibrary(outDir);
  await buildTypes(join(outDir, 'types'));
  // cem takes --outdir relative to the working directory, even when it is absolute.
  execFileSync(join(ROOT, 'node_modules/.bin/cem'), ['analyze', '--quiet', '--outdir', relative(ROOT, outDir)], { cwd: ROOT, stdio: 'inherit' });
  console.log(`built ${outDir}`);
}
