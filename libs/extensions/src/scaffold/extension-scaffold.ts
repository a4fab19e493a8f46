import { stringify } from 'yaml';
import { z } from 'zod';
import { paramsJsonSchemaOf } from '../loader/check-definition';
import { SCENARIO_FILE } from '../scenarios/scenario-file';
import { type ExtensionKind, extensionId } from '../manifest/extension-name';

export interface ExtensionScaffoldOptions {
  name: string;
  kind: ExtensionKind;
  description: string;
  /** The exported symbol: `myThing` for my-thing. */
  propertyName: string;
  coreVersion: string;
  /**
   * `monorepo`: a project inside this repository (configs extend the root's, `../../../`);
   * `standalone`: a folder anywhere (`provisioning extension new`), configs self-contained.
   */
  layout: { kind: 'monorepo'; offsetFromRoot: string; root: string } | { kind: 'standalone' };
}

const CONFIG_DIR_DESCRIPTION = "Directory that holds the service's configuration.";
const MESSAGE_DESCRIPTION = 'Text written to the configuration file.';

/**
 * The files of a new extension, by path relative to its folder. The Nx extension generator and
 * `provisioning extension new` both write exactly these, so an extension made outside the
 * repository looks like one made inside it. The manifest's params are generated from the same
 * zod schema the code declares, so the loader's manifest-against-code check passes as written.
 */
export function extensionScaffoldFiles(options: ExtensionScaffoldOptions): Record<string, string> {
  const id = extensionId(options.kind, options.name);
  return {
    'manifest.yaml': manifestYaml(options, id),
    'src/index.ts': indexTs(options),
    'src/index.spec.ts': indexSpecTs(options),
    'README.md': readme(options, id),
    ...(options.kind === 'taskserv' ? { [SCENARIO_FILE]: scenariosYaml(options) } : {}),
    ...configFiles(options, id),
  };
}

/** The params schema of a new taskserv, as code (`src/index.ts`) and as the manifest's JSON Schema. */
function scaffoldParams(name: string) {
  return z.object({
    config_dir: z.string().default(`/etc/${name}`).describe(CONFIG_DIR_DESCRIPTION),
    message: z.string().default('hello').describe(MESSAGE_DESCRIPTION),
  });
}

function manifestYaml(options: ExtensionScaffoldOptions, id: string): string {
  const params =
    options.kind === 'taskserv'
      ? paramsJsonSchemaOf(scaffoldParams(options.name))
      : { type: 'object', properties: {} };
  const body = stringify(
    {
      name: options.name,
      kind: options.kind,
      version: '0.1.0',
      description: options.description,
      core: `^${options.coreVersion}`,
      dependencies: {},
      params,
    },
    { lineWidth: 0 },
  );
  const check =
    options.layout.kind === 'monorepo'
      ? `\`nx run ${id}:validate\` checks it`
      : '`provisioning extension link .` checks it when it loads';
  return `# The extension's contract with the core (docs/contributing-extensions.md). ${check}.\n# params must equal the JSON Schema of the zod params in src/index.ts (the loader compares them).\n${body}`;
}

function tsString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function indexTs(options: ExtensionScaffoldOptions): string {
  if (options.kind === 'provider') return providerIndexTs(options);
  if (options.kind !== 'taskserv') return clusterIndexTs(options);
  return `import { absent, defineTaskserv, directory, file } from '@provisioning/sdk';
import { z } from 'zod';

/**
 * ${options.description}
 * Keep \`name\`, \`version\` and \`params\` in step with manifest.yaml (the spec and the loader check them).
 */
export const ${options.propertyName} = defineTaskserv({
  name: '${options.name}',
  version: '0.1.0',
  description: ${tsString(options.description)},
  params: z.object({
    config_dir: z.string().default('/etc/${options.name}').describe(${tsString(CONFIG_DIR_DESCRIPTION)}),
    message: z.string().default('hello').describe(${tsString(MESSAGE_DESCRIPTION)}),
  }),
  install: ({ params }) => [
    directory({ path: params.config_dir, mode: '0755' }),
    file({ path: \`\${params.config_dir}/${options.name}.conf\`, content: \`message=\${params.message}\\n\`, mode: '0644' }),
  ],
  remove: ({ params }) => [absent({ path: params.config_dir, recursive: true })],
});
`;
}

function indexSpecTs(options: ExtensionScaffoldOptions): string {
  const p = options.propertyName;
  const taskserv = options.kind === 'taskserv';
  return `import { readFileSync } from 'node:fs';
import { join } from 'node:path';
${taskserv ? "import { resolveTaskservOperations, type HostFacts } from '@provisioning/sdk';\n" : ''}import { parse } from 'yaml';
import { ${p} } from './index';

const manifest = parse(readFileSync(join(__dirname, '..', 'manifest.yaml'), 'utf8'));
${taskserv ? "const host: HostFacts = { hostname: 'host-1', osFamily: 'debian', osId: 'debian', osVersion: '12', arch: 'x86_64' };\nconst context = (params: unknown) => ({ params, host, secrets: {}, outputs: () => undefined });\n" : ''}
describe('${options.kind} ${options.name}', () => {
  it('declares the name and version of its manifest.yaml', () => {
    expect({ name: ${p}.name, version: ${p}.version }).toEqual({
      name: manifest.name,
      version: manifest.version,
    });
  });
${
  taskserv
    ? `
  it('creates its configuration directory and file, by default under /etc', () => {
    const operations = resolveTaskservOperations(${p}, 'install', context({}));
    expect(operations).toEqual([
      expect.objectContaining({ kind: 'directory', path: '/etc/${options.name}' }),
      expect.objectContaining({ kind: 'file', path: '/etc/${options.name}/${options.name}.conf', content: 'message=hello\\n' }),
    ]);
  });

  it('removes its configuration directory, and only that', () => {
    const operations = resolveTaskservOperations(${p}, 'remove', context({}));
    expect(operations).toEqual([expect.objectContaining({ kind: 'absent', path: '/etc/${options.name}', recursive: true })]);
  });

  it('uses the config_dir param when given', () => {
    const operations = resolveTaskservOperations(${p}, 'install', context({ config_dir: '/srv/${options.name}' }));
    expect(operations[0]).toMatchObject({ path: '/srv/${options.name}' });
  });
`
    : ''
}});
`;
}

function readme(options: ExtensionScaffoldOptions, id: string): string {
  const commands =
    options.layout.kind === 'monorepo'
      ? `npx nx run ${id}:validate   # manifest, params schema, core range, dependencies
npx nx run ${id}:test
npx nx run ${id}:lint
npx nx run ${id}:package    # dist/packages/${id}/${id}-<version>.tgz + .sha256`
      : `provisioning extension link .          # use it live in a workspace (rebuilt on change)
provisioning extension pack . --out dist   # ${id}-<version>.tgz + .sha256
provisioning registry publish dist/${id}-0.1.0.tgz --registry DIR --key KEYFILE`;
  return `# ${options.kind}: ${options.name}

${options.description}

| file | what it is |
| --- | --- |
| \`manifest.yaml\` | name, version, the core range it works with, dependencies and the params schema |
| \`src/index.ts\` | the implementation, written against \`@provisioning/sdk\` |
| \`src/index.spec.ts\` | its tests |

\`\`\`sh
${commands}
\`\`\`
${options.kind === 'taskserv' ? testingSection(options) : ''}`;
}

function testingSection(options: ExtensionScaffoldOptions): string {
  const where = options.layout.kind === 'monorepo' ? options.layout.root : '.';
  return `
## Testing on real hosts

\`${SCENARIO_FILE}\` holds its scenarios. \`provisioning test\` boots throwaway Debian hosts (the
\`nspawn\` provider: root and systemd-nspawn needed), and for each scenario applies it and runs its
\`checks\`, applies again (it must change nothing), applies \`change.params\` (it must change exactly
\`change.changes\`), removes it and runs its \`removed\` checks. A failure names the step, the host,
the operation and what the check saw.

\`\`\`sh
provisioning test ${where}                        # every scenario, one host each
provisioning test ${where} --keep                 # leave the hosts up; prints the ssh line
provisioning test ${where} --junit report.xml     # for CI
\`\`\`

When you add a param or an operation, add a check for it and say in \`change.changes\` which
operation ids a param change rewrites. See docs/testing-extensions.md.
`;
}

/** The scenario of a new taskserv: the scaffold's own code passes it as written. */
function scenariosYaml(options: ExtensionScaffoldOptions): string {
  const dir = `/etc/${options.name}`;
  const conf = `${dir}/${options.name}.conf`;
  const body = stringify(
    {
      scenarios: [
        {
          name: 'defaults',
          taskserv: options.name,
          description:
            'Writes the configuration file; changing the message rewrites that file only; remove leaves nothing.',
          hosts: 1,
          apply: { params: {} },
          checks: [
            {
              description: 'the configuration file holds the message',
              command: `cat ${conf}`,
              expect: 'message=hello',
            },
          ],
          change: { params: { message: 'changed' }, changes: [`file:${conf}`] },
          removed: [
            {
              description: 'the configuration directory is gone',
              command: `test -e ${dir} && echo left || echo removed`,
              expect: 'removed',
            },
          ],
        },
      ],
    },
    { lineWidth: 0 },
  );
  return `# Scenarios \`provisioning test\` runs on throwaway hosts (docs/testing-extensions.md): first apply and
# checks, a second apply that must change nothing, the param change (exactly \`changes\`), remove and checks.
${body}`;
}

function configFiles(options: ExtensionScaffoldOptions, id: string): Record<string, string> {
  if (options.layout.kind === 'standalone') {
    return {
      'tsconfig.json': `${JSON.stringify({ compilerOptions: { target: 'es2022', module: 'commonjs', moduleResolution: 'node', strict: true, esModuleInterop: true, skipLibCheck: true, outDir: 'dist/out-tsc' }, files: [], include: [], references: [{ path: './tsconfig.lib.json' }, { path: './tsconfig.spec.json' }] }, null, 2)}\n`,
      'tsconfig.lib.json': `{\n  "extends": "./tsconfig.json",\n  "compilerOptions": { "types": ["node"] },\n  "include": ["src/**/*.ts"],\n  "exclude": ["src/**/*.spec.ts"]\n}\n`,
      'tsconfig.spec.json': `{\n  "extends": "./tsconfig.json",\n  "compilerOptions": { "types": ["jest", "node"] },\n  "include": ["src/**/*.ts"]\n}\n`,
      'jest.config.js': `module.exports = {\n  displayName: '${id}',\n  testEnvironment: 'node',\n  transform: { '^.+\\\\.ts$': '@swc/jest' },\n};\n`,
      'eslint.config.js': `// Add your lint rules here; inside the Provisioning monorepo this file extends the root config.\nmodule.exports = [];\n`,
      '.gitignore': 'dist/\nnode_modules/\n',
    };
  }
  const { offsetFromRoot, root } = options.layout;
  return {
    'eslint.config.js': `module.exports = [...require('${offsetFromRoot}eslint.config.js')];\n`,
    'jest.config.js': `module.exports = {\n  displayName: '${id}',\n  preset: '${offsetFromRoot}jest.preset.js',\n  coverageDirectory: '${offsetFromRoot}coverage/${root}',\n};\n`,
    'tsconfig.json': `{\n  "extends": "${offsetFromRoot}tsconfig.base.json",\n  "files": [],\n  "include": [],\n  "references": [{ "path": "./tsconfig.lib.json" }, { "path": "./tsconfig.spec.json" }]\n}\n`,
    'tsconfig.lib.json': `{\n  "extends": "./tsconfig.json",\n  "compilerOptions": { "outDir": "${offsetFromRoot}dist/out-tsc", "types": ["node"] },\n  "include": ["src/**/*.ts"],\n  "exclude": ["src/**/*.spec.ts", "jest.config.js"]\n}\n`,
    'tsconfig.spec.json': `{\n  "extends": "./tsconfig.json",\n  "compilerOptions": { "outDir": "${offsetFromRoot}dist/out-tsc", "types": ["jest", "node"] },\n  "include": ["src/**/*.ts", "src/**/*.spec.ts"]\n}\n`,
  };
}

function providerIndexTs(options: ExtensionScaffoldOptions): string {
  return `import { defineProvider, type ProviderServer } from '@provisioning/sdk';
import { z } from 'zod';

/**
 * ${options.description}
 * Keep \`name\` and \`version\` in step with manifest.yaml (the spec checks them). Each method speaks
 * to the provider's API; \`create\` must return the server it already made for a repeated clientToken.
 */
const servers = new Map<string, ProviderServer>();

export const ${options.propertyName} = defineProvider({
  name: '${options.name}',
  version: '0.1.0',
  description: ${tsString(options.description)},
  options: z.object({ zone: z.string().default('default'), plan: z.string().default('small'), image: z.string().default('debian-12') }),
  placement: (options) => ({ zone: options.zone, plan: options.plan, image: options.image }),
  create: async ({ options }, request) => {
    const existing = [...servers.values()].find((server) => server.labels['client-token'] === request.clientToken);
    if (existing) return existing;
    const server: ProviderServer = { id: request.name, name: request.name, status: 'running', zone: options.zone, plan: options.plan, image: options.image, labels: { ...request.labels, 'client-token': request.clientToken }, hostKeys: [] };
    servers.set(server.id, server);
    return server;
  },
  get: async (_ctx, id) => servers.get(id),
  list: async () => [...servers.values()],
  delete: async (_ctx, id) => void servers.delete(id),
  start: async () => undefined,
  stop: async () => undefined,
  reboot: async () => undefined,
  plans: async () => [{ name: 'small' }],
  images: async () => [{ name: 'debian-12' }],
  zones: async () => [{ name: 'default' }],
});
`;
}

function clusterIndexTs(options: ExtensionScaffoldOptions): string {
  return `import { defineCluster } from '@provisioning/sdk';
import { z } from 'zod';

/**
 * ${options.description}
 * Keep \`name\` and \`version\` in step with manifest.yaml (the spec checks them). Roles are applied
 * in order; each says which taskservs its servers get.
 */
export const ${options.propertyName} = defineCluster({
  name: '${options.name}',
  version: '0.1.0',
  description: ${tsString(options.description)},
  params: z.object({}),
  roles: [{ name: 'member', taskservs: () => [{ taskserv: 'base', params: {} }] }],
  health: [{ name: 'up', role: 'member', command: 'true' }],
});
`;
}
