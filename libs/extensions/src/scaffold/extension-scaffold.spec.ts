import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CORE_VERSION } from '@provisioning/sdk';
import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { parseScenarioFile } from '../scenarios/scenario-file';
import { ExtensionCatalog } from '../loader/extension-catalog';
import { writeLinks } from '../loader/links';
import { parseManifest } from '../manifest/parse-manifest';
import { extensionScaffoldFiles } from './extension-scaffold';

const base = {
  name: 'my-thing',
  kind: 'taskserv' as const,
  description: "Sets up my thing's files.",
  propertyName: 'myThing',
  coreVersion: CORE_VERSION,
};

describe('extensionScaffoldFiles', () => {
  it('writes a scenarios.yaml and a README section on testing for a taskserv, neither for a provider', () => {
    const taskserv = extensionScaffoldFiles({ ...base, layout: { kind: 'standalone' } });
    expect(taskserv['README.md']).toContain('## Testing on real hosts');
    expect(taskserv['README.md']).toContain('provisioning test . --keep');
    expect(parseScenarioFile(taskserv['scenarios.yaml'])).toMatchObject({
      ok: true,
      value: [{ name: 'defaults' }],
    });
    const provider = extensionScaffoldFiles({ ...base, kind: 'provider', layout: { kind: 'standalone' } });
    expect(provider['scenarios.yaml']).toBeUndefined();
    expect(provider['README.md']).not.toContain('provisioning test');
  });

  it('writes the same file names inside the monorepo and standalone (plus a .gitignore outside)', () => {
    const monorepo = Object.keys(
      extensionScaffoldFiles({
        ...base,
        layout: { kind: 'monorepo', offsetFromRoot: '../../../', root: 'extensions/taskservs/my-thing' },
      }),
    ).sort();
    const standalone = Object.keys(
      extensionScaffoldFiles({ ...base, layout: { kind: 'standalone' } }),
    ).sort();
    expect(standalone).toEqual([...monorepo, '.gitignore'].sort());
  });

  it('writes a manifest that parses, with the current core range', () => {
    const files = extensionScaffoldFiles({ ...base, layout: { kind: 'standalone' } });
    expect(parseManifest(files['manifest.yaml'])).toMatchObject({
      ok: true,
      value: { name: 'my-thing', version: '0.1.0', core: `^${CORE_VERSION}` },
    });
  });

  it('gives a standalone extension that links and loads as written: manifest and code agree', () => {
    const sandbox = mkdtempSync(join(tmpdir(), 'scaffold-'));
    try {
      const dir = join(sandbox, 'my-thing');
      for (const [path, content] of Object.entries(
        extensionScaffoldFiles({ ...base, layout: { kind: 'standalone' } }),
      )) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      const workspace = join(sandbox, 'ws');
      writeLinks(workspace, { 'my-thing': dir });
      const { definition, candidate } = new ExtensionCatalog({
        workspaceRoot: workspace,
        env: { PROVISIONING_HOME: join(sandbox, 'home') },
        builtins: [],
      }).taskserv('my-thing');
      expect(candidate.source).toBe('linked');
      expect(definition.params.parse({})).toEqual({ config_dir: '/etc/my-thing', message: 'hello' });
      // The scenario declares exactly what the code's param change rewrites, so a first
      // `provisioning test` of a new extension is green.
      const scenarios = parseScenarioFile(
        extensionScaffoldFiles({ ...base, layout: { kind: 'standalone' } })['scenarios.yaml'],
      );
      if (!scenarios.ok) throw new Error(JSON.stringify(scenarios.problems));
      expect(predictScenarioChanges(definition, scenarios.value[0])).toEqual([
        expect.objectContaining({
          predicted: ['file:/etc/my-thing/my-thing.conf'],
          expected: ['file:/etc/my-thing/my-thing.conf'],
          removeOperations: 1,
        }),
      ]);
    } finally {
      rmSync(sandbox, { recursive: true, force: true });
    }
  });
});
