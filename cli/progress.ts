import type { Progress } from '../sync/index.ts';

const MB = 1024 * 1024;

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * A one-line progress bar on a terminal's stderr — records, MB/s, ETA — redrawn at most a few times
 * a second, and wiped when done. A share above 100% (a file read twice) shows as 99% until the end.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update(p: Progress): void; done(): void } {
  const started = performance.now();
  let drawn = 0;
  return {
    update({ bytes, totalBytes, records }) {
      const now = performance.now();
      if (now - drawn < 200) return;
      drawn = now;
      const seconds = (now - started) / 1000;
      const share = totalBytes ? Math.min(bytes / totalBytes, 0.99) : 0;
      const rate = bytes / MB / Math.max(seconds, 0.001);
      const eta = rate > 0 ? (Math.max(totalBytes - bytes, 0) / MB) / rate : 0;
      const width = 24;
      const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
      const line = `${bar} ${String(Math.floor(share * 100)).padStart(2)}%  ${records.toLocaleString('en-US')} records  ${rate.toFixed(1)} MB/s  ETA ${clock(eta)}`;
      stream.write(`\r${line.slice(0, (stream.columns || 100) - 1)}\u001b[K`);
    },
    done() {
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}
