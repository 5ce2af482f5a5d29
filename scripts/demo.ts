// npm run demo: sample export → dataset → the demo intranet page, built and served on localhost.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import { makeDemoData } from './demo-data.ts';

const root = join(import.meta.dirname, '..', 'demo');

/**
 * Builds demo/index.html into `outDir` with the dataset folders under `publicDir` (default
 * demo/public). base './': the page, its scripts and the DuckDB-WASM files work from any folder of
 * any static web server.
 */
export async function buildDemo(outDir = join(root, 'dist'), publicDir = join(root, 'public')): Promise<void> {
  await build({ root, base: './', publicDir, configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

export function serveDemo(outDir: string, port: number): Promise<PreviewServer> {
  return preview({ root, base: './', configFile: false, build: { outDir }, preview: { port, strictPort: true, host: 'localhost' } });
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const port = Number(process.env.PORT ?? 8080);
  await makeDemoData();
  console.log('\nbuilding the demo page ...');
  await buildDemo();
  await serveDemo(join(root, 'dist'), port);
  console.log(`\nRevLens demo: http://localhost:${port}/   (Ctrl-C to stop)`);
}
