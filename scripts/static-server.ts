// A plain static file server for the benchmarks and tests: folders mounted at URL prefixes, nothing else.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.map': 'application/json',
};

/** Serves `mounts` ({ '/': dir, '/data/': dir2 }; the longest matching prefix wins) on a free localhost port. */
export function serveStatic(mounts: Record<string, string>, headers: Record<string, string> = {}): Promise<Server & { port: number }> {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    const prefix = prefixes.find((p) => path.startsWith(p));
    const file = prefix === undefined ? null : join(mounts[prefix]!, path.slice(prefix.length) || 'index.html');
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, 'localhost', () => resolve(Object.assign(server, { port: (server.address() as { port: number }).port }))),
  );
}
