import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get, type Server } from 'node:http';
import { createArtifactServer } from './serve';

describe('createArtifactServer', () => {
  let root: string;
  let server: Server;
  let base: string;
  const outsideName = `outside-artifacts-${process.pid}.txt`;

  /** Sends the path verbatim (fetch would normalise "..", hiding what the server does with it). */
  function rawGet(path: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      get(`${base}${path}`, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      }).on('error', reject);
    });
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'testbed-artifacts-'));
    mkdirSync(join(root, 'releases'));
    writeFileSync(join(root, 'releases', 'tool-1.0.tar.gz'), 'binary-bytes');
    writeFileSync(join(root, '..', `${outsideName}`), 'secret');
    server = createArtifactServer(join(root));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
    rmSync(join(root, '..', outsideName), { force: true });
  });

  it('serves a file under the directory with its length', async () => {
    const response = await fetch(`${base}/releases/tool-1.0.tar.gz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('12');
    expect(await response.text()).toBe('binary-bytes');
  });

  it('answers HEAD with headers and no body', async () => {
    const response = await fetch(`${base}/releases/tool-1.0.tar.gz`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers 404 for a missing file and for a directory', async () => {
    expect((await fetch(`${base}/releases/none`)).status).toBe(404);
    expect((await fetch(`${base}/releases`)).status).toBe(404);
  });

  it('refuses encoded paths that climb out of the directory', async () => {
    const response = await rawGet(`/..%2f${outsideName}`);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('secret');
  });

  it('refuses methods that would change anything', async () => {
    const response = await fetch(`${base}/releases/tool-1.0.tar.gz`, { method: 'PUT', body: 'x' });
    expect(response.status).toBe(405);
  });
});
