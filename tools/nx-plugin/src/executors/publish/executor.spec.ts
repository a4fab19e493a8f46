import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { generateSigningKeyPair, readIndexFile, verifyPackageSignature } from '@provisioning/extensions';
import { testManifest, testTaskservTarball } from '@provisioning/extensions/testing';
import runExecutor from './executor';

describe('publish executor', () => {
  let root: string;
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'publish-executor-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('signs the packaged tarball and adds it to the registry index', async () => {
    const key = generateSigningKeyPair();
    write('keys/registry-key', key.privateKeyPem);
    write('extensions/taskservs/hello/manifest.yaml', testManifest({ name: 'hello', version: '1.0.0' }));
    write(
      'dist/packages/taskserv-hello/taskserv-hello-1.0.0.tgz',
      testTaskservTarball({ name: 'hello', version: '1.0.0' }),
    );
    const result = await runExecutor(
      {
        manifest: 'extensions/taskservs/hello/manifest.yaml',
        registry: join(root, 'registry'),
        key: join(root, 'keys/registry-key'),
      },
      { root } as ExecutorContext,
    );
    expect(result).toEqual({ success: true });
    const entry = readIndexFile(join(root, 'registry')).extensions['hello'].versions['1.0.0'];
    expect(readFileSync(join(root, 'registry', entry.tarball))).toEqual(
      readFileSync(join(root, 'dist/packages/taskserv-hello/taskserv-hello-1.0.0.tgz')),
    );
    expect(
      verifyPackageSignature(
        { kind: 'taskserv', name: 'hello', version: '1.0.0', sha256: entry.sha256 },
        entry.signature,
        entry.keyId,
        [{ registry: 'r', publicKey: key.publicKey }],
      ),
    ).toMatchObject({ registry: 'r' });
  });

  it('fails with what to run when the package was not built', async () => {
    write('extensions/taskservs/hello/manifest.yaml', testManifest({ name: 'hello', version: '1.0.0' }));
    write('k', generateSigningKeyPair().privateKeyPem);
    const result = await runExecutor(
      {
        manifest: 'extensions/taskservs/hello/manifest.yaml',
        registry: join(root, 'r'),
        key: join(root, 'k'),
      },
      { root } as ExecutorContext,
    );
    expect(result).toEqual({ success: false });
  });
});
