import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { extractPackage } from '../archive/extract-package';
import { DEFAULT_EXTRACTION_LIMITS } from '../archive/extraction-limits';
import { ExtensionError } from '../errors';
import { generateSigningKeyPair, privateKeyObject } from '../integrity/signing-keys';
import { ExtensionManager } from '../install/extension-manager';
import { publishToDirectory, readIndexFile, setYanked } from '../registry/publish';
import { serializeRegistryIndex } from '../registry/registry-index';
import { signPackage } from '../integrity/package-signature';
import { sha256Hex } from '../integrity/sha256';
import { gzipTar, rawTar, snapshotTree, testTaskservTarball } from '../testing';

/**
 * The malicious-archive corpus: every package here must be refused with a message that says what
 * is wrong, and leave the file system exactly as it was (the install root, the user's folder and
 * cache, and the folder above the target). Archives are built byte by byte in the test.
 */
let sandbox: string;
beforeEach(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'corpus-'));
});
afterEach(() => rmSync(sandbox, { recursive: true, force: true }));

const good = { path: 'package/manifest.yaml', content: 'name: x\n' };

const archiveCorpus: {
  name: string;
  archive: () => Buffer;
  message: RegExp;
  limits?: Record<string, number>;
}[] = [
  {
    name: 'path traversal with ..',
    archive: () => gzipTar([good, { path: 'package/../../evil.sh', content: 'boom' }]),
    message: /climbs out of the package with "\.\."/,
  },
  {
    name: 'absolute path',
    archive: () => gzipTar([good, { path: '/tmp/evil.sh', content: 'boom' }]),
    message: /is an absolute path/,
  },
  {
    name: 'symlink escaping the package',
    archive: () => gzipTar([good, { path: 'package/etc', type: 'symlink', linkpath: '../../../../etc' }]),
    message: /symbolic link to "\.\.\/\.\.\/\.\.\/\.\.\/etc"/,
  },
  {
    name: 'file written through a symlink planted earlier',
    archive: () =>
      gzipTar([
        { path: 'package/out', type: 'symlink', linkpath: '/tmp' },
        { path: 'package/out/evil.sh', content: 'boom' },
      ]),
    message: /symbolic link/,
  },
  {
    name: 'hardlink to a file outside',
    archive: () => gzipTar([good, { path: 'package/passwd', type: 'hardlink', linkpath: '/etc/passwd' }]),
    message: /hard link to "\/etc\/passwd"/,
  },
  {
    name: 'hardlink inside the package (links are never needed)',
    archive: () =>
      gzipTar([good, { path: 'package/copy', type: 'hardlink', linkpath: 'package/manifest.yaml' }]),
    message: /hard link/,
  },
  {
    name: 'character device',
    archive: () => gzipTar([good, { path: 'package/null', type: 'chardev' }]),
    message: /is a device file/,
  },
  {
    name: 'block device',
    archive: () => gzipTar([good, { path: 'package/sda', type: 'blockdev' }]),
    message: /is a device file/,
  },
  { name: 'FIFO', archive: () => gzipTar([good, { path: 'package/pipe', type: 'fifo' }]), message: /FIFO/ },
  {
    name: 'file above the per-file limit',
    archive: () => gzipTar([good, { path: 'package/big.bin', content: randomBytes(8192) }]),
    message: /above the per-file limit of 4096/,
    limits: { maxFileBytes: 4096 },
  },
  {
    name: 'files above the total limit',
    archive: () =>
      gzipTar([
        good,
        { path: 'package/a', content: randomBytes(3000) },
        { path: 'package/b', content: randomBytes(3000) },
      ]),
    message: /add up to more than 5000 bytes/,
    limits: { maxTotalBytes: 5000 },
  },
  {
    name: 'compression bomb (80 MiB of zeros in 80 KiB)',
    archive: () =>
      gzipSync(rawTar([good, { path: 'package/zeros', content: Buffer.alloc(80 * 1024 * 1024) }]), {
        level: 1,
      }),
    message: /expands to more than \d+ bytes \(limit 67108864 bytes of files\): a decompression bomb/,
  },
  {
    name: 'compression ratio above the limit',
    archive: () => gzipTar([good, { path: 'package/zeros', content: Buffer.alloc(4 * 1024 * 1024) }]),
    message: /expands \d+x \(limit 200x\): a decompression bomb/,
  },
  {
    name: 'duplicate entries (a later copy replaces a checked one)',
    archive: () =>
      gzipTar([
        good,
        { path: 'package/dist/index.js', content: 'a' },
        { path: 'package/dist/index.js', content: 'b' },
      ]),
    message: /"package\/dist\/index\.js" appears twice/,
  },
  {
    name: 'too many entries',
    archive: () => gzipTar(Array.from({ length: 30 }, (_, i) => ({ path: `package/f${i}`, content: 'x' }))),
    message: /more than 20 entries/,
    limits: { maxEntries: 20 },
  },
  {
    name: 'entry outside the package folder',
    archive: () => gzipTar([good, { path: 'other/evil.sh', content: 'boom' }]),
    message: /outside the "package\/" folder/,
  },
  {
    name: 'a path that is both a file and a folder',
    archive: () =>
      gzipTar([
        good,
        { path: 'package/dist', content: 'x' },
        { path: 'package/dist/index.js', content: 'y' },
      ]),
    message: /is both a file and a folder/,
  },
  {
    name: 'not gzip at all',
    archive: () => Buffer.from('#!/bin/sh\nrm -rf /\n'),
    message: /not a gzip-compressed tarball/,
  },
  {
    name: 'truncated tar data',
    archive: () =>
      gzipSync(
        rawTar([good, { path: 'package/dist/index.js', content: 'x'.repeat(2000) }]).subarray(0, 2048),
      ),
    message: /TRUNCATED/,
  },
];

describe('extraction refuses hostile archives and writes nothing', () => {
  it.each(archiveCorpus)('$name', async ({ archive, message, limits }) => {
    const parent = join(sandbox, 'install');
    mkdirSync(parent);
    writeFileSync(join(sandbox, 'marker'), 'unchanged');
    const before = snapshotTree(sandbox);
    const target = join(parent, 'taskserv', 'x', '1.0.0');
    const error = await extractPackage(archive(), target, {
      label: 'x.tgz',
      limits: limits ? { ...DEFAULT_EXTRACTION_LIMITS, ...limits } : undefined,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtensionError);
    expect((error as ExtensionError).message).toMatch(message);
    expect((error as ExtensionError).message).toMatch(/^x\.tgz: refused/);
    expect(snapshotTree(sandbox)).toEqual(before);
  });

  it('extracts a well-formed package into the target and nothing else', async () => {
    const target = join(sandbox, 'install', 'taskserv', 'hello', '1.0.0');
    await extractPackage(testTaskservTarball({ name: 'hello', version: '1.0.0' }), target);
    expect(snapshotTree(sandbox)).toEqual([
      'install',
      'install/taskserv',
      'install/taskserv/hello',
      'install/taskserv/hello/1.0.0',
      'install/taskserv/hello/1.0.0/dist',
      'install/taskserv/hello/1.0.0/dist/index.js',
      'install/taskserv/hello/1.0.0/manifest.yaml',
    ]);
  });
});

/** Registry-level refusals: the package's bytes may be fine, but what vouches for them is not. */
describe('installing from a registry refuses untrustworthy packages and writes nothing', () => {
  const key = generateSigningKeyPair();
  const otherKey = generateSigningKeyPair();

  async function setUp(packages: Parameters<typeof testTaskservTarball>[0][], signWith = key) {
    const registry = join(sandbox, 'registry');
    for (const pkg of packages)
      await publishToDirectory(
        registry,
        testTaskservTarball(pkg),
        privateKeyObject(signWith.privateKeyPem, 'key'),
      );
    const workspace = join(sandbox, 'workspace');
    mkdirSync(workspace);
    writeFileSync(join(workspace, 'provisioning.yaml'), 'name: ws\n');
    const home = join(sandbox, 'home');
    mkdirSync(home);
    const manager = new ExtensionManager({
      workspaceRoot: workspace,
      env: { PROVISIONING_HOME: home },
      registries: [{ name: 'team', url: registry, public_key: key.publicKey }],
    });
    return { registry, workspace, home, manager };
  }

  /** Everything but the registry itself (which the test prepared) must be as it was. */
  async function expectRefused(run: () => Promise<unknown>, code: string, message: RegExp) {
    const watched = [join(sandbox, 'workspace'), join(sandbox, 'home')];
    const before = watched.map(snapshotTree);
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtensionError);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(message);
    expect(watched.map(snapshotTree)).toEqual(before);
  }

  function rewriteIndex(registry: string, edit: (index: ReturnType<typeof readIndexFile>) => void) {
    const index = readIndexFile(registry);
    edit(index);
    writeFileSync(join(registry, 'index.json'), serializeRegistryIndex(index));
  }

  it('wrong sha256: the tarball was swapped after publishing', async () => {
    const { registry, manager } = await setUp([{ name: 'hello', version: '1.0.0' }]);
    writeFileSync(
      join(registry, 'taskserv/hello/hello-1.0.0.tgz'),
      testTaskservTarball({ name: 'hello', version: '1.0.0', directory: '/tmp/owned' }),
    );
    await expectRefused(
      () => manager.install(['hello']),
      'integrity',
      /the tarball's sha256 is [0-9a-f]{64}, but the index says/,
    );
  });

  it('bad signature: the index entry was altered', async () => {
    const { registry, manager } = await setUp([{ name: 'hello', version: '1.0.0' }]);
    rewriteIndex(registry, (index) => {
      const entry = index.extensions['hello'].versions['1.0.0'];
      const signature = Buffer.from(entry.signature as string, 'base64');
      signature[0] ^= 0xff;
      entry.signature = signature.toString('base64');
    });
    await expectRefused(
      () => manager.install(['hello']),
      'signature',
      /signature does not verify against the trusted key/,
    );
  });

  it('unsigned package', async () => {
    const { registry, manager } = await setUp([{ name: 'hello', version: '1.0.0' }]);
    rewriteIndex(registry, (index) => {
      delete index.extensions['hello'].versions['1.0.0'].signature;
    });
    await expectRefused(() => manager.install(['hello']), 'signature', /hello@1\.0\.0 is not signed/);
  });

  it('signed by a key the workspace does not trust', async () => {
    const { manager } = await setUp([{ name: 'hello', version: '1.0.0' }], otherKey);
    await expectRefused(
      () => manager.install(['hello']),
      'untrusted',
      /signed by key [0-9a-f]{16}, which no registry in provisioning.yaml trusts/,
    );
  });

  it('incompatible core range', async () => {
    const { manager } = await setUp([{ name: 'hello', version: '2.0.0', core: '^9.0.0' }]);
    await expectRefused(
      () => manager.install(['hello']),
      'incompatible-core',
      /hello 2\.0\.0 satisfies \* \(required by the command line\), but needs core \^9\.0\.0 and this core is 0\.1\.0/,
    );
  });

  it('dependency cycle', async () => {
    const { manager } = await setUp([
      { name: 'alpha', version: '1.0.0', dependencies: { beta: '^1.0.0' } },
      { name: 'beta', version: '1.0.0', dependencies: { alpha: '^1.0.0' } },
    ]);
    await expectRefused(
      () => manager.install(['alpha']),
      'dependency-cycle',
      /dependency cycle: alpha@1\.0\.0 -> beta@1\.0\.0 -> alpha@1\.0\.0/,
    );
  });

  it('yanked version', async () => {
    const { registry, manager } = await setUp([{ name: 'hello', version: '1.0.0' }]);
    setYanked(registry, 'hello', '1.0.0', true, 'leaks the password');
    await expectRefused(
      () => manager.install(['hello@1.0.0']),
      'yanked',
      /hello 1\.0\.0 satisfies 1\.0\.0 .* but was yanked by its publisher/,
    );
  });

  it('manifest that disagrees with its code (version)', async () => {
    const { manager } = await setUp([{ name: 'hello', version: '1.0.0', codeVersion: '6.6.6' }]);
    await expectRefused(
      () => manager.install(['hello']),
      'manifest-mismatch',
      /manifest\.yaml says version 1\.0\.0, but the code says 6\.6\.6/,
    );
  });

  it('manifest that disagrees with its code (name)', async () => {
    const { manager } = await setUp([{ name: 'hello', version: '1.0.0', codeName: 'redis' }]);
    await expectRefused(
      () => manager.install(['hello']),
      'manifest-mismatch',
      /names taskserv "hello", but the code exports no taskserv of that name \(found: "redis"\)/,
    );
  });

  it('package whose manifest disagrees with the index (validly signed, pointing at another package)', async () => {
    const { registry, manager } = await setUp([
      { name: 'hello', version: '1.0.0' },
      { name: 'other', version: '1.0.0' },
    ]);
    rewriteIndex(registry, (index) => {
      const other = index.extensions['other'].versions['1.0.0'];
      const signature = signPackage(
        { kind: 'taskserv', name: 'hello', version: '1.0.0', sha256: other.sha256 },
        privateKeyObject(key.privateKeyPem, 'k'),
      );
      index.extensions['hello'].versions['1.0.0'] = { ...other, signature };
    });
    await expectRefused(
      () => manager.install(['hello']),
      'manifest-mismatch',
      /the package's manifest says name "other" \(index: "hello"\)/,
    );
  });

  it('hostile archive behind a valid digest and signature (a compromised publisher)', async () => {
    const { registry, manager } = await setUp([{ name: 'hello', version: '1.0.0' }]);
    const evil = gzipTar([
      { path: 'package/manifest.yaml', content: 'x' },
      { path: 'package/../../../evil', content: 'boom' },
    ]);
    writeFileSync(join(registry, 'taskserv/hello/hello-1.0.0.tgz'), evil);
    rewriteIndex(registry, (index) => {
      const entry = index.extensions['hello'].versions['1.0.0'];
      entry.sha256 = sha256Hex(evil);
      entry.signature = signPackage(
        { kind: 'taskserv', name: 'hello', version: '1.0.0', sha256: entry.sha256 },
        privateKeyObject(key.privateKeyPem, 'k'),
      );
    });
    await expectRefused(() => manager.install(['hello']), 'unsafe-archive', /climbs out of the package/);
  });

  it('hostile local file handed to install', async () => {
    await setUp([]);
    writeFileSync(
      join(sandbox, 'evil.tgz'),
      gzipTar([
        { path: 'package/manifest.yaml', content: 'x' },
        { path: 'package/link', type: 'symlink', linkpath: '/root' },
      ]),
    );
    const manager = new ExtensionManager({
      workspaceRoot: join(sandbox, 'workspace'),
      env: { PROVISIONING_HOME: join(sandbox, 'home') },
      registries: [],
    });
    await expectRefused(
      () => manager.installFile(join(sandbox, 'evil.tgz')),
      'unsafe-archive',
      /symbolic link to "\/root"/,
    );
  });
});
