import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { list } from 'tar';
import { parse } from 'yaml';
import { sha256Hex as sha256Of } from '@provisioning/extensions';
import runExecutor from './executor';

describe('bundle executor', () => {
  let root: string;
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const context = () =>
    ({
      root,
      projectsConfigurations: {
        version: 2,
        projects: {
          'taskserv-redis': { root: 'extensions/taskservs/redis' },
          'template-web': { root: 'templates/web' },
        },
      },
    }) as unknown as ExecutorContext;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bundle-executor-'));
    write('dist/apps/cli/main.mjs', 'console.log("cli");\n');
    write('dist/apps/cli/chunks/handler-1.mjs', 'export {};\n');
    write('dist/apps/cli/main.mjs.map', '{}');
    write('dist/apps/cli/meta.json', '{}');
    write(
      'extensions/taskservs/redis/manifest.yaml',
      'name: redis\nkind: taskserv\nversion: 1.2.0\ndescription: R.\ncore: ^0.1.0\n',
    );
    write('dist/packages/taskserv-redis/taskserv-redis-1.2.0.tgz', 'redis-package');
    write('templates/web/template.yaml', 'name: web\nversion: 0.3.0\ndescription: Web.\n');
    write('dist/packages/template-web/template-web-0.3.0.tgz', 'web-package');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const options = {
    name: 'stable',
    version: '1.0.0',
    extensions: ['taskserv-redis'],
    templates: ['template-web'],
  };

  it('packs the CLI (without maps or metafile), the chosen packages and a bundle.yaml of versions and checksums', async () => {
    await expect(runExecutor(options, context())).resolves.toEqual({ success: true });
    const file = join(root, 'dist/bundles/stable-1.0.0.tgz');
    const seen: Record<string, string> = {};
    await list({
      file,
      onReadEntry: (entry) => {
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => (seen[entry.path] = Buffer.concat(chunks).toString()));
      },
    });
    expect(Object.keys(seen).sort()).toEqual([
      'bundle/SHA256SUMS',
      'bundle/bundle.yaml',
      'bundle/cli/chunks/handler-1.mjs',
      'bundle/cli/main.mjs',
      'bundle/extensions/taskserv-redis-1.2.0.tgz',
      'bundle/templates/template-web-0.3.0.tgz',
    ]);
    expect(parse(seen['bundle/bundle.yaml'])).toEqual({
      name: 'stable',
      version: '1.0.0',
      core: '0.1.0',
      cli: [
        { path: 'cli/chunks/handler-1.mjs', sha256: sha256Of('export {};\n') },
        { path: 'cli/main.mjs', sha256: sha256Of('console.log("cli");\n') },
      ],
      extensions: [
        {
          id: 'taskserv-redis',
          version: '1.2.0',
          path: 'extensions/taskserv-redis-1.2.0.tgz',
          sha256: sha256Of('redis-package'),
        },
      ],
      templates: [
        {
          id: 'template-web',
          version: '0.3.0',
          path: 'templates/template-web-0.3.0.tgz',
          sha256: sha256Of('web-package'),
        },
      ],
    });
  });

  it('lists every other file of the bundle in SHA256SUMS, in sha256sum format', async () => {
    await runExecutor(options, context());
    const sums: Record<string, string> = {};
    await list({
      file: join(root, 'dist/bundles/stable-1.0.0.tgz'),
      onReadEntry: (entry) => {
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => (sums[entry.path] = Buffer.concat(chunks).toString()));
      },
    });
    const lines = sums['bundle/SHA256SUMS'].trim().split('\n');
    expect(lines).toContain(`${sha256Of('console.log("cli");\n')}  cli/main.mjs`);
    expect(lines.map((line) => line.slice(66)).sort()).toEqual(
      Object.keys(sums)
        .filter((p) => p !== 'bundle/SHA256SUMS')
        .map((p) => p.slice('bundle/'.length))
        .sort(),
    );
  });

  it('takes version, extensions and templates from versions.yaml bundles: when the target names only the bundle', async () => {
    write(
      'versions.yaml',
      'format: 1\ncores:\n  0.1.0: { cli: 0.1.0 }\nbundles:\n  lts: { version: 2.0.0, core: 0.1.0, extensions: [taskserv-redis] }\n',
    );
    await expect(runExecutor({ name: 'lts' }, context())).resolves.toEqual({ success: true });
    const paths: string[] = [];
    await list({
      file: join(root, 'dist/bundles/lts-2.0.0.tgz'),
      onReadEntry: (entry) => void paths.push(entry.path),
    });
    expect(paths).toEqual(
      expect.arrayContaining(['bundle/extensions/taskserv-redis-1.2.0.tgz', 'bundle/versions.yaml']),
    );
    expect(paths).not.toContain('bundle/templates/template-web-0.3.0.tgz');
  });

  it('is deterministic: the same inputs give the same sha256', async () => {
    await runExecutor(options, context());
    const first = readFileSync(join(root, 'dist/bundles/stable-1.0.0.tgz.sha256'), 'utf8');
    await runExecutor(options, context());
    expect(readFileSync(join(root, 'dist/bundles/stable-1.0.0.tgz.sha256'), 'utf8')).toBe(first);
  });

  it('fails, writing nothing, when a package has not been built', async () => {
    rmSync(join(root, 'dist/packages/taskserv-redis'), { recursive: true });
    await expect(runExecutor(options, context())).resolves.toEqual({ success: false });
    expect(() => readFileSync(join(root, 'dist/bundles/stable-1.0.0.tgz'))).toThrow();
  });

  it('fails for an unknown project name', async () => {
    await expect(runExecutor({ ...options, extensions: ['taskserv-ghost'] }, context())).resolves.toEqual({
      success: false,
    });
  });
});
