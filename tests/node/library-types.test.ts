import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTypes } from '../../scripts/build-types.ts';
import { ROOT } from '../support/paths.ts';

const run = promisify(execFile);
const tsc = join(ROOT, 'node_modules/.bin/tsc');

/**
 * The library's types as a TypeScript application sees them after installing RevLens: the declarations
 * npm run build writes (scripts/build-types.ts), reached through package.json's "exports", checked by tsc.
 * The work folder sits under the repository so that Lit's, Valibot's and DuckDB's own types resolve as installed.
 */
describe('the types in dist (npm run build)', () => {
  let work: string;

  beforeAll(async () => {
    await mkdir(join(ROOT, 'tests/.data'), { recursive: true });
    work = await mkdtemp(join(ROOT, 'tests/.data/types-'));
    const pkg = join(work, 'revlens');
    await buildTypes(join(pkg, 'dist/types'));
    await cp(join(ROOT, 'package.json'), join(pkg, 'package.json'));
    await mkdir(join(work, 'app/node_modules'), { recursive: true });
    await symlink(pkg, join(work, 'app/node_modules/revlens'), 'dir');
    // Its own package.json: without one, tsc would resolve "revlens" to the repository itself (a package may
    // import itself by name).
    await writeFile(join(work, 'app/package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    await writeFile(
      join(work, 'app/tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ['app.ts'],
      }),
    );
  }, 120_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  async function check(source: string): Promise<string> {
    await writeFile(join(work, 'app/app.ts'), source);
    try {
      await run(tsc, ['-p', join(work, 'app/tsconfig.json')], { cwd: join(work, 'app') });
      return '';
    } catch (e) {
      return String((e as { stdout?: string }).stdout ?? e);
    }
  }

  it('types the elements, their properties and the board state', async () => {
    const problems = await check(`
      import { RevlensBoard, openDataset, type BoardState } from 'revlens';
      import { RevlensFunnel } from 'revlens/revlens-funnel.js';

      const funnel: RevlensFunnel | null = document.querySelector('revlens-funnel');
      if (funnel) {
        funnel.by = 'source';
        funnel.strict = true;
        // @ts-expect-error strict is a boolean
        funnel.strict = 'yes';
        // @ts-expect-error no such property
        funnel.colour = 'red';
      }
      const board = document.createElement('revlens-board');
      const typed: RevlensBoard = board;
      const state: BoardState = typed.save();
      typed.restore({ ...state, filters: [{ field: 'source', values: ['Web', null] }] });
      // @ts-expect-error a filter names a field the board knows
      const wrong: BoardState = { version: 1, filters: [{ field: 'colour', values: ['red'] }], options: {} };
      void wrong;
      void openDataset;
    `);
    expect(problems).toBe('');
  }, 120_000);

  it('reports a misuse (the check is not vacuous)', async () => {
    const problems = await check(`
      import { RevlensFunnel } from 'revlens/revlens-funnel.js';
      const funnel = new RevlensFunnel();
      funnel.strict = 'yes';
    `);
    expect(problems).toMatch(/app\.ts.*TS2322/);
  }, 120_000);
});
