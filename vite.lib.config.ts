/**
 * The library for pages without a build step (scripts/build-lib.ts, npm run build), built twice into dist/:
 * - revlens.js: the module that defines every element, importing them from one chunk (what pages run at once) beside
 *   the chunks it loads on demand;
 * - revlens-<name>.js: one element each, with what they share in chunks beside them, so a page importing only
 *   the funnel downloads no win-loss code. (The whole library split this way would cost more — gzip cannot
 *   share its dictionary across files — hence the single module too.)
 * DuckDB-WASM's worker and WASM files are copied beside them and found relative to the modules.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { transform } from 'esbuild';
import type { InlineConfig, Plugin } from 'vite';

const require = createRequire(import.meta.url);
const DUCKDB_DIST = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
export const DUCKDB_FILES = ['duckdb-eh.wasm', 'duckdb-mvp.wasm', 'duckdb-browser-eh.worker.js', 'duckdb-browser-mvp.worker.js'];

/** The elements, each with a module of its own. */
export const ELEMENTS = ['board', 'cohort', 'filters', 'funnel', 'health', 'kpi', 'planner', 'winloss'] as const;

/** The library finds DuckDB's files beside itself (duckdb-files.lib.ts), and they are copied there. */
function duckdbBeside(outDir: string): Plugin {
  return {
    name: 'revlens:duckdb-beside',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('/duckdb-files.ts') || !importer) return null;
      const resolved = await this.resolve(source.replace(/duckdb-files\.ts$/, 'duckdb-files.lib.ts'), importer, { ...options, skipSelf: true });
      return resolved;
    },
    async writeBundle() {
      await mkdir(outDir, { recursive: true });
      for (const name of DUCKDB_FILES) await copyFile(join(DUCKDB_DIST, name), join(outDir, name));
    },
  };
}

/**
 * The elements' stylesheets (css`…` in the widgets' *.styles.ts files, no interpolations) minified by esbuild: their
 * comments say why a rule is there, for us, and need not travel to every page.
 */
function minifiedStyles(): Plugin {
  return {
    name: 'revlens:minified-styles',
    async transform(code, id) {
      if (!/\/widgets\/.*\.styles\.ts$/.test(id)) return null;
      let out = '';
      let at = 0;
      for (const m of code.matchAll(/\bcss`([^`$\\]*)`/g)) {
        // UTF-8 kept as it is (not as CSS escapes, which a template literal would misread), and what a
        // template literal gives meaning to escaped.
        const { code: css } = await transform(m[1]!, { loader: 'css', minify: true, charset: 'utf8' });
        const literal = css.trim().replace(/[\\`]|\$\{/g, (c) => `\\${c}`);
        out += `${code.slice(at, m.index)}css\`${literal}\``;
        at = m.index + m[0].length;
      }
      return { code: out + code.slice(at), map: null };
    },
  };
}

/** What unusedD3Colours leaves out, as d3-color and d3-interpolate export it. */
const LEFT_OUT = /\b(color|rgb|hsl|lab|hcl|lch|gray|cubehelix|interpolate(Rgb|Lab|Hcl|HclLong|Hsl|HslLong|Cubehelix|CubehelixLong|RgbBasis|RgbBasisClosed|TransformCss|TransformSvg|Zoom))\b/;

/**
 * d3's colours, which no element draws with, left out: every scale maps numbers to numbers (the cohort mixes its
 * heat colours itself). d3-color and d3-interpolate come as one module each, whose top-level calls (define(Rgb, …),
 * the zoom interpolator …) a bundler must keep unless told they make nothing else: marked pure here, they go (and
 * with them d3-color's prototypes: nothing may use a d3 colour then); and d3-interpolate's generic interpolator no
 * longer asks whether a string is a colour (4.5 KB gzip in all). Safe while no scale of ours has a colour range:
 * neither package is a dependency of ours, and the build stops with an error when a module asks d3 for a colour or
 * types a continuous scale's range as text. A d3 whose dist reads otherwise just keeps them (the size test says so).
 */
function unusedD3Colours(): Plugin {
  return {
    name: 'revlens:unused-d3-colours',
    // Before TypeScript is stripped: a scale's range type says whether it maps to text.
    enforce: 'pre',
    transform(code, id) {
      // The one way this goes wrong, stopped at build time: code that asks d3 for a colour space it leaves out.
      if (!/\/d3-(color|interpolate)\/dist\//.test(id) && /from\s*["']d3-(color|interpolate)["']/.test(code) && LEFT_OUT.test(code)) {
        this.error(`${id} uses a d3 colour the library build leaves out (unusedD3Colours in vite.lib.config.ts): take it out of that list`);
      }
      if (!id.includes('/node_modules/') && /from\s*["']d3-scale["']/.test(code) && /\bscale(Linear|Pow|Sqrt|Log|Symlog|Time|Utc|Sequential|Diverging)\w*<string/.test(code)) {
        this.error(`${id} has a scale with a text (colour) range, which the library build cannot interpolate (unusedD3Colours in vite.lib.config.ts)`);
      }
      if (id.endsWith('/d3-color/dist/d3-color.mjs')) {
        return { code: code.replace(/^define\((\w+), (\w+), (extend\()?/gm, (_, a, b, e) => `/*#__PURE__*/ define(${a}, ${b}, ${e ? '/*#__PURE__*/ extend(' : ''}`), map: null };
      }
      if (id.endsWith('/d3-interpolate/dist/d3-interpolate.mjs')) {
        const unused = /^(var (?:rgb|rgbBasis|rgbBasisClosed|interpolateTransformCss|interpolateTransformSvg|zoom|hsl_default|hslLong|hcl_default|hclLong|cubehelix_default|cubehelixLong) = )/gm;
        const noColour = code
          .replace(': t === "string" ? ((c = color(b)) ? (b = c, rgb) : string)', ': t === "string" ? string')
          .replace(': b instanceof color ? rgb', '');
        return { code: noColour.replace(unused, '$1/*#__PURE__*/ '), map: null };
      }
      return null;
    },
  };
}

/** What unusedD3Format puts in d3-format's place: what d3-scale imports from it, each saying it is left out. */
const FORMAT_LEFT_OUT = ['format', 'formatPrefix', 'formatSpecifier', 'precisionFixed', 'precisionPrefix', 'precisionRound'];

/**
 * d3-format left out. d3-scale imports it only for a linear scale's tickFormat, which no element calls: every number
 * an element shows is formatted by Intl (widgets/core/format.ts). Left in, its default locale is made at load and
 * its formatter costs 2 KB gzip. Safe while nothing the library runs asks for tickFormat or d3-format: the build
 * stops with an error when a module does, and a call that slipped past would throw, naming this plugin.
 */
function unusedD3Format(): Plugin {
  const id = '\0revlens:d3-format-left-out';
  return {
    name: 'revlens:unused-d3-format',
    enforce: 'pre',
    resolveId: (source) => (source === 'd3-format' ? id : null),
    load: (loaded) =>
      loaded === id
        ? FORMAT_LEFT_OUT.map((name) => `export function ${name}() { throw new Error('d3-format is left out of the RevLens build (unusedD3Format, vite.lib.config.ts)'); }`).join('\n')
        : null,
    transform(code, file) {
      if (!file.includes('/node_modules/') && /\.tickFormat\(|from\s*["']d3-format["']/.test(code)) {
        this.error(`${file} uses d3-format or a scale's tickFormat, which the library build leaves out (unusedD3Format in vite.lib.config.ts): take it out`);
      }
      return null;
    },
  };
}

/**
 * The elements' Lit html`…` templates without the indentation around their line breaks: the page renders them the
 * same (HTML collapses white space, and no template sits in a white-space: pre box), and the line breaks stay, so
 * line numbers still match the source (0.2 KB gzip). Used by the library build and by the dev server the browser
 * tests and stories run on, so that every test sees what pages get.
 */
export function minifiedTemplates(): Plugin {
  return {
    name: 'revlens:minified-templates',
    transform(code, id) {
      if (!/\/widgets\/.*\.ts$/.test(id) || !code.includes('html`')) return null;
      const quasis: { start: number; end: number }[] = [];
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        const n = node as { type?: string; tag?: { type: string; name?: string }; quasi?: { quasis: { start: number; end: number }[] } };
        if (n.type === 'TaggedTemplateExpression' && n.tag?.type === 'Identifier' && n.tag.name === 'html') quasis.push(...n.quasi!.quasis);
        for (const value of Object.values(node)) visit(value);
      };
      visit(this.parse(code));
      let out = code;
      // From the last, so that earlier offsets stay right.
      for (const q of quasis.sort((a, b) => b.start - a.start)) {
        out = out.slice(0, q.start) + out.slice(q.start, q.end).replace(/[ \t]*\n[ \t]*/g, '\n') + out.slice(q.end);
      }
      return { code: out, map: null };
    },
  };
}

/**
 * A chunk holding any of an element's own modules is named after the element (chunk-winloss-…js), so what a
 * page fetched says whose code it holds; shared code (core, engine, libraries) after its first module.
 */
/** Modules the elements import on demand (import(…)): the export code, and health's SQL with what only it uses. */
const ON_DEMAND = /\/(core\/export|health\/health-queries|metrics\/health-sql|metrics\/filter-sql)\.ts$/;

function chunkName(chunk: { moduleIds: readonly string[] }): string {
  const elements = new Set(chunk.moduleIds.map((id) => id.match(new RegExp(`/widgets/(${ELEMENTS.join('|')})/`))?.[1]).filter(Boolean));
  // Named after its element when it holds one element's code; the single module's chunk after its group.
  return `chunk-${elements.size === 1 ? [...elements][0] : '[name]'}-[hash].js`;
}

export interface LibraryBuild {
  root: string;
  outDir: string;
  /** 'whole': revlens.js alone; 'elements': one module per element (written after 'whole', into the same folder). */
  part: 'whole' | 'elements';
  /** Packages left out (the size benchmark leaves out DuckDB-WASM to measure the elements alone). */
  external?: string[];
}

export function libraryConfig({ root, outDir, part, external = [] }: LibraryBuild): InlineConfig {
  const entry =
    part === 'whole'
      ? { revlens: 'widgets/index.ts' }
      : Object.fromEntries(ELEMENTS.map((name) => [`revlens-${name}`, `widgets/${name}/define.ts`]));
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    plugins: [duckdbBeside(outDir), minifiedStyles(), minifiedTemplates(), unusedD3Colours(), unusedD3Format()],
    // Always the packages' production builds (Lit's dev mode is bigger and warns), whatever NODE_ENV says: it is
    // "test" inside vitest, where the size test builds the library. Vite's default conditions follow NODE_ENV.
    resolve: { conditions: ['module', 'browser', 'production'] },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: part === 'whole',
      sourcemap: true,
      lib: { entry, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rolldownOptions: {
        external,
        // Chunks stay beside the entries: the DuckDB file URLs are relative to the module that holds them.
        // Modules imported on demand (the export code) stay chunks of their own, even in the single module.
        // Tree-shaking hints (/* @__PURE__ */, 270 of them) serve a bundler, and these modules are what a page
        // runs: dropped, 0.3 KB gzip.
        output: {
          minify: true,
          chunkFileNames: chunkName,
          // The single module: one chunk of everything a page runs at once, beside what it loads on demand, with
          // revlens.js importing it (so a chunk loaded later shares its code, even when the page names revlens.js
          // with a query string).
          codeSplitting: part === 'whole' ? { groups: [{ name: 'revlens', test: (id: string) => !ON_DEMAND.test(id) }] } : true,
          comments: { annotation: false },
        },
      },
    },
  };
}
