import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeDemoData } from '../../scripts/demo-data.ts';
import { ROOT, tempDir } from '../support/paths.ts';

describe('npm run build-storybook', () => {
  it('builds offline: the funnel stories, the demo dataset and DuckDB-WASM served beside them', async () => {
    // What build-storybook runs first: npm run demo:data (into a temporary folder) and npm run cem.
    const work = tempDir();
    await makeDemoData({ opportunities: 200, sampleDir: join(work, 'sample'), datasetDir: join(work, 'data/demo') });
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/cem'), ['analyze', '--quiet'], { cwd: ROOT });
    const out = join(work, 'storybook');
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/storybook'), ['build', '--output-dir', out, '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', REVLENS_DEMO_DATA: join(work, 'data') },
    });
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { entries: Record<string, { title: string; name: string }> };
    const stories = Object.values(index.entries).filter((e) => e.title.includes('revlens-funnel'));
    expect(stories.map((s) => s.name)).toEqual(expect.arrayContaining(['Demo']));
    // A story per element, and the composed boards.
    const titles = new Set(Object.values(index.entries).map((e) => e.title));
    for (const tag of ['filters', 'funnel', 'cohort', 'winloss', 'kpi', 'health', 'planner']) expect(titles).toContain(`Widgets/revlens-${tag}`);
    expect(titles).toContain('Boards/Compose your own');
    // Docs pages from the custom-elements manifest, one per element.
    const docs = Object.values(index.entries).filter((e) => e.name === 'Docs').map((e) => e.title);
    expect(docs).toEqual(expect.arrayContaining(['Widgets/revlens-funnel', 'Widgets/revlens-kpi', 'Boards']));
    const boards = Object.values(index.entries).filter((e) => e.title === 'Boards' && e.name !== 'Docs').map((e) => e.name);
    expect(boards).toEqual(expect.arrayContaining(['CEO cockpit', 'Marketing funnel review', 'Wall display']));
    expect(existsSync(join(out, 'data/demo/manifest.json'))).toBe(true);
    expect(readdirSync(join(out, 'assets')).some((f) => /^duckdb-eh.*\.wasm$/.test(f))).toBe(true);
  }, 300_000);
});
