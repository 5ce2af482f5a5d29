import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium.ts';
import { publishDataset, reducedMotion, requestLog } from './tests/browser/commands.ts';
import { outerViewport } from './tests/browser/screenshot-commands.ts';
import { minifiedTemplates } from './vite.lib.config.ts';

/**
 * Dev servers (browser tests, Storybook dev) serve DuckDB-WASM's prebuilt worker scripts untouched: Vite's
 * transform would only print a screenful of warnings about their source maps (they point outside the package).
 * The `?url` imports that name these files still go through Vite; builds are not affected.
 */
function rawDuckDBWorkers(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: 'revlens:raw-duckdb-workers',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const name = req.url?.match(/\/@duckdb\/duckdb-wasm\/dist\/(duckdb-browser-(?:eh|mvp|coi)\.worker\.js)$/)?.[1];
        if (!name) return next();
        res.setHeader('Content-Type', 'text/javascript');
        res.end(await readFile(require.resolve(`@duckdb/duckdb-wasm/dist/${name}`)));
      });
    },
  };
}


// When the stories run as tests, their datasets go to a folder of their own (.storybook/main.ts serves it,
// tests/storybook/global-setup.ts fills it), never over demo/public/data, which `npm run demo:data` fills for people.
if (process.env.VITEST) process.env.REVLENS_DEMO_DATA ??= join(tmpdir(), 'revlens-storybook-data');

/**
 * Both browser projects run in Debian's Chromium, headless (scripts/chromium.ts; never a downloaded browser).
 * A new object each: vitest names the instances it is given, and a shared one would be named twice.
 */
const chromium = () => ({
  enabled: true,
  headless: true,
  screenshotFailures: false,
  provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS } }),
  instances: [{ browser: 'chromium' as const }],
});

export default defineConfig({
  // The templates as the library ships them (vite.lib.config.ts), so the tests see what pages get.
  plugins: [rawDuckDBWorkers(), minifiedTemplates()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/node/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          browser: { ...chromium(), commands: { requestLog, reducedMotion, publishDataset, outerViewport } },
        },
      },
      {
        // Every story in stories/ as a test (@storybook/addon-vitest): it renders in Chromium, its play
        // function clicks and types, and .storybook/preview.ts checks after each one that its widgets settled
        // in the state the story promises.
        extends: true,
        plugins: [storybookTest({ configDir: join(import.meta.dirname, '.storybook') })],
        test: {
          name: 'storybook',
          globalSetup: ['tests/storybook/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          browser: chromium(),
        },
      },
    ],
  },
});
