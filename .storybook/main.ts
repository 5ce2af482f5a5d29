import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StorybookConfig } from '@storybook/web-components-vite';

// `npm run demo:data` writes demo/public/data/demo/; stories load /data/demo/manifest.json.
// REVLENS_DEMO_DATA points elsewhere: vitest sets it to a temporary folder (vite.config.ts). The folder must
// exist when the server starts; when the stories run as tests it is filled after that (tests/storybook/global-setup.ts).
const data = process.env.REVLENS_DEMO_DATA ?? join(import.meta.dirname, '../demo/public/data');
mkdirSync(data, { recursive: true });

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  // Docs pages per element, from the custom-elements manifest (see preview.ts).
  addons: ['@storybook/addon-docs'],
  staticDirs: [{ from: data, to: '/data' }],
  // Offline machines: never phone home (STORYBOOK_DISABLE_TELEMETRY=1 does the same from the shell).
  core: { disableTelemetry: true },
  viteFinal(config) {
    // Storybook's renderer imports Lit's files as they are; pre-bundling Lit for the widgets would load a
    // second copy next to it in the dev server.
    const lit = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'];
    config.optimizeDeps = { ...config.optimizeDeps, exclude: [...(config.optimizeDeps?.exclude ?? []), ...lit] };
    return config;
  },
};

export default config;
