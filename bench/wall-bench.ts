/**
 * A wall display left running (issue 7): examples/wall.html with the built library, its dataset replaced on
 * disk again and again; after each publication the board reloads (board.checkForNewData(), what its timer
 * calls). Prints the JS heap (after a forced garbage collection) at the start and after every 100 cycles.
 * Target: the page's memory within 10% of the start after 1000 cycles.
 * The heap also holds what is not the page's: machine code V8 compiles as functions get hot (it grows while
 * the optimiser tiers up, then stops: warm-up, not a leak) and the records DevTools keeps of each response
 * while Playwright watches the network (a wall display has no DevTools attached). Heap snapshots at the start
 * and the end split the heap into those and the page's own objects; the target is read on the last, and the
 * whole heap is printed beside it.
 *   tsx bench/wall-bench.ts [--cycles 1000]
 */
import { copyFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildLibrary } from '../scripts/build-lib.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.ts';
import { publishDataset } from '../scripts/publish-dataset.ts';
import { FIXTURES } from '../scripts/fixtures.ts';
import { serveStatic } from '../scripts/static-server.ts';
import { runSync } from '../sync/index.ts';

const { values } = parseArgs({ options: { cycles: { type: 'string', default: '1000' } } });
const cycles = Number(values.cycles);
const root = join(import.meta.dirname, '..');
const site = join(tmpdir(), `revlens-wall-${process.pid}`);

await buildLibrary(join(site, 'revlens'));
await copyFile(join(root, 'examples/wall.html'), join(site, 'index.html'));
// Two real datasets to alternate between: the Salesforce demo org and the sfdc-assets export.
const a = join(site, 'a');
const b = join(site, 'b');
await runSync({ source: 'salesforce', inDir: join(FIXTURES, 'salesforce-devorg'), outDir: a });
await runSync({ source: 'salesforce', inDir: join(FIXTURES, 'salesforce-sfdc-assets'), outDir: b });
const data = join(site, 'data');

const publish = (from: string) => publishDataset(from, data);
await publish(a);

const server = await serveStatic({ '/': site });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const cdp = await page.context().newCDPSession(page);
  const heapMB = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / 1048576;
  };
  /** A heap snapshot's self sizes: V8's compiled code, DevTools' network records, and everything else. */
  const heapParts = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    let json = '';
    const take = (e: { chunk: string }) => (json += e.chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', take);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', take);
    const { snapshot, nodes, strings } = JSON.parse(json) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
    const [width, types] = [snapshot.meta.node_fields.length, snapshot.meta.node_types[0]];
    const parts = { code: 0, devtools: 0, page: 0 };
    for (let i = 0; i < nodes.length; i += width) {
      const [type, name, size] = [types[nodes[i]!], strings[nodes[i + 1]!]!, nodes[i + 3]!];
      if (type === 'code') parts.code += size;
      else if (name.startsWith('blink::NetworkResourcesData')) parts.devtools += size;
      else parts.page += size;
    }
    return parts;
  };
  await page.goto(`http://localhost:${server.port}/`);
  await page.locator('revlens-funnel svg g.stage').first().waitFor({ timeout: 120_000 });
  await page.locator('revlens-winloss svg').first().waitFor({ timeout: 120_000 });
  const startParts = await heapParts();
  const start = await heapMB();
  console.log(`wall display, ${cycles} dataset publications and reloads; page JS heap after GC:`);
  console.log(`  start        ${start.toFixed(2)} MB`);
  let changed = 0;
  let spent = 0; // publishing and reloading only, not the heap measurements
  let end = start;
  let endParts = startParts;
  for (let i = 1; i <= cycles; i++) {
    const began = performance.now();
    await publish(i % 2 ? b : a);
    if (await page.evaluate(() => (document.querySelector('revlens-board') as unknown as { checkForNewData(): Promise<boolean> }).checkForNewData())) changed++;
    spent += performance.now() - began;
    if (i % 100 === 0 || i === cycles) {
      end = await heapMB();
      endParts = await heapParts();
      console.log(`  cycle ${String(i).padStart(5)}  ${end.toFixed(2)} MB  (${(((end - start) / start) * 100).toFixed(1)}% from start); page's objects ${(endParts.page / 1048576).toFixed(2)} MB`);
    }
  }
  const ms = spent / cycles;
  console.log(`  ${changed} of ${cycles} publications redrawn, ${ms.toFixed(0)} ms per cycle on average`);
  console.log(`  whole V8 heap, end ÷ start: ${(end / start).toFixed(3)}  (compiled code included: see below)`);
  const mb = (n: number) => `${(n / 1048576).toFixed(2)} MB`;
  console.log('  heap snapshot, start → end:');
  console.log(`    V8 compiled code            ${mb(startParts.code)} → ${mb(endParts.code)}`);
  console.log(`    DevTools network records    ${mb(startParts.devtools)} → ${mb(endParts.devtools)}`);
  console.log(`    the page's objects          ${mb(startParts.page)} → ${mb(endParts.page)}   end ÷ start ${(endParts.page / startParts.page).toFixed(3)}  (target ≤ 1.10)`);
} finally {
  await browser.close();
  server.close();
  await rm(site, { recursive: true, force: true });
}
