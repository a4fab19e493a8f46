import { machineIdFor, nspawn, type NspawnOptions } from '@provisioning/provider-nspawn';
import type { InstanceMachineBackend } from '@provisioning/provider-aws/testing';
import type { MachineBackend, MachineRequest } from '@provisioning/provider-upcloud/testing';
import { parseProviderOptions, type ProviderContext } from '@provisioning/sdk';
import { baseDir, baseIsBuilt, REPO_MOUNT, testbedSettings } from '@provisioning/testbed';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface CloudConfig {
  ssh_keys?: { ed25519_private?: string; ed25519_public?: string };
}

/** The children of a process (Linux /proc). */
const childrenOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);

/** The systemd-nspawn process running `machine` (found by its command line, not by process tree position). */
function nspawnOf(machine: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'systemd-nspawn') continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(`--machine=${machine}`))
        return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

/** The container's init: the child of nspawn that runs systemd (nspawn may have helper children). */
const initOf = (nspawnPid: number): number | undefined =>
  childrenOf(nspawnPid).find((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'systemd');

/**
 * The machines behind an emulated cloud: real Debian hosts booted by the nspawn provider's own
 * code, on a bridge and subnet of their own. What a cloud image's cloud-init would do with the
 * create's user data (install the given host key, and no other) is done here, as root on this
 * machine, before the address is reported.
 */
export class NspawnMachines implements MachineBackend, InstanceMachineBackend {
  readonly context: ProviderContext<NspawnOptions>;

  constructor(bridge: string, subnet: string, stateDir: string) {
    const base = baseDir(testbedSettings().cacheDir);
    if (!baseIsBuilt(base))
      throw new Error(
        `the testbed base ${base} is not built; run the e2e suite (it builds it) or npx nx run testbed:up`,
      );
    const options = parseProviderOptions(
      nspawn,
      {
        bridge,
        subnet,
        state_dir: stateDir,
        rootfs: join(base, 'rootfs'),
        bind_ro: [`${join(base, 'repo')}:${REPO_MOUNT}`],
        boot_timeout: 120,
      },
      'cloud-emulator',
    ) as NspawnOptions;
    this.context = { options, secrets: {}, log: () => undefined };
  }

  async boot(request: MachineRequest): Promise<{ address: string; hostKeys: readonly string[] }> {
    const server = await nspawn.create(this.context, {
      name: request.hostname,
      infra: 'cloud-emulator',
      options: this.context.options,
      sshPublicKeys: request.sshPublicKeys,
      labels: {},
      clientToken: request.id,
    });
    if (!server.address) throw new Error(`nspawn reported no address for ${request.hostname}`);
    const config = (parse(request.userData || '{}') ?? {}) as CloudConfig;
    const { ed25519_private: privateKey, ed25519_public: publicKey } = config.ssh_keys ?? {};
    if (!privateKey || !publicKey) return { address: server.address, hostKeys: server.hostKeys };
    this.installHostKey(machineIdFor(request.id), privateKey, publicKey);
    return { address: server.address, hostKeys: [publicKey] };
  }

  async stop(id: string): Promise<void> {
    await nspawn.stop(this.context, machineIdFor(id));
  }

  async start(id: string): Promise<void> {
    await nspawn.start(this.context, machineIdFor(id));
  }

  async destroy(id: string): Promise<void> {
    await nspawn.delete(this.context, machineIdFor(id));
  }

  /** cloud-init's ssh_keys: the given key replaces every host key, and sshd is restarted on it. */
  private installHostKey(machine: string, privateKey: string, publicKey: string): void {
    const dir = join(this.context.options.state_dir, 'machines', machine);
    const sshDir = join(dir, 'merged', 'etc', 'ssh');
    for (const file of readdirSync(sshDir)) if (file.startsWith('ssh_host_')) rmSync(join(sshDir, file));
    writeFileSync(join(sshDir, 'ssh_host_ed25519_key'), privateKey, { mode: 0o600 });
    writeFileSync(join(sshDir, 'ssh_host_ed25519_key.pub'), `${publicKey}\n`);
    const nspawnPid = nspawnOf(machine);
    const init = nspawnPid === undefined ? undefined : initOf(nspawnPid);
    if (init === undefined) throw new Error(`cannot find the init process of nspawn machine ${machine}`);
    // sshd can answer before the machine's systemd takes requests on its bus: retry for a while.
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        execFileSync('nsenter', ['--target', String(init), '--all', '--', 'systemctl', 'restart', 'ssh'], {
          timeout: 30_000,
          stdio: 'pipe',
        });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
      }
    }
  }
}
