import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  defineProvider,
  MANAGED_BY_LABEL,
  type ProviderContext,
  type ProviderServer,
  waitForSsh,
} from '@provisioning/sdk';
import { deleteBridge, ensureBridge } from './bridge';
import { launchMachine, machineRunning, prepareMachine, removeMachine, stopMachine } from './machine';
import { listRecords, machineDir, type MachineRecord, readRecord, writeRecord } from './machine-record';
import { type NspawnOptions, nspawnOptions } from './options';
import { lowerRootfs } from './rootfs';
import { withStateLock } from './state-lock';
import { freeAddress, gatewayAddress } from './subnet';

type Ctx = ProviderContext<NspawnOptions>;

/**
 * The machine id: short (nspawn names the host's veth `vb-<machine>`, cut to 15 characters, so it
 * must be unique within 12) and derived from the client token, which makes create idempotent.
 */
export function machineIdFor(clientToken: string): string {
  return `n${createHash('sha256').update(clientToken).digest('hex').slice(0, 10)}`;
}

const ID = /^n[0-9a-f]{10}$/;

function recordOf(options: NspawnOptions, id: string): MachineRecord | undefined {
  if (!ID.test(id))
    throw new Error(
      `"${id}" is not an nspawn machine id (n + 10 hex digits); see 'provisioning server list'`,
    );
  return readRecord(options.state_dir, id);
}

function toServer(record: MachineRecord, options: NspawnOptions): ProviderServer {
  return {
    id: record.id,
    name: record.name,
    status: machineRunning(record) ? 'running' : record.hostKey ? 'stopped' : 'creating',
    address: record.address,
    port: 22,
    user: 'root',
    plan: 'container',
    image: imageName(options),
    zone: `local:${record.bridge}`,
    labels: record.labels,
    hostKeys: record.hostKey ? [record.hostKey] : [],
    createdAt: record.createdAt,
  };
}

const imageName = (options: NspawnOptions) =>
  options.rootfs ? `rootfs:${options.rootfs}` : `debian-${options.suite}`;

async function boot(ctx: Ctx, record: MachineRecord): Promise<void> {
  launchMachine(record);
  ctx.log(
    `${record.name}: booting at ${record.address}, waiting for SSH (up to ${ctx.options.boot_timeout} s)`,
  );
  await waitForSsh(record.address, 22, { timeoutMs: ctx.options.boot_timeout * 1000, signal: ctx.signal });
}

/** Reserves an address and the bridge under the state lock, recording the machine before anything else exists. */
async function reserve(
  ctx: Ctx,
  id: string,
  name: string,
  clientToken: string,
  labels: Record<string, string>,
  lowerDir: string,
): Promise<MachineRecord> {
  const { options } = ctx;
  return withStateLock(options.state_dir, async () => {
    const existing = readRecord(options.state_dir, id);
    if (existing) return existing;
    const taken = new Set(
      listRecords(options.state_dir)
        .filter((other) => other.subnet === options.subnet)
        .map((other) => other.address),
    );
    if (await ensureBridge(options.bridge, gatewayAddress(options.subnet), options.subnet)) {
      mkdirSync(join(options.state_dir, 'bridges'), { recursive: true });
      writeFileSync(bridgeMarker(options, options.bridge), `${options.subnet}\n`);
    }
    const dir = machineDir(options.state_dir, id);
    const record: MachineRecord = {
      version: 1,
      id,
      name,
      clientToken,
      labels,
      address: freeAddress(options.subnet, taken),
      bridge: options.bridge,
      subnet: options.subnet,
      dir,
      lowerDir,
      mergedDir: join(dir, 'merged'),
      overlayMounted: false,
      cgroups: [],
      machineId: randomBytes(16).toString('hex'),
      hostKey: '',
      bindReadOnly: options.bind_ro,
      createdAt: new Date().toISOString(),
    };
    writeRecord(record);
    return record;
  });
}

/** Marks a bridge this provider created: only those are deleted with their last host. */
const bridgeMarker = (options: NspawnOptions, bridge: string) => join(options.state_dir, 'bridges', bridge);

/** Deletes the bridge when it created it and no machine of this state directory uses it any more. */
async function releaseBridge(options: NspawnOptions, bridge: string): Promise<void> {
  if (
    !existsSync(bridgeMarker(options, bridge)) ||
    listRecords(options.state_dir).some((record) => record.bridge === bridge)
  )
    return;
  await deleteBridge(bridge);
  rmSync(bridgeMarker(options, bridge));
}

export const nspawn = defineProvider({
  name: 'nspawn',
  version: '0.1.0',
  description:
    'Debian hosts booted with systemd-nspawn on this machine: own IP on a bridge, hostname, machine-id and host key, reachable over SSH.',
  options: nspawnOptions,
  placement: (options) => ({
    zone: `local:${options.bridge} (${options.subnet})`,
    plan: 'container',
    image: imageName(options),
  }),

  async create(ctx, request) {
    const id = machineIdFor(request.clientToken);
    const lowerDir = await lowerRootfs(ctx.options, ctx.log);
    const record = await reserve(ctx, id, request.name, request.clientToken, { ...request.labels }, lowerDir);
    if (machineRunning(record)) return toServer(record, ctx.options);
    // a create that stopped half-way is finished from where its record says it got to
    if (!record.hostKey) await prepareMachine(record, request.sshPublicKeys);
    await boot(ctx, record);
    return toServer(record, ctx.options);
  },

  async get(ctx, id) {
    const record = recordOf(ctx.options, id);
    return record && toServer(record, ctx.options);
  },

  async list(ctx) {
    return listRecords(ctx.options.state_dir)
      .filter((record) => record.labels[MANAGED_BY_LABEL] !== undefined)
      .map((record) => toServer(record, ctx.options));
  },

  async delete(ctx, id) {
    const record = recordOf(ctx.options, id);
    if (!record) return;
    ctx.log(`${record.name}: powering off and removing ${record.dir}`);
    const problems = await removeMachine(record);
    if (problems.length > 0)
      throw new Error(`${record.name} (${id}) was not removed completely: ${problems.join('; ')}`);
    await withStateLock(ctx.options.state_dir, () => releaseBridge(ctx.options, record.bridge));
  },

  async start(ctx, id) {
    const record = recordOf(ctx.options, id);
    if (!record) throw new Error(`no nspawn machine ${id}; it was deleted`);
    if (!machineRunning(record)) await boot(ctx, record);
  },

  async stop(ctx, id) {
    const record = recordOf(ctx.options, id);
    if (record) await stopMachine(record);
  },

  async reboot(ctx, id) {
    const record = recordOf(ctx.options, id);
    if (!record) throw new Error(`no nspawn machine ${id}; it was deleted`);
    await stopMachine(record);
    await boot(ctx, record);
  },

  plans: async () => [{ name: 'container', description: "shares this machine's CPUs, memory and kernel" }],
  images: async (ctx) => [
    {
      name: imageName(ctx.options),
      description: ctx.options.rootfs
        ? 'the given root filesystem'
        : `Debian ${ctx.options.suite} from ${ctx.options.mirror}, built once with debootstrap`,
    },
  ],
  zones: async (ctx) => [
    {
      name: `local:${ctx.options.bridge}`,
      description: `this machine, bridge ${ctx.options.bridge} on ${ctx.options.subnet}`,
    },
  ],
});
