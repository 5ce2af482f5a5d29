// Runs one sync in this process and prints its wall time and peak RSS as JSON: the bench starts it
// as a child so that the memory figure is the sync's alone.
import { runSync } from '../sync/index.ts';

const [inDir, outDir] = process.argv.slice(2);
const began = performance.now();
const summary = await runSync({ source: 'salesforce', inDir: inDir!, outDir: outDir! });
const ms = performance.now() - began;
const rows = summary.files.reduce((n, f) => n + f.read, 0);
console.log(JSON.stringify({ ms, rows, journeys: summary.journeys, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
