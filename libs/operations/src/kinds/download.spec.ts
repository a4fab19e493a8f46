import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { download } from '@provisioning/sdk';
import { applyHost } from '../lib/apply';
import { planHost } from '../lib/plan';
import { serveFiles } from '../testing/http-fixture';
import { LocalTestExecutor } from '../testing/local-executor';
import { EXAMPLE_PAYLOAD, EXAMPLE_PAYLOAD_SHA256 } from './download.examples';

let dir: string;
let server: Awaited<ReturnType<typeof serveFiles>>;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'download-'));
  server = await serveFiles({ '/tool': EXAMPLE_PAYLOAD, '/tampered': 'something else\n' });
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('download operation (real curl against a loopback server)', () => {
  it('fetches once, verifies, installs with its mode, then serves re-installs from the host cache', async () => {
    const executor = new LocalTestExecutor();
    const op = download({
      url: `${server.url}/tool`,
      sha256: EXAMPLE_PAYLOAD_SHA256,
      path: `${dir}/bin/tool`,
      mode: '0755',
      cacheDir: `${dir}/cache`,
    });
    await applyHost(executor, await planHost(executor, [op]));
    expect(readFileSync(`${dir}/bin/tool`, 'utf8')).toBe(EXAMPLE_PAYLOAD);
    expect(statSync(`${dir}/bin/tool`).mode & 0o777).toBe(0o755);

    rmSync(`${dir}/bin/tool`);
    const plan = await planHost(executor, [op]);
    expect(plan.operations[0].summary).toMatch(/from the host cache/);
    await applyHost(executor, plan);
    expect(existsSync(`${dir}/bin/tool`)).toBe(true);
    expect(server.requests).toEqual(['/tool']);
  });

  it('refuses content whose sha256 does not match, leaving nothing behind', async () => {
    const executor = new LocalTestExecutor();
    const op = download({
      url: `${server.url}/tampered`,
      sha256: EXAMPLE_PAYLOAD_SHA256,
      path: `${dir}/bin/tool`,
      cacheDir: `${dir}/cache`,
    });
    const result = await applyHost(executor, await planHost(executor, [op]));
    expect(result.error?.message).toMatch(/has sha256 [0-9a-f]{64}, expected f47a2017/);
    expect(existsSync(`${dir}/bin/tool`)).toBe(false);
    expect(readdirSync(`${dir}/cache`)).toEqual([]);
  });
});
