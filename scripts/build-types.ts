/**
 * The library's declarations (npm run build): tsc writes them from the element entries, then their relative
 * imports are renamed from .ts to .js. Our sources import with .ts (run directly by tsx and Vite), but an
 * application compiling against the declarations resolves ./x.js to ./x.d.ts and cannot resolve ./x.ts.
 *   tsx scripts/build-types.ts [outDir]    (default dist/types)
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');

export async function buildTypes(outDir = join(ROOT, 'dist/types')): Promise<void> {
  execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(ROOT, 'tsconfig.types.json'), '--outDir', outDir], { stdio: 'inherit' });
  for (const entry of await readdir(outDir, { recursive: true })) {
    if (!entry.endsWith('.d.ts')) continue;
    const file = join(outDir, entry);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/(from\s+|import\s*\(\s*|import\s+)(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2'));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await buildTypes(process.argv[2] && resolve(process.argv[2]));
