// npm run demo: sample export → dataset → the demo intranet page, built and served on localhost.
import { join } from 'node:path';
import { build, preview } from 'vite';

const PORT = Number(process.env.PORT ?? 8080);
const root = join(import.meta.dirname, '..', 'demo');

await import('./demo-data.ts');
console.log('\nbuilding the demo page ...');
// base './': the built page, its scripts and the DuckDB-WASM files work from any folder of any web server.
await build({ root, base: './', configFile: false, logLevel: 'warn', build: { outDir: 'dist', emptyOutDir: true } });
const server = await preview({ root, base: './', configFile: false, preview: { port: PORT, strictPort: true, host: 'localhost' } });
console.log(`\nRevLens demo: http://localhost:${PORT}/   (Ctrl-C to stop)`);
server.printUrls();
