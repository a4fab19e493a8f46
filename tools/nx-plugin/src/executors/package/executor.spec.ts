import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { list } from 'tar';
import runExecutor from './executor';

describe('package executor', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const entriesOf = async (file: string) => {
    const paths: string[] = [];
    await list({ file, onReadEntry: (entry) => void paths.push(entry.path) });
    return paths;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'package-executor-'));
    write(
      'extensions/taskservs/redis/manifest.yaml',
      'name: redis\nkind: taskserv\nversion: 1.2.0\ndescription: Redis.\ncore: ^0.1.0\n',
    );
    write('extensions/taskservs/redis/README.md', '# redis\n');
    write('dist/extensions/taskservs/redis/index.js', 'module.exports = {};\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const packageRedis = () =>
    runExecutor(
      {
        manifest: 'extensions/taskservs/redis/manifest.yaml',
        buildOutput: 'dist/extensions/taskservs/redis',
        outputPath: 'dist/packages',
      },
      { root } as ExecutorContext,
    );
  const tarball = () => join(root, 'dist/packages/taskserv-redis/taskserv-redis-1.2.0.tgz');

  it('packs the manifest, README and built code into <id>-<version>.tgz', async () => {
    await expect(packageRedis()).resolves.toEqual({ success: true });
    expect(await entriesOf(tarball())).toEqual([
      'package/README.md',
      'package/dist/index.js',
      'package/manifest.yaml',
    ]);
  });

  it('gives the same sha256 when run twice on the same input', async () => {
    await packageRedis();
    const first = readFileSync(`${tarball()}.sha256`, 'utf8');
    await packageRedis();
    expect(readFileSync(`${tarball()}.sha256`, 'utf8')).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{64} {2}taskserv-redis-1\.2\.0\.tgz\n$/);
  });

  it('fails when the extension has not been built', async () => {
    rmSync(join(root, 'dist'), { recursive: true });
    await expect(packageRedis()).resolves.toEqual({ success: false });
  });

  it('packs a template with its files', async () => {
    write('templates/tiny/template.yaml', 'name: tiny\nversion: 0.2.0\ndescription: Tiny.\n');
    write('templates/tiny/files/provisioning.yaml', 'name: <%= it.name %>\n');
    const result = await runExecutor({ manifest: 'templates/tiny/template.yaml' }, {
      root,
    } as ExecutorContext);
    expect(result).toEqual({ success: true });
    expect(await entriesOf(join(root, 'dist/packages/template-tiny/template-tiny-0.2.0.tgz'))).toEqual([
      'package/files/provisioning.yaml',
      'package/template.yaml',
    ]);
  });
});
