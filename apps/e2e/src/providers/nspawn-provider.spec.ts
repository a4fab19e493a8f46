import { nspawn, type NspawnOptions, nspawnOptions, vethsOf } from '@provisioning/provider-nspawn';
import {
  managedLabels,
  parseProviderOptions,
  type ProviderContext,
  type ProviderServer,
} from '@provisioning/sdk';
import { baseDir, baseIsBuilt, testbedSettings } from '@provisioning/testbed';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leftovers, linkExists } from '../support/nspawn-leftovers';
import { describeOnTestbed } from '../support/on-testbed';

// The provider boots real Debian hosts from the testbed's cached base (read-only lower layer).
describeOnTestbed('nspawn provider on this machine', () => {
  let dir: string;
  let options: NspawnOptions;
  let ctx: ProviderContext<NspawnOptions>;
  const created: ProviderServer[] = [];

  const ssh = (server: ProviderServer, script: string): string => {
    const knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, server.hostKeys.map((key) => `${server.address} ${key}\n`).join(''));
    return execFileSync(
      'ssh',
      [
        '-i',
        join(dir, 'id'),
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${knownHosts}`,
        '-o',
        'GlobalKnownHostsFile=/dev/null',
        `root@${server.address}`,
        script,
      ],
      { timeout: 30_000 },
    )
      .toString()
      .trim();
  };
  const request = (name: string, token: string) => ({
    name,
    infra: 'e2e',
    options,
    sshPublicKeys: [readFileSync(join(dir, 'id.pub'), 'utf8')],
    labels: managedLabels('e2e', name),
    clientToken: token,
  });

  beforeAll(() => {
    const base = baseDir(testbedSettings().cacheDir);
    if (!baseIsBuilt(base))
      throw new Error(
        `the testbed base ${base} is not built; run the e2e suite (it builds it) or npx nx run testbed:up`,
      );
    dir = mkdtempSync(join(tmpdir(), 'nspawn-provider-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id')]);
    options = parseProviderOptions(
      nspawn,
      {
        bridge: 'pnspe-br0',
        subnet: '10.161.0.0/24',
        state_dir: join(dir, 'state'),
        rootfs: join(base, 'rootfs'),
        boot_timeout: 90,
      },
      'e2e',
    ) as NspawnOptions;
    ctx = { options, secrets: {}, log: () => undefined };
  });

  afterAll(async () => {
    for (const server of created) await nspawn.delete(ctx, server.id).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('boots a host with its own address, hostname, machine-id and host key, reachable over SSH with strict host key checking', async () => {
    const server = await nspawn.create(ctx, request('node-a', 'e2e/node-a/1'));
    created.push(server);
    expect(server).toMatchObject({
      name: 'node-a',
      status: 'running',
      address: '10.161.0.2',
      user: 'root',
      plan: 'container',
    });
    expect(server.hostKeys).toEqual([expect.stringMatching(/^ssh-ed25519 AAAA/)]);
    expect(ssh(server, 'hostname; cat /etc/machine-id; cat /proc/1/comm')).toMatch(
      /^node-a\n[0-9a-f]{32}\nsystemd$/,
    );
  });

  it('returns the same host for the same client token instead of making a second one', async () => {
    const again = await nspawn.create(ctx, request('node-a', 'e2e/node-a/1'));
    expect(again.id).toBe(created[0].id);
    expect((await nspawn.list(ctx)).map((server) => server.id)).toEqual([created[0].id]);
  });

  it('gives a second host the next address, another machine-id and another host key', async () => {
    const second = await nspawn.create(ctx, request('node-b', 'e2e/node-b/1'));
    created.push(second);
    expect(second.address).toBe('10.161.0.3');
    expect(second.hostKeys).not.toEqual(created[0].hostKeys);
    expect(ssh(second, 'cat /etc/machine-id')).not.toBe(ssh(created[0], 'cat /etc/machine-id'));
  });

  it('stops and starts a host, keeping its identity', async () => {
    const [first] = created;
    await nspawn.stop(ctx, first.id);
    expect((await nspawn.get(ctx, first.id))?.status).toBe('stopped');
    await nspawn.start(ctx, first.id);
    expect((await nspawn.get(ctx, first.id))?.status).toBe('running');
    expect(ssh(first, 'hostname')).toBe('node-a');
  });

  it('delete removes exactly that host: no overlay, veth, cgroup or directory is left, and the other keeps running', async () => {
    const [first, second] = created;
    await nspawn.delete(ctx, first.id);
    expect(leftovers(first.id, options.state_dir)).toEqual([]);
    expect(await nspawn.get(ctx, first.id)).toBeUndefined();
    expect(ssh(second, 'hostname')).toBe('node-b');
    expect(await vethsOf(second.id)).toHaveLength(1);
    await expect(nspawn.delete(ctx, first.id)).resolves.toBeUndefined();
  });

  it('deletes the bridge with the last host', async () => {
    const second = created[1];
    await nspawn.delete(ctx, second.id);
    expect(leftovers(second.id, options.state_dir)).toEqual([]);
    expect(linkExists('pnspe-br0')).toBe(false);
  });

  it('refuses provider_options that cannot work, naming the field', () => {
    expect(nspawnOptions.safeParse({ subnet: '10.0.0.0/16' }).error?.issues[0]?.message).toBe(
      'subnet must be a /24 such as 10.161.0.0/24',
    );
  });
});
