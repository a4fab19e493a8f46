import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineTaskserv, directory } from '@provisioning/sdk';
import { z } from 'zod';
import { extractPackage } from '../archive/extract-package';
import { type TestTaskservPackage, testManifest, testTaskservSource, testTaskservTarball } from '../testing';
import { ExtensionCatalog } from './extension-catalog';
import { writeLinks } from './links';

let sandbox: string;
let workspace: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'catalog-'));
  workspace = join(sandbox, 'ws');
  mkdirSync(workspace);
  env = { PROVISIONING_HOME: join(sandbox, 'home') };
});
afterEach(() => rmSync(sandbox, { recursive: true, force: true }));

const builtinHello = defineTaskserv({
  name: 'hello',
  version: '0.1.0',
  params: z.object({}),
  install: () => [directory({ path: '/etc/builtin', mode: '0755' })],
});

async function install(root: string, pkg: TestTaskservPackage) {
  await extractPackage(testTaskservTarball(pkg), join(root, 'extensions', 'taskserv', pkg.name, pkg.version));
}

function linkedFolder(pkg: TestTaskservPackage): string {
  const dir = join(sandbox, 'linked', pkg.name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'manifest.yaml'), testManifest(pkg));
  // TypeScript source: the catalog builds it with esbuild on first use.
  writeFileSync(join(dir, 'src', 'index.ts'), testTaskservSource(pkg));
  return dir;
}

describe('ExtensionCatalog', () => {
  it('searches linked, workspace, user, then built-in, and says which source it used', async () => {
    await install(join(workspace, '.provisioning'), { name: 'hello', version: '1.0.0' });
    await install(join(sandbox, 'home'), { name: 'hello', version: '2.0.0' });
    const catalog = new ExtensionCatalog({ workspaceRoot: workspace, env, builtins: [builtinHello] });
    expect(catalog.candidates('hello').map((c) => `${c.source}@${c.version}`)).toEqual([
      'workspace@1.0.0',
      'user@2.0.0',
      'builtin@0.1.0',
    ]);
    expect(catalog.taskserv('hello').candidate).toMatchObject({ source: 'workspace', version: '1.0.0' });
    expect(catalog.taskserv('hello', '^2.0.0').candidate).toMatchObject({ source: 'user', version: '2.0.0' });
    expect(catalog.taskserv('hello', '~0.1.0').definition).toBe(builtinHello);
  });

  it('loads an installed package so its operations come from its code, with the core sdk and zod', async () => {
    await install(join(workspace, '.provisioning'), {
      name: 'hello',
      version: '1.0.0',
      directory: '/srv/hello',
    });
    const { definition } = new ExtensionCatalog({ workspaceRoot: workspace, env, builtins: [] }).taskserv(
      'hello',
    );
    const params = definition.params.parse({});
    expect(
      definition.install({
        params,
        host: { hostname: 'h', osFamily: 'debian', osId: 'debian', osVersion: '12', arch: 'x86_64' },
        secrets: {},
        outputs: () => undefined,
      }),
    ).toEqual([expect.objectContaining({ kind: 'directory', path: '/srv/hello' })]);
    expect(definition.params).toBeInstanceOf(z.ZodType);
  });

  it('names every available version and source when no version satisfies the range', async () => {
    await install(join(sandbox, 'home'), { name: 'hello', version: '3.0.0', core: '^9.0.0' });
    const catalog = new ExtensionCatalog({ workspaceRoot: workspace, env, builtins: [builtinHello] });
    expect(catalog.resolve('hello', '^9.0.0')).toEqual({
      ok: false,
      available: expect.any(Array),
      message:
        'no version of taskserv "hello" satisfies ^9.0.0 for core 0.1.0; available: 3.0.0 (user, needs core ^9.0.0), 0.1.0 (built-in)',
    });
  });

  it('builds a linked extension from its source, and rebuilds it when the source changes', () => {
    const dir = linkedFolder({ name: 'dev', version: '0.1.0', directory: '/etc/first' });
    writeLinks(workspace, { dev: dir });
    const first = new ExtensionCatalog({ workspaceRoot: workspace, env, builtins: [] }).taskserv('dev');
    expect(first.candidate).toMatchObject({ source: 'linked', version: '0.1.0', dir });
    expect(first.definition.params.parse({})).toEqual({ path: '/etc/first' });

    const pkg = { name: 'dev', version: '0.1.0', directory: '/etc/second' };
    writeFileSync(join(dir, 'manifest.yaml'), testManifest(pkg));
    writeFileSync(join(dir, 'src', 'index.ts'), testTaskservSource(pkg));
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'src', 'index.ts'), later, later);
    const second = new ExtensionCatalog({ workspaceRoot: workspace, env, builtins: [] }).taskserv('dev');
    expect(second.definition.params.parse({})).toEqual({ path: '/etc/second' });
  });

  it('reports a build error of a linked extension with its file and line', () => {
    const dir = linkedFolder({ name: 'dev', version: '0.1.0' });
    writeFileSync(join(dir, 'src', 'index.ts'), 'export const broken = ;\n');
    writeLinks(workspace, { dev: dir });
    expect(() =>
      new ExtensionCatalog({ workspaceRoot: workspace, env, builtins: [] }).taskserv('dev'),
    ).toThrow(/building the linked extension .* failed: .*Unexpected ";"/s);
  });
});
