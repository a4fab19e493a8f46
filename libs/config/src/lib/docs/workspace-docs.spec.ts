import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { createTempWorkspace } from '../../testing/temp-workspace';
import { formatDiagnostic } from '../diagnostics/diagnostic';
import {
  clusterRoleSchema,
  clusterSchema,
  infraFileSchema,
  serverSchema,
  taskservSchema,
} from '../schema/infra-file';
import { settingKeys } from '../schema/settings';
import { registrySchema, workspaceFileSchema } from '../schema/workspace-file';
import { validateConfigFile } from '../settings/edit-config-file';
import { resolveSettings } from '../settings/resolve-settings';
import { validateWorkspace } from '../workspace/validate-workspace';

/**
 * docs/workspace.md: every ```yaml block starts with `# file: <path>` and is a file of one example
 * workspace. Here with stand-in params schemas; apps/cli checks the same examples against the real
 * built-in taskservs.
 */
const DOC = readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'docs', 'workspace.md'), 'utf8');
const blocks = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
const files = blocks.map((block) => ({ path: /^# file: (.+)$/m.exec(block)?.[1], content: block }));
const USER_CONFIG = '~/.config/provisioning/config.yaml';

function docsWorkspace() {
  const ws = createTempWorkspace({ '.gitignore': '.provisioning/\n' });
  for (const file of files)
    ws.write(
      file.path === USER_CONFIG ? 'xdg/provisioning/config.yaml' : (file.path as string),
      file.content,
    );
  chmodSync(join(ws.root, '.provisioning/secrets.yaml'), 0o600);
  const env = { XDG_CONFIG_HOME: join(ws.root, 'xdg'), ACME_NODE_2_ADDRESS: '10.0.3.42' };
  return { ws, env };
}

const anyParams = { paramsSchema: z.record(z.string(), z.unknown()) };
const lookup = (name: string) =>
  name === 'redis'
    ? {
        paramsSchema: z.strictObject({
          maxmemory: z.string(),
          maxmemory_policy: z.string(),
          password: z.string(),
          port: z.number(),
        }),
        defaults: { port: 6379 },
      }
    : anyParams;

describe('docs/workspace.md', () => {
  it('names the file of every yaml example', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    expect(files.filter((f) => !f.path)).toEqual([]);
  });

  it('has examples that form a valid workspace with no errors and no warnings', () => {
    const { ws, env } = docsWorkspace();
    const report = validateWorkspace(ws.root, { env, taskservLookup: lookup });
    expect(report.diagnostics.map(formatDiagnostic)).toEqual([]);
    const redis = report.workspace?.infras['prod'].taskservs.find((t) => t.name === 'redis');
    expect(redis?.resolved.values).toEqual({
      port: 6379,
      maxmemory: '512mb',
      maxmemory_policy: 'allkeys-lru',
      password: '{{secret.REDIS_PASSWORD}}',
    });
    expect(validateConfigFile(join(ws.root, 'xdg/provisioning/config.yaml'), 'user')).toEqual([]);
    expect(resolveSettings({ env, workspaceRoot: ws.root, infra: 'prod' }).diagnostics).toEqual([]);
    ws.cleanup();
  });

  it('documents every setting and every key of every file', () => {
    const keysOf = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape);
    const documented = [
      ...settingKeys(),
      ...[
        workspaceFileSchema,
        registrySchema,
        infraFileSchema,
        serverSchema,
        taskservSchema,
        clusterSchema,
        clusterRoleSchema,
      ].flatMap(keysOf),
    ];
    expect(documented.filter((key) => !DOC.includes(`\`${key}\``))).toEqual([]);
  });
});
