import {
  BUILTIN_PROVIDERS,
  BUILTIN_SETTINGS,
  createSecretStore,
  loadWorkspace,
  type Settings,
} from '@provisioning/config';
import { SqliteStateStore } from '@provisioning/store';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { memoryCloud, sshBanners } from '../../testing/memory-cloud';
import { writeWorkspace } from '../../testing/workspace-fixture';
import { createServers, planServerCreate } from './create-servers';
import { deleteServers, planServerDelete } from './delete-servers';
import { withCreatedServers } from './server-access';
import type { ServerContext } from './server-context';
import { refreshServerStates, serverStates } from './server-states';

describe('server create, delete, list and refresh over a provider', () => {
  let root: string;
  let store: SqliteStateStore;
  let banners: ReturnType<typeof sshBanners>;
  let cloud: ReturnType<typeof memoryCloud>;
  let ctx: ServerContext;

  const open = (env: NodeJS.ProcessEnv = { PROVISIONING_SECRET_CLOUD_TOKEN: 'a-test-token' }) => {
    const secrets = createSecretStore({ env, files: [] });
    const { workspace } = loadWorkspace(root, { env, secrets, providers: [...BUILTIN_PROVIDERS, 'memory'] });
    const settings: Settings = {
      ...BUILTIN_SETTINGS,
      ssh: { ...BUILTIN_SETTINGS.ssh, key: join(root, 'id') },
    };
    ctx = {
      infra: workspace.infras['main'],
      workspaceName: 'test',
      workspaceRoot: root,
      settings,
      store,
      resolveProvider: (name) => (name === 'memory' ? cloud.provider : undefined),
      env,
      secrets,
    };
    return ctx;
  };

  beforeEach(async () => {
    // each server of the fake cloud is a listener of its own that answers like sshd
    banners = sshBanners();
    cloud = memoryCloud(banners.listen);
    root = writeWorkspace({
      'provisioning.yaml': 'name: test\ndefault_infra: main\n',
      'infra/main/servers.yaml': [
        'servers:',
        '  - { name: web-1, provider: memory, labels: { team: a } }',
        '  - { name: web-2, provider: memory, provider_options: { size: m, token: "{{secret.CLOUD_TOKEN}}" } }',
        '  - { name: db-1, address: 10.0.0.9 }',
        '',
      ].join('\n'),
    });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(root, 'id')]);
    store = SqliteStateStore.open(join(root, '.provisioning', 'state.db'));
    open();
  });

  const knownHostsLines = () =>
    readFileSync(join(root, '.provisioning', 'known_hosts'), 'utf8')
      .split('\n')
      .filter(Boolean);

  afterEach(async () => {
    await store.close();
    banners.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('plans what, where and at which size before creating, leaving static servers out', async () => {
    const plan = await planServerCreate(ctx);
    expect(plan.servers).toEqual([
      { name: 'web-1', provider: 'memory', action: 'create', zone: 'mem-1', plan: 's', image: 'debian-12' },
      { name: 'web-2', provider: 'memory', action: 'create', zone: 'mem-1', plan: 'm', image: 'debian-12' },
    ]);
    expect(plan.changes).toBe(2);
    expect(cloud.calls).toEqual([]);
    await expect(planServerCreate(ctx, ['db-1'])).rejects.toThrow(
      'server "db-1" has provider static: it already exists and is not created by provisioning',
    );
  });

  it('creates, records before and after the call, injects the key, labels the server and writes its host key to known_hosts', async () => {
    const result = await createServers(ctx, await planServerCreate(ctx, ['web-1']));
    expect(result).toMatchObject({
      created: 1,
      failed: 0,
      servers: [{ name: 'web-1', status: 'created', address: '127.0.0.1' }],
    });
    const record = await store.getServer('main', 'web-1');
    expect(record).toMatchObject({
      status: 'created',
      provider: 'memory',
      address: '127.0.0.1',
      hostKeys: [expect.stringMatching(/^ssh-ed25519 KEY/)],
    });
    expect(
      (await store.listProviderCalls('main', 'web-1')).map((call) => `${call.call} ${call.phase}`),
    ).toEqual(['create started', 'create finished']);
    const made = cloud.servers.get(record?.providerId as string);
    expect(made?.labels).toEqual({
      team: 'a',
      'provisioning.managed-by': 'provisioning',
      'provisioning.infra': 'main',
      'provisioning.server': 'web-1',
    });
    const port = record?.port;
    expect(readFileSync(join(root, '.provisioning', 'known_hosts'), 'utf8')).toBe(
      `[127.0.0.1]:${port} ${record?.hostKeys[0]}\n`,
    );
    expect(withCreatedServers(ctx.infra, record ? [record] : []).servers[0]).toMatchObject({
      name: 'web-1',
      address: '127.0.0.1',
      port,
      user: 'root',
    });

    const again = await planServerCreate(ctx, ['web-1']);
    expect(again).toMatchObject({
      changes: 0,
      servers: [{ action: 'exists', providerId: record?.providerId }],
    });
  });

  it('finishes a create that failed after the provider made the server, with the same client token and no duplicate', async () => {
    cloud.failNextCreate();
    const first = await createServers(ctx, await planServerCreate(ctx, ['web-2']));
    expect(first.servers[0]).toMatchObject({
      status: 'failed',
      error: expect.stringContaining(
        'memory create of web-2 failed: timed out waiting for the create action',
      ),
    });
    expect(await store.getServer('main', 'web-2')).toMatchObject({ status: 'creating' });

    const plan = await planServerCreate(ctx, ['web-2']);
    expect(plan.servers[0].action).toBe('resume');
    const second = await createServers(ctx, plan);
    expect(second.created).toBe(1);
    expect(cloud.servers.size).toBe(1);
    const tokens = cloud.calls.map((call) => call.split(' ')[2]);
    expect(tokens[0]).toBe(tokens[1]);
  });

  it('never writes a provider secret into the journal', async () => {
    open({ PROVISIONING_SECRET_CLOUD_TOKEN: 'hunter2-very-secret' });
    cloud.failNextCreate();
    await createServers(ctx, await planServerCreate(ctx, ['web-2']));
    const calls = await store.listProviderCalls('main', 'web-2');
    expect(calls.at(-1)?.detail).toContain('(token ***)');
    expect(JSON.stringify(calls)).not.toContain('hunter2');
  });

  it('refuses to delete servers it did not create, before touching any', async () => {
    await createServers(ctx, await planServerCreate(ctx, ['web-1']));
    await expect(planServerDelete(ctx, ['web-1', 'db-1'])).rejects.toThrow(
      '"db-1" was not created by provisioning in infra "main" (no record in the state store), so it is not deleted',
    );
    expect(cloud.servers.size).toBe(1);
  });

  it('deletes exactly the named server, its record and its known_hosts line', async () => {
    await createServers(ctx, await planServerCreate(ctx));
    const result = await deleteServers(ctx, await planServerDelete(ctx, ['web-1']));
    expect(result).toMatchObject({ deleted: 1, failed: 0 });
    expect([...cloud.servers.values()].map((server) => server.name)).toEqual(['web-2']);
    expect((await store.listServers('main')).map((record) => record.name)).toEqual(['web-2']);
    expect(
      readFileSync(join(root, '.provisioning', 'known_hosts'), 'utf8')
        .split('\n')
        .filter(Boolean),
    ).toHaveLength(1);
  });

  it('cleans up an interrupted create whose provider id was never recorded, finding it by its labels', async () => {
    await store.putServer({
      infra: 'main',
      name: 'web-1',
      provider: 'memory',
      clientToken: 'tok',
      status: 'creating',
      hostKeys: [],
    });
    await cloud.provider.create(
      { options: { size: 's' }, secrets: {}, log: () => undefined },
      {
        name: 'web-1',
        infra: 'main',
        options: { size: 's' },
        sshPublicKeys: [],
        labels: { 'provisioning.infra': 'main', 'provisioning.server': 'web-1' },
        clientToken: 'tok',
      },
    );
    expect((await deleteServers(ctx, await planServerDelete(ctx, ['web-1']))).deleted).toBe(1);
    expect(cloud.servers.size).toBe(0);
  });

  it('shows drift both ways, and refresh forgets a server deleted behind its back', async () => {
    await createServers(ctx, await planServerCreate(ctx, ['web-1']));
    const id = (await store.getServer('main', 'web-1'))?.providerId as string;
    cloud.servers.delete(id); // deleted in the provider's console
    await cloud.provider.create(
      { options: { size: 's' }, secrets: {}, log: () => undefined },
      {
        name: 'web-9',
        infra: 'main',
        options: { size: 's' },
        sshPublicKeys: [],
        labels: { 'provisioning.infra': 'main', 'provisioning.server': 'web-9' },
        clientToken: 'other',
      },
    );

    const states = await serverStates(ctx, { drift: true });
    expect(states.map(({ name, drift, providerStatus }) => ({ name, drift, providerStatus }))).toEqual([
      { name: 'web-1', drift: 'state-only', providerStatus: 'missing' },
      { name: 'web-2', drift: 'not-created', providerStatus: undefined },
      { name: 'db-1', drift: undefined, providerStatus: undefined },
      { name: 'web-9', drift: 'provider-only', providerStatus: 'running' },
    ]);
    expect(await refreshServerStates(ctx)).toEqual({
      infra: 'main',
      updated: [],
      removed: ['web-1'],
      unchanged: [],
    });
    expect(await store.getServer('main', 'web-1')).toBeUndefined();
    expect(knownHostsLines()).toEqual([]);
  });

  it('refresh moves known_hosts with a server whose address and host key changed at its provider', async () => {
    await createServers(ctx, await planServerCreate(ctx, ['web-1']));
    const record = await store.getServer('main', 'web-1');
    const live = cloud.servers.get(record?.providerId as string) as NonNullable<
      ReturnType<typeof cloud.servers.get>
    >;
    expect(knownHostsLines()).toEqual([`[127.0.0.1]:${record?.port} ${live.hostKeys[0]}`]);
    live.address = '127.0.0.2';
    live.hostKeys = ['ssh-ed25519 REKEYED'];
    expect(await refreshServerStates(ctx)).toMatchObject({ updated: ['web-1'], removed: [] });
    expect(await store.getServer('main', 'web-1')).toMatchObject({
      address: '127.0.0.2',
      hostKeys: ['ssh-ed25519 REKEYED'],
    });
    expect(knownHostsLines()).toEqual([`[127.0.0.2]:${record?.port} ssh-ed25519 REKEYED`]);
  });

  it('names the file, line and field of invalid provider_options', async () => {
    const { workspace } = loadWorkspace(
      writeWorkspace({
        'provisioning.yaml': 'name: t\n',
        'infra/main/s.yaml': 'servers:\n  - { name: x, provider: memory, provider_options: { size: xl } }\n',
      }),
      { providers: [...BUILTIN_PROVIDERS, 'memory'] },
    );
    const bad = { ...ctx, infra: workspace.infras['main'] };
    await expect(planServerCreate(bad)).rejects.toThrow(
      /infra\/main\/s\.yaml:2:\d+ provider_options of server "x" are invalid for provider "memory"[\s\S]*size/,
    );
  });
});
