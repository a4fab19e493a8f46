import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { defineTaskserv, directory } from '@provisioning/sdk';
import { extractPackage } from '@provisioning/extensions';
import { testTaskservTarball } from '@provisioning/extensions/testing';
import { z } from 'zod';
import { WorkspaceInvalidError } from '../errors';
import { writeWorkspace } from '../../testing/workspace-fixture';
import { openInfra } from './open-infra';

const builtinHello = defineTaskserv({
  name: 'hello',
  version: '0.1.0',
  params: z.object({}),
  install: () => [directory({ path: '/etc/builtin-hello', mode: '0755' })],
});

describe('openInfra resolves taskserv entries through the extensions (libs/extensions)', () => {
  let root: string;
  const env = () => ({ PROVISIONING_HOME: join(root, 'home') });
  const workspace = (version?: string) => {
    root = writeWorkspace({
      'provisioning.yaml': 'name: ext\n',
      'infra/main/servers.yaml': `servers:\n  - { name: h, provider: local }\ntaskservs:\n  - name: hello\n${version ? `    version: "${version}"\n` : ''}    servers: [h]\n`,
    });
  };
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('uses a version installed for the workspace before the built-in one', async () => {
    workspace();
    await extractPackage(
      testTaskservTarball({ name: 'hello', version: '1.2.0', directory: '/srv/hello' }),
      join(root, '.provisioning', 'extensions', 'taskserv', 'hello', '1.2.0'),
    );
    const infra = await openInfra({ workspace: root, env: env(), taskservs: [builtinHello] });
    try {
      expect(infra.taskservDefinitions.get('hello')?.version).toBe('1.2.0');
    } finally {
      await infra.close();
    }
  });

  it("takes the built-in when the entry's range excludes the installed version", async () => {
    workspace('~0.1.0');
    await extractPackage(
      testTaskservTarball({ name: 'hello', version: '1.2.0' }),
      join(root, '.provisioning', 'extensions', 'taskserv', 'hello', '1.2.0'),
    );
    const infra = await openInfra({ workspace: root, env: env(), taskservs: [builtinHello] });
    try {
      expect(infra.taskservDefinitions.get('hello')).toBe(builtinHello);
    } finally {
      await infra.close();
    }
  });

  it('refuses a range nothing satisfies with a diagnostic at the entry naming what is available', async () => {
    workspace('^9.0.0');
    const error = await openInfra({ workspace: root, env: env(), taskservs: [builtinHello] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkspaceInvalidError);
    expect((error as WorkspaceInvalidError).diagnostics).toEqual([
      expect.objectContaining({
        file: 'infra/main/servers.yaml',
        line: 4,
        code: 'taskserv-version',
        message:
          'no version of taskserv "hello" satisfies ^9.0.0 for core 0.1.0; available: 0.1.0 (built-in)',
      }),
    ]);
  });
});
