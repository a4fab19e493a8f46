import { createSecretStore } from '@provisioning/config';
import { createLocalExecutor } from '@provisioning/remote';
import { defineTaskserv, file, type TaskservDefinition } from '@provisioning/sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { loadInfra } from '../../testing/workspace-fixture';
import { plan } from './plan';
import { prepareRun } from './prepare-run';
import { EngineError } from '../errors';
import type { RunRequest } from './run-request';

const SECRET = 'canary-S3cr3t-4411';

const twoFiles = defineTaskserv({
  name: 'two-files',
  version: '1.0.0',
  params: z.object({ root: z.string(), first: z.string(), second: z.string(), bare: z.string() }),
  install: ({ params }) => [
    file({ path: `${params.root}/first`, content: `${params.first}\n`, mode: '0600' }),
    file({ path: `${params.root}/second`, content: `${params.second}\n`, mode: '0600' }),
    file({
      path: `${params.root}/bare`,
      content: `${params.bare}\n${Buffer.from(`u:${params.bare}`).toString('base64')}\n`,
      mode: '0600',
    }),
  ],
});

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'prepare-run-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

function context(): RunRequest {
  const infra = loadInfra({
    'infra/main/servers.yaml': 'servers:\n  - { name: a, provider: local }\n',
    'infra/main/taskservs.yaml': `taskservs:
  - name: two-files
    servers: [a]
    params: { root: "${root}", first: "x-{{secret.S}}", second: "y-{{secret.S}}", bare: "{{secret.S}}" }
`,
  });
  const registry = new Map<string, TaskservDefinition>([['two-files', twoFiles]]);
  const executor = createLocalExecutor({ host: 'a' });
  return {
    infra,
    workspaceName: 'test',
    resolveTaskserv: (entry) => registry.get(entry.name),
    executorFor: () => executor,
    action: 'install',
    secrets: createSecretStore({ env: { PROVISIONING_SECRET_S: SECRET }, files: [] }),
  };
}

describe('prepareRun redaction', () => {
  it('masks the secret itself and every string that embeds it, however many params share the reference', () => {
    const prepared = prepareRun(context());
    expect(prepared.secrets).toEqual(expect.arrayContaining([SECRET, `x-${SECRET}`, `y-${SECRET}`]));
    expect(prepared.secretValues).toEqual({ S: SECRET });
  });

  it('leaves no form of the secret in a plan whose diffs show it in two strings, bare and base64-encoded', async () => {
    const planned = await plan(context());
    const text = JSON.stringify(planned);
    expect(text).toContain('***');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(`u:${SECRET}`).toString('base64').slice(4, -4));
  });
});

describe('prepareRun with a missing secret', () => {
  it('is an ordinary engine error naming the reference and the entry that uses it, at its file:line:col', () => {
    const ctx = { ...context(), secrets: createSecretStore({ env: {}, files: [] }) };
    expect(() => prepareRun(ctx)).toThrow(
      /^infra\/main\/taskservs\.yaml:2:5 params of taskserv "two-files": \{\{secret\.S\}\}: no secret named S/,
    );
    expect(() => prepareRun(ctx)).toThrow(EngineError);
  });
});
