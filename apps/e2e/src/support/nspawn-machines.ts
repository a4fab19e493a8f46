import { nspawn, type NspawnOptions } from '@provisioning/provider-nspawn';
import {
  managedLabels,
  parseProviderOptions,
  type ProviderContext,
  quote,
  type ProviderServer,
} from '@provisioning/sdk';
import { type MachineBackend, type MachineBootRequest, userDataHostKey } from '@provisioning/sdk/testing';
import { baseDir, REPO_MOUNT, testbedSettings } from '@provisioning/testbed';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The machines of a cloud emulator, as real Debian hosts booted by the nspawn provider's own code
 * (the testbed's cached base, its apt repository mounted read-only). After boot it plays
 * cloud-init over SSH (with its own key, verifying the nspawn host key): it installs the host key
 * of the user data's `ssh_keys` as the only one and authorises exactly the cloud's SSH keys.
 */
export class NspawnMachines implements MachineBackend {
  private readonly ctx: ProviderContext<NspawnOptions>;
  private readonly hosts = new Map<string, ProviderServer>();

  /** `dir` holds the emulator's own key and the nspawn state; bridge and subnet are the test's own. */
  constructor(
    private readonly dir: string,
    network: { bridge: string; subnet: string },
  ) {
    mkdirSync(dir, { recursive: true });
    execFileSync('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'cloud-emulator',
      '-f',
      join(dir, 'admin'),
    ]);
    const base = baseDir(testbedSettings().cacheDir);
    const options = parseProviderOptions(
      nspawn,
      {
        ...network,
        state_dir: join(dir, 'nspawn-state'),
        rootfs: join(base, 'rootfs'),
        bind_ro: [`${join(base, 'repo')}:${REPO_MOUNT}`],
        boot_timeout: 120,
      },
      'cloud-emulator',
    ) as NspawnOptions;
    this.ctx = { options, secrets: {}, log: () => undefined };
  }

  async boot(request: MachineBootRequest): Promise<{ address: string }> {
    const host = await nspawn.create(this.ctx, {
      name: request.name,
      infra: 'cloud-emulator',
      options: this.ctx.options,
      sshPublicKeys: [readFileSync(join(this.dir, 'admin.pub'), 'utf8').trim()],
      labels: managedLabels('cloud-emulator', request.name),
      clientToken: `cloud-emulator/${request.id}`,
    });
    this.hosts.set(request.id, host);
    await this.cloudInit(host, request);
    return { address: host.address as string };
  }

  async powerOff(id: string): Promise<void> {
    const host = this.hosts.get(id);
    if (host) await nspawn.stop(this.ctx, host.id);
  }

  async powerOn(id: string): Promise<void> {
    const host = this.hosts.get(id);
    if (host) await nspawn.start(this.ctx, host.id);
  }

  async remove(id: string): Promise<void> {
    const host = this.hosts.get(id);
    if (!host) return;
    await nspawn.delete(this.ctx, host.id);
    this.hosts.delete(id);
  }

  /** Removes every host it booted (a test's afterAll). */
  async removeAll(): Promise<void> {
    for (const id of [...this.hosts.keys()]) await this.remove(id).catch(() => undefined);
  }

  private async cloudInit(host: ProviderServer, request: MachineBootRequest): Promise<void> {
    const hostKey = userDataHostKey(request.userData);
    const authorized = request.authorizedKeys.map((key) => `${key.trim()}\n`).join('');
    const script = [
      'set -e',
      ...(hostKey
        ? [
            'rm -f /etc/ssh/ssh_host_*',
            `printf %s ${quote(hostKey.privateKey)} > /etc/ssh/ssh_host_ed25519_key`,
            `printf '%s\\n' ${quote(hostKey.publicKey)} > /etc/ssh/ssh_host_ed25519_key.pub`,
            'chmod 600 /etc/ssh/ssh_host_ed25519_key',
          ]
        : []),
      `printf %s ${quote(authorized)} > /root/.ssh/authorized_keys`,
      'chmod 600 /root/.ssh/authorized_keys',
      'systemctl restart ssh',
    ].join('\n');
    const knownHosts = join(this.dir, `known_hosts-${request.id}`);
    writeFileSync(knownHosts, host.hostKeys.map((key) => `${host.address} ${key}\n`).join(''));
    await run(
      'ssh',
      [
        '-i',
        join(this.dir, 'admin'),
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${knownHosts}`,
        '-o',
        'GlobalKnownHostsFile=/dev/null',
        `root@${host.address}`,
        script,
      ],
      { timeout: 60_000 },
    );
  }
}
