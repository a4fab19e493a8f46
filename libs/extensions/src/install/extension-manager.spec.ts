import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKeyPair, privateKeyObject } from '../integrity/signing-keys';
import { ExtensionCatalog } from '../loader/extension-catalog';
import { readLockfile } from '../lockfile/lockfile';
import { publishToDirectory, setYanked } from '../registry/publish';
import { serveRegistry } from '../registry/serve-registry';
import { type TestTaskservPackage, testTaskservTarball } from '../testing';
import { ExtensionManager } from './extension-manager';

let sandbox: string;
const key = generateSigningKeyPair();
beforeEach(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'manager-'));
});
afterEach(() => rmSync(sandbox, { recursive: true, force: true }));

async function publish(registry: string, ...packages: TestTaskservPackage[]) {
  for (const pkg of packages)
    await publishToDirectory(registry, testTaskservTarball(pkg), privateKeyObject(key.privateKeyPem, 'key'));
}

function workspace(name: string, url: string, home = join(sandbox, 'home')) {
  const root = join(sandbox, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'provisioning.yaml'), `name: ${name}\n`);
  const env = { PROVISIONING_HOME: home };
  return {
    root,
    env,
    manager: new ExtensionManager({
      workspaceRoot: root,
      env,
      registries: [{ name: 'team', url, public_key: key.publicKey }],
    }),
  };
}

describe('ExtensionManager with a directory registry', () => {
  it('installs the highest matching version with its dependencies and pins both in provisioning.lock', async () => {
    const registry = join(sandbox, 'registry');
    await publish(
      registry,
      { name: 'tls', version: '1.0.0' },
      { name: 'tls', version: '1.2.0' },
      { name: 'web', version: '1.0.0', dependencies: { tls: '^1.0.0' } },
    );
    const { root, manager } = workspace('ws', registry);
    const report = await manager.install(['web']);
    expect(report.changes).toEqual([
      { name: 'tls', kind: 'taskserv', to: '1.2.0', registry: 'team' },
      { name: 'web', kind: 'taskserv', to: '1.0.0', registry: 'team' },
    ]);
    const lock = readLockfile(root);
    expect(lock?.requested).toEqual({ web: '*' });
    expect(
      Object.fromEntries(Object.entries(lock?.extensions ?? {}).map(([n, e]) => [n, e.version])),
    ).toEqual({ tls: '1.2.0', web: '1.0.0' });
    expect(existsSync(join(root, '.provisioning/extensions/taskserv/web/1.0.0/dist/index.js'))).toBe(true);
  });

  it('installs exactly the lock in a second workspace with --frozen, even after a newer version is published', async () => {
    const registry = join(sandbox, 'registry');
    await publish(registry, { name: 'hello', version: '1.0.0' });
    const first = workspace('first', registry);
    await first.manager.install(['hello@^1.0.0']);
    await publish(registry, { name: 'hello', version: '1.1.0' });
    const second = workspace('second', registry);
    writeFileSync(
      join(second.root, 'provisioning.lock'),
      readFileSync(join(first.root, 'provisioning.lock')),
    );
    const report = await second.manager.installFrozen();
    expect(report.changes).toEqual([]);
    expect(report.fromCache).toBe(1);
    expect(existsSync(join(second.root, '.provisioning/extensions/taskserv/hello/1.0.0/manifest.yaml'))).toBe(
      true,
    );
  });

  it('updates within the requested range, removes the old version, and reports what is outdated before', async () => {
    const registry = join(sandbox, 'registry');
    await publish(registry, { name: 'hello', version: '1.0.0' });
    const { root, manager } = workspace('ws', registry);
    await manager.install(['hello@^1.0.0']);
    await publish(registry, { name: 'hello', version: '1.1.0' }, { name: 'hello', version: '2.0.0' });
    expect(await manager.outdated()).toEqual([
      { name: 'hello', current: '1.0.0', wanted: '1.1.0', latest: '2.0.0', registry: 'team' },
    ]);
    const report = await manager.update(['hello']);
    expect(report.changes).toEqual([
      { name: 'hello', kind: 'taskserv', from: '1.0.0', to: '1.1.0', registry: 'team' },
    ]);
    expect(existsSync(join(root, '.provisioning/extensions/taskserv/hello/1.0.0'))).toBe(false);
    expect(readLockfile(root)?.extensions['hello'].version).toBe('1.1.0');
  });

  it('keeps a locked version that was yanked later, as lock files promise', async () => {
    const registry = join(sandbox, 'registry');
    await publish(registry, { name: 'hello', version: '1.0.0' });
    const { manager } = workspace('ws', registry);
    await manager.install(['hello']);
    setYanked(registry, 'hello', '1.0.0', true);
    const second = workspace('again', registry);
    writeFileSync(
      join(second.root, 'provisioning.lock'),
      readFileSync(join(sandbox, 'ws', 'provisioning.lock')),
    );
    await expect(second.manager.install([])).resolves.toMatchObject({ changes: [] });
  });

  it('removes an extension and the dependencies nothing else needs', async () => {
    const registry = join(sandbox, 'registry');
    await publish(
      registry,
      { name: 'tls', version: '1.0.0' },
      { name: 'web', version: '1.0.0', dependencies: { tls: '*' } },
    );
    const { root, manager } = workspace('ws', registry);
    await manager.install(['web']);
    const report = await manager.remove(['web']);
    expect(report.changes.map((c) => `${c.name}:${c.from}->${c.to ?? '-'}`)).toEqual([
      'tls:1.0.0->-',
      'web:1.0.0->-',
    ]);
    expect(existsSync(join(root, '.provisioning/extensions/taskserv'))).toBe(true);
    expect(existsSync(join(root, '.provisioning/extensions/taskserv/web'))).toBe(false);
  });

  it('installs a local package file and locks it by digest', async () => {
    writeFileSync(join(sandbox, 'hello-1.0.0.tgz'), testTaskservTarball({ name: 'hello', version: '1.0.0' }));
    const { root, env } = workspace('ws', join(sandbox, 'none'));
    const manager = new ExtensionManager({ workspaceRoot: root, env, registries: [] });
    await manager.installFile(join(sandbox, 'hello-1.0.0.tgz'));
    expect(readLockfile(root)?.extensions['hello']).toMatchObject({ registry: 'file', version: '1.0.0' });
    const catalog = new ExtensionCatalog({ workspaceRoot: root, env, builtins: [] });
    expect(catalog.taskserv('hello').candidate).toMatchObject({ source: 'workspace', version: '1.0.0' });
  });
});

describe('ExtensionManager over HTTP', () => {
  it('installs from a served registry, then reinstalls offline from the cache', async () => {
    const registry = join(sandbox, 'registry');
    await publish(registry, { name: 'hello', version: '1.0.0' });
    const served = await serveRegistry(registry);
    const first = workspace('first', served.url);
    try {
      await expect(first.manager.install(['hello'])).resolves.toMatchObject({ downloaded: 1, fromCache: 0 });
    } finally {
      await served.close();
    }
    const second = workspace('second', served.url);
    writeFileSync(
      join(second.root, 'provisioning.lock'),
      readFileSync(join(first.root, 'provisioning.lock')),
    );
    // The server is gone: the lock's package comes from the cache.
    await expect(second.manager.installFrozen()).resolves.toMatchObject({ downloaded: 0, fromCache: 1 });
    const third = workspace('third', served.url);
    // Resolving needs the index: the cached copy is used and reported.
    await expect(third.manager.install(['hello'])).resolves.toMatchObject({
      offlineRegistries: ['team'],
      fromCache: 1,
    });
  });

  it('serves only index.json and tarballs, never other files or paths outside the registry', async () => {
    const registry = join(sandbox, 'registry');
    await publish(registry, { name: 'hello', version: '1.0.0' });
    writeFileSync(join(registry, 'secret.txt'), 'no');
    const served = await serveRegistry(registry);
    try {
      const status = async (path: string) => (await fetch(new URL(path, served.url))).status;
      expect(await status('index.json')).toBe(200);
      expect(await status('taskserv/hello/hello-1.0.0.tgz')).toBe(200);
      expect(await status('secret.txt')).toBe(404);
      expect(await status('%2e%2e/%2e%2e/etc/passwd')).toBe(404);
      expect(await status('.index.lock/x.tgz')).toBe(404);
    } finally {
      await served.close();
    }
  });
});
