import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryCloud, sshBanners } from '../testing/memory-cloud';
import { writeWorkspace } from '../testing/workspace-fixture';
import { WorkflowService } from './workflow-service';

// The engine for real (openInfra, server create/delete with their journal in the state store, the
// wait for SSH), with a provider whose "cloud" is a map: the one edge that cannot run here. Each of
// its servers is a listener answering with an SSH banner, so the wait for SSH is real too.
jest.setTimeout(60_000);

describe('workflow steps over provider servers (server_create, server_delete)', () => {
  let ws: string;
  let banners: ReturnType<typeof sshBanners>;
  let cloud: ReturnType<typeof memoryCloud>;
  const names = () => [...cloud.servers.values()].map((server) => server.name).sort();
  let service: WorkflowService;

  const submit = async (name: string, yaml: string) => {
    mkdirSync(join(ws, 'workflows'), { recursive: true });
    writeFileSync(join(ws, 'workflows', name), yaml);
    const { workflow } = await service.submitFile(`workflows/${name}`);
    return { id: workflow.id, final: await service.follow(workflow.id) };
  };

  beforeEach(async () => {
    banners = sshBanners();
    cloud = memoryCloud(banners.listen);
    ws = writeWorkspace({
      'infra/main/servers.yaml': [
        'servers:',
        '  - { name: web-1, provider: memory }',
        '  - { name: web-2, provider: memory }',
        '  - { name: old-1, provider: memory }',
        '',
      ].join('\n'),
    });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(ws, 'id')]);
    writeFileSync(
      join(ws, 'provisioning.yaml'),
      `name: t\ndefault_infra: main\nsettings:\n  ssh:\n    key: ${join(ws, 'id')}\n`,
    );
    service = await WorkflowService.open({
      store: `sqlite:${join(ws, '.provisioning/workflows.db')}`,
      cwd: ws,
      providers: new Map([['memory', cloud.provider]]),
      runner: { pollMs: 20 },
    });
    service.startWorkers(1);
  });

  afterEach(async () => {
    await service.close();
    banners.close();
    rmSync(ws, { recursive: true, force: true });
  });

  it('rolls a server_create back by deleting exactly the servers it created, not one that existed before', async () => {
    const before = await submit(
      'before.yaml',
      'name: before\noperations:\n  - { id: old, type: server_create, servers: [old-1] }\n',
    );
    expect(before.final.status).toBe('succeeded');

    const { id, final } = await submit(
      'grow.yaml',
      [
        'name: grow',
        'rollback_enabled: true',
        'operations:',
        '  - { id: servers, type: server_create, servers: [web-1, web-2, old-1] }',
        '  - { id: check, type: command, servers: web-1, command: "exit 3", dependencies: [servers] }',
        '',
      ].join('\n'),
    );
    expect(final.status).toBe('rolled_back');
    const steps = (await service.get(id))?.steps ?? [];
    const created = steps.find((step) => step.id === 'servers' && step.phase === 'forward');
    expect(created?.outputs).toMatchObject({
      created: ['web-1', 'web-2'],
      servers: [
        { name: 'web-1', status: 'created', address: '127.0.0.1' },
        { name: 'web-2', status: 'created' },
        { name: 'old-1', status: 'exists' },
      ],
    });
    const undone = steps.find((step) => step.id === 'servers' && step.phase === 'rollback');
    expect(undone).toMatchObject({ status: 'succeeded', outputs: { deleted: ['web-1', 'web-2'] } });
    expect(names()).toEqual(['old-1']);
  });

  it('deletes named servers with server_delete and reports the provider calls as step progress', async () => {
    await submit(
      'make.yaml',
      'name: make\noperations:\n  - { id: make, type: server_create, servers: [web-1] }\n',
    );
    const { id, final } = await submit(
      'drop.yaml',
      'name: drop\noperations:\n  - { id: drop, type: server_delete, servers: [web-1] }\n',
    );
    expect(final.status).toBe('succeeded');
    expect(names()).toEqual([]);
    const progress = (await service.events(id)).filter((event) => event.type === 'step-progress');
    expect(progress.map((event) => event.data)).toContainEqual(
      expect.objectContaining({ host: 'web-1', event: 'provider-call', call: 'delete', phase: 'finished' }),
    );
  });

  it('fails a server_delete of a server provisioning did not create, deleting nothing', async () => {
    await submit(
      'make.yaml',
      'name: make\noperations:\n  - { id: make, type: server_create, servers: [web-1] }\n',
    );
    const { id, final } = await submit(
      'drop.yaml',
      'name: drop\noperations:\n  - { id: drop, type: server_delete, servers: [web-1, web-2] }\n',
    );
    expect(final.status).toBe('failed');
    expect((await service.get(id))?.steps[0].error?.message).toMatch(/web-2/);
    expect(names()).toEqual(['web-1']);
  });
});
