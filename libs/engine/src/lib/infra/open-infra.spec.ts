import { defineTaskserv, file } from '@provisioning/sdk';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  EngineError,
  InfraNotFoundError,
  RunCancelledError,
  SelectionError,
  WorkspaceInvalidError,
} from '../errors';
import { writeWorkspace } from '../../testing/workspace-fixture';
import { listInfras, openInfra } from './open-infra';
import { openState } from './open-state';

const note = defineTaskserv({
  name: 'note',
  version: '1.0.0',
  params: z.object({ path: z.string() }),
  install: ({ params }) => [file({ path: params.path, content: 'noted\n', mode: '0644' })],
});

describe('openInfra and the InfraHandle (local hosts, real files, real store)', () => {
  let root: string;
  beforeEach(() => {
    root = writeWorkspace({
      'provisioning.yaml': 'name: api\nsettings: { run: { parallelism: 3 } }\n',
      'infra/prod/servers.yaml':
        'servers:\n  - { name: web-1, provider: local, labels: { role: web } }\n  - { name: db-1, provider: local, labels: { role: db } }\n',
      'infra/staging/servers.yaml': 'servers:\n  - { name: s-1, provider: local }\n',
    });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('resolves settings once into a complete type, with overrides on top, from any directory inside the workspace', async () => {
    const infra = await openInfra({
      workspace: join(root, 'infra', 'prod'),
      infra: 'prod',
      overrides: { 'run.timeout': 30 },
      env: {},
    });
    try {
      expect(infra.name).toBe('prod');
      expect(infra.workspace).toBe(root);
      expect(infra.settings.run).toEqual({ parallelism: 3, timeout: 30 });
      expect(infra.settings.ssh.port).toBe(22);
      expect(infra.servers.map((server) => server.name)).toEqual(['web-1', 'db-1']);
      expect(infra.selectServers('role=db')).toEqual(['db-1']);
    } finally {
      await infra.close();
    }
  });

  it('throws typed errors: no infra chosen, an unknown infra, an unknown server, a broken workspace', async () => {
    await expect(openInfra({ workspace: root, env: {} })).rejects.toThrow(InfraNotFoundError);
    await expect(openInfra({ workspace: root, env: {} })).rejects.toThrow(
      'the workspace has several infras (prod, staging) and no default_infra',
    );
    await expect(openInfra({ workspace: root, infra: 'nope', env: {} })).rejects.toMatchObject({
      code: 'infra-not-found',
      hint: 'infras: prod, staging',
    });
    const infra = await openInfra({ workspace: root, infra: 'prod', env: {} });
    expect(() => infra.selectServers('web-9')).toThrow(SelectionError);
    await infra.close();
    rmSync(join(root, 'infra', 'staging', 'servers.yaml'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(root, 'infra', 'staging', 'servers.yaml'),
      'servers:\n  - { name: s-1, provider: local, port: many }\n',
    );
    const error = await openInfra({ workspace: root, infra: 'prod', env: {} }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WorkspaceInvalidError);
    expect((error as WorkspaceInvalidError).diagnostics[0]).toMatchObject({
      severity: 'error',
      file: expect.stringContaining('servers.yaml'),
      line: 2,
      path: 'servers[0].port',
    });
    expect(error).toBeInstanceOf(EngineError);
  });

  it('plans, applies that plan, records the run, and lists infras and runs', async () => {
    const target = join(root, 'noted.txt');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(root, 'infra', 'prod', 'taskservs.yaml'),
      `taskservs:\n  - { name: note, servers: [web-1], params: { path: "${target}" } }\n`,
    );
    expect(await listInfras({ workspace: root, env: {} })).toEqual([
      { name: 'prod', servers: 2, taskservs: 1, default: false },
      { name: 'staging', servers: 1, taskservs: 0, default: false },
    ]);
    const infra = await openInfra({ workspace: root, infra: 'prod', env: {}, taskservs: [note] });
    try {
      const plan = await infra.plan({ servers: 'role=web' });
      expect(plan.selection).toEqual({ servers: ['web-1'] });
      expect(plan.changes).toBe(1);
      const cancelled = new AbortController();
      cancelled.abort();
      await expect(infra.apply(plan, { signal: cancelled.signal })).rejects.toThrow(RunCancelledError);
      const result = await infra.apply(plan);
      expect(result.status).toBe('succeeded');
      expect(readFileSync(target, 'utf8')).toBe('noted\n');
      expect((await infra.listRuns()).map((run) => [run.id, run.status])).toEqual([
        [result.runId, 'succeeded'],
      ]);
      expect((await infra.taskservStatus()).taskservs).toEqual([
        { taskserv: 'note', hosts: [expect.objectContaining({ host: 'web-1', status: 'converged' })] },
      ]);
    } finally {
      await infra.close();
    }
    const state = openState({ workspace: root, infra: 'prod', env: {} });
    expect((await state.listRuns()).length).toBe(1);
    expect(await state.locks()).toEqual([]);
    expect(await state.installedTaskservs()).toEqual([
      expect.objectContaining({ infra: 'prod', host: 'web-1', name: 'note', version: '1.0.0' }),
    ]);
    await state.close();
    const everyInfra = openState({ workspace: root, env: {} });
    expect((await everyInfra.installedTaskservs()).map((record) => record.host)).toEqual(['web-1']);
    await everyInfra.close();
  });
});
