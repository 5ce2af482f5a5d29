// Runs one sync in this process and prints its wall time and peak RSS as JSON: the bench starts it
// as a child so that the memory figure is the sync's alone. With --memory it also writes to stderr,
// every 5 s, how far it has read and where the memory is (to find what a sync holds, and when).
import { runSync, type Progress } from '../sync/index.ts';

const [inDir, outDir, flag] = process.argv.slice(2);
const began = performance.now();
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
let lastTrace = 0;
function trace(p: Progress): void {
  const now = performance.now();
  if (now - lastTrace < 5000) return;
  lastTrace = now;
  const m = process.memoryUsage();
  console.error(
    `${((now - began) / 1000).toFixed(0)} s  read ${mb(p.bytes)}/${mb(p.totalBytes)} MB, ${p.records} records  ` +
      `rss ${mb(m.rss)} MB  heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB  array buffers ${mb(m.arrayBuffers)} MB`,
  );
}
const summary = await runSync({ source: 'salesforce', inDir: inDir!, outDir: outDir!, onProgress: flag === '--memory' ? trace : undefined });
const ms = performance.now() - began;
const rows = summary.files.reduce((n, f) => n + f.read, 0);
console.log(JSON.stringify({ ms, rows, journeys: summary.journeys, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
