import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliForTest } from '../../testing/run-cli-for-test';

/**
 * The extension life cycle through the CLI, on real files: a key pair, an extension made outside
 * any workspace, linked, packed, published to a directory registry, installed from it by a
 * workspace (then from the lock by another), updated, listed, removed.
 */
describe('provisioning extension and registry', () => {
  let sandbox: string;
  let env: NodeJS.ProcessEnv;
  const cli = (argv: string[], cwd = sandbox) => runCliForTest(argv, { cwd, env });
  const json = async (argv: string[], cwd = sandbox) => {
    const run = await cli([...argv, '--output', 'json'], cwd);
    if (run.code !== 0) throw new Error(`${argv.join(' ')} exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout);
  };
  function workspace(name: string, publicKey: string): string {
    const root = join(sandbox, name);
    mkdirSync(join(root, 'infra', 'main'), { recursive: true });
    writeFileSync(
      join(root, 'provisioning.yaml'),
      `name: ${name}\nregistries:\n  - name: team\n    url: ../registry\n    public_key: ${publicKey}\n`,
    );
    writeFileSync(
      join(root, 'infra', 'main', 'servers.yaml'),
      'servers:\n  - name: web-1\n    address: 127.0.0.1\ntaskservs:\n  - name: my-thing\n    servers: [web-1]\n',
    );
    return root;
  }

  beforeEach(() => {
    sandbox = mkdtempSync(join(tmpdir(), 'cli-extension-'));
    env = { PROVISIONING_HOME: join(sandbox, 'home'), HOME: join(sandbox, 'home') };
  });
  afterEach(() => rmSync(sandbox, { recursive: true, force: true }));

  it('takes an extension from `new` through link, publish, install, update and remove', async () => {
    const key = await json(['registry', 'keygen', '--out', join(sandbox, 'keys', 'registry-key')]);
    expect(key.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);

    const created = await json([
      'extension',
      'new',
      'my-thing',
      '--kind',
      'taskserv',
      '--dir',
      join(sandbox, 'src', 'my-thing'),
    ]);
    expect(created.files).toContain('manifest.yaml');

    const ws = workspace('ws', key.publicKey);
    await expect(json(['extension', 'link', join(sandbox, 'src', 'my-thing')], ws)).resolves.toMatchObject({
      name: 'my-thing',
      version: '0.1.0',
    });
    const listed = await json(['taskserv', 'list'], ws);
    expect(listed.available).toContainEqual(
      expect.objectContaining({ name: 'my-thing', version: '0.1.0', source: 'linked' }),
    );
    expect((await cli(['validate'], ws)).code).toBe(0);

    const packed = await json([
      'extension',
      'pack',
      join(sandbox, 'src', 'my-thing'),
      '--out',
      join(sandbox, 'out'),
    ]);
    await expect(
      json([
        'registry',
        'publish',
        packed.file,
        '--registry',
        join(sandbox, 'registry'),
        '--key',
        key.privateKey,
      ]),
    ).resolves.toMatchObject({ name: 'my-thing', version: '0.1.0', keyId: key.keyId });
    await expect(json(['extension', 'search', 'thing'], ws)).resolves.toEqual([
      expect.objectContaining({ name: 'my-thing', latest: '0.1.0', registry: 'team' }),
    ]);

    await json(['extension', 'unlink', 'my-thing'], ws);
    const installed = await json(['extension', 'install', 'my-thing@^0.1.0'], ws);
    expect(installed.changes).toEqual([
      { name: 'my-thing', kind: 'taskserv', to: '0.1.0', registry: 'team' },
    ]);
    expect((await json(['taskserv', 'list'], ws)).available).toContainEqual(
      expect.objectContaining({ name: 'my-thing', source: 'workspace' }),
    );

    const other = workspace('other', key.publicKey);
    writeFileSync(join(other, 'provisioning.lock'), readFileSync(join(ws, 'provisioning.lock')));
    await expect(json(['extension', 'install', '--frozen'], other)).resolves.toMatchObject({
      fromCache: 1,
      downloaded: 0,
    });
    expect(existsSync(join(other, '.provisioning/extensions/taskserv/my-thing/0.1.0/dist/index.js'))).toBe(
      true,
    );

    // 0.1.1: bump both the manifest and the code, pack and publish.
    for (const file of ['manifest.yaml', 'src/index.ts']) {
      const path = join(sandbox, 'src', 'my-thing', file);
      writeFileSync(
        path,
        readFileSync(path, 'utf8').replace(/version: 0\.1\.0|version: '0\.1\.0'/, (m) =>
          m.replace('0.1.0', '0.1.1'),
        ),
      );
    }
    const packed2 = await json([
      'extension',
      'pack',
      join(sandbox, 'src', 'my-thing'),
      '--out',
      join(sandbox, 'out'),
    ]);
    await json([
      'registry',
      'publish',
      packed2.file,
      '--registry',
      join(sandbox, 'registry'),
      '--key',
      key.privateKey,
    ]);
    const outdated = await cli(['extension', 'outdated', '--output', 'json'], ws);
    expect(outdated.code).toBe(2);
    expect(JSON.parse(outdated.stdout)).toEqual([
      { name: 'my-thing', current: '0.1.0', wanted: '0.1.1', latest: '0.1.1', registry: 'team' },
    ]);
    await expect(json(['extension', 'update'], ws)).resolves.toMatchObject({
      changes: [{ name: 'my-thing', from: '0.1.0', to: '0.1.1' }],
    });
    const info = await json(['extension', 'info', 'my-thing'], ws);
    expect(info.local).toEqual([
      expect.objectContaining({ source: 'workspace', version: '0.1.1', used: true }),
    ]);

    await expect(json(['extension', 'remove', 'my-thing'], ws)).resolves.toMatchObject({
      changes: [{ name: 'my-thing', from: '0.1.1' }],
    });
    expect(existsSync(join(ws, '.provisioning/extensions/taskserv/my-thing'))).toBe(false);
  }, 120_000);

  it('refuses a second publish of a version with other bytes, and keygen never overwrites a key', async () => {
    const key = await json(['registry', 'keygen', '--out', join(sandbox, 'k')]);
    await json(['extension', 'new', 'dup', '--dir', join(sandbox, 'dup')]);
    const first = await json(['extension', 'pack', join(sandbox, 'dup'), '--out', join(sandbox, 'a')]);
    await json([
      'registry',
      'publish',
      first.file,
      '--registry',
      join(sandbox, 'registry'),
      '--key',
      key.privateKey,
    ]);
    writeFileSync(join(sandbox, 'dup', 'README.md'), 'changed\n');
    const second = await json(['extension', 'pack', join(sandbox, 'dup'), '--out', join(sandbox, 'b')]);
    const again = await cli([
      'registry',
      'publish',
      second.file,
      '--registry',
      join(sandbox, 'registry'),
      '--key',
      key.privateKey,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /dup@0\.1\.0 is already published with other content .* versions are immutable/,
    );
    const keygen = await cli(['registry', 'keygen', '--out', join(sandbox, 'k')]);
    expect(keygen.stderr).toMatch(/exists; a key is never overwritten/);
  }, 60_000);

  it('makes validate fail on a version range no source satisfies, at the entry, naming what is available', async () => {
    const root = join(sandbox, 'ws');
    mkdirSync(join(root, 'infra', 'main'), { recursive: true });
    writeFileSync(join(root, 'provisioning.yaml'), 'name: ws\n');
    writeFileSync(
      join(root, 'infra', 'main', 'servers.yaml'),
      'servers:\n  - name: cache-1\n    address: 127.0.0.1\ntaskservs:\n  - name: redis\n    version: ^9.0.0\n    servers: [cache-1]\n',
    );
    const run = await cli(['validate', '--no-color'], root);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(
      /infra\/main\/servers\.yaml:6:14 .*no version of taskserv "redis" satisfies \^9\.0\.0 for core 0\.1\.0; available: 0\.1\.0 \(built-in\)/,
    );
  });
});

describe('provisioning version --check', () => {
  const matrix = join(__dirname, '..', '..', '..', '..', '..', 'versions.yaml');
  it('checks the extensions in use against versions.yaml: built-ins tested, an outside version exits 1', async () => {
    const sandbox = mkdtempSync(join(tmpdir(), 'cli-version-'));
    try {
      const ok = await runCliForTest(['version', '--check', '--output', 'json'], {
        cwd: sandbox,
        env: { PROVISIONING_HOME: join(sandbox, 'home'), PROVISIONING_VERSIONS_FILE: matrix },
      });
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout).components).toContainEqual({
        kind: 'extension',
        name: 'redis',
        version: '0.1.0',
        source: 'builtin',
        tested: '^0.1.0',
        status: 'tested',
      });
      writeFileSync(
        join(sandbox, 'matrix.yaml'),
        'format: 1\ncores:\n  0.1.0:\n    cli: 0.1.0\n    extensions: { redis: ^2.0.0 }\n',
      );
      const outside = await runCliForTest(['version', '--check', '--no-color'], {
        cwd: sandbox,
        env: {
          PROVISIONING_HOME: join(sandbox, 'home'),
          PROVISIONING_VERSIONS_FILE: join(sandbox, 'matrix.yaml'),
        },
      });
      expect(outside.code).toBe(1);
      expect(outside.stdout).toMatch(/^redis\s+0\.1\.0\s+builtin\s+\^2\.0\.0\s+outside$/m);
    } finally {
      rmSync(sandbox, { recursive: true, force: true });
    }
  });
});
