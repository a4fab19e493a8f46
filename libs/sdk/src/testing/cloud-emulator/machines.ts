import { parse } from 'yaml';

/** What an emulated cloud asks its machine backend to boot for a new server. */
export interface MachineBootRequest {
  /** The emulator's id for the server. */
  id: string;
  /** Hostname. */
  name: string;
  /** OpenSSH public keys to authorise for root (the cloud's registered keys). */
  authorizedKeys: readonly string[];
  /** The cloud-config user data, whose `ssh_keys` set the host key, as cloud-init would. */
  userData?: string;
}

/**
 * Where an emulated cloud's servers really run: the unit specs use `FakeMachines` (addresses
 * from TEST-NET-1, never contacted); the end-to-end suites boot nspawn hosts reachable over SSH.
 */
export interface MachineBackend {
  /** Boots the machine and returns its IPv4 address once it is up. */
  boot(request: MachineBootRequest): Promise<{ address: string }>;
  powerOff(id: string): Promise<void>;
  powerOn(id: string): Promise<void>;
  /** Removes it; an unknown id is not an error. */
  remove(id: string): Promise<void>;
}

/** Machines that exist only as records: for specs that test the API client, not the host. */
export class FakeMachines implements MachineBackend {
  readonly booted = new Map<string, MachineBootRequest & { address: string; on: boolean }>();
  private next = 10;

  async boot(request: MachineBootRequest): Promise<{ address: string }> {
    const address = `192.0.2.${this.next++}`;
    this.booted.set(request.id, { ...request, address, on: true });
    return { address };
  }
  async powerOff(id: string): Promise<void> {
    const machine = this.booted.get(id);
    if (machine) machine.on = false;
  }
  async powerOn(id: string): Promise<void> {
    const machine = this.booted.get(id);
    if (machine) machine.on = true;
  }
  async remove(id: string): Promise<void> {
    this.booted.delete(id);
  }
}

/** The ed25519 host key a cloud-config's `ssh_keys` installs, as cloud-init reads it. */
export function userDataHostKey(
  userData: string | undefined,
): { privateKey: string; publicKey: string } | undefined {
  if (!userData?.startsWith('#cloud-config')) return undefined;
  const config = parse(userData) as {
    ssh_keys?: { ed25519_private?: string; ed25519_public?: string };
  } | null;
  const keys = config?.ssh_keys;
  if (!keys?.ed25519_private || !keys.ed25519_public) return undefined;
  return { privateKey: keys.ed25519_private, publicKey: keys.ed25519_public };
}
