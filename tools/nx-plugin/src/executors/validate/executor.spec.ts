import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import runExecutor from './executor';

const manifest = (name: string, extra = '') =>
  `name: ${name}\nkind: taskserv\nversion: 0.1.0\ndescription: ${name}.\ncore: ^0.1.0\n${extra}`;

describe('validate executor', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const run = (manifestPath: string) => runExecutor({ manifest: manifestPath }, { root } as ExecutorContext);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'validate-executor-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('succeeds for a valid manifest whose dependencies exist', async () => {
    write('extensions/taskservs/base/manifest.yaml', manifest('base'));
    write('extensions/taskservs/app/manifest.yaml', manifest('app', 'dependencies:\n  base: ^0.1.0\n'));
    await expect(run('extensions/taskservs/app/manifest.yaml')).resolves.toEqual({ success: true });
  });

  it('fails when a dependency does not exist', async () => {
    write('extensions/taskservs/app/manifest.yaml', manifest('app', 'dependencies:\n  ghost: ^1.0.0\n'));
    await expect(run('extensions/taskservs/app/manifest.yaml')).resolves.toEqual({ success: false });
  });

  it('fails when the core range excludes the current core', async () => {
    write('extensions/taskservs/app/manifest.yaml', manifest('app').replace('core: ^0.1.0', 'core: ^9.0.0'));
    await expect(run('extensions/taskservs/app/manifest.yaml')).resolves.toEqual({ success: false });
  });

  it('fails when the manifest file is missing', async () => {
    await expect(run('extensions/taskservs/none/manifest.yaml')).resolves.toEqual({ success: false });
  });
});
