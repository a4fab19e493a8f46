import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';

export interface ServedRegistry {
  server: Server;
  /** `http://127.0.0.1:4873/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a directory registry read-only over HTTP: GET/HEAD of index.json and the .tgz files
 * below the directory, nothing else (no listing, no dot files, no path outside it).
 */
export function serveRegistry(
  dir: string,
  options: { host?: string; port?: number; onRequest?: (line: string) => void } = {},
): Promise<ServedRegistry> {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://registry').pathname);
    const allowed =
      path === '/index.json' ||
      (/^\/[A-Za-z0-9._/-]+\.tgz$/.test(path) && !path.split('/').some((segment) => segment.startsWith('.')));
    const file = resolve(root, `.${path}`);
    const found = allowed && file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile();
    const status = request.method !== 'GET' && request.method !== 'HEAD' ? 405 : found ? 200 : 404;
    options.onRequest?.(`${request.method} ${path} ${status}`);
    if (status !== 200) {
      response
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(status === 405 ? 'read-only registry\n' : 'not found\n');
      return;
    }
    response.writeHead(200, {
      'content-type': path.endsWith('.json') ? 'application/json' : 'application/gzip',
      'content-length': statSync(file).size,
      'cache-control': path.endsWith('.json') ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolvePromise({
        server,
        url: `http://${host}:${address.port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
