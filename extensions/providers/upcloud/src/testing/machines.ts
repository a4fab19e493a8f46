/** What the emulator asks of the machines behind its servers: real nspawn hosts in e2e, none in unit specs. */
export interface MachineRequest {
  /** The server's UUID, stable for the machine's life. */
  id: string;
  hostname: string;
  /** login_user.ssh_keys of the create request. */
  sshPublicKeys: readonly string[];
  /** user_data of the create request (cloud-config: the host key to install). */
  userData: string;
}

export interface MachineBackend {
  /** Boots the machine; resolves with its IPv4 address once it answers. */
  boot(request: MachineRequest): Promise<{ address: string }>;
  stop(id: string): Promise<void>;
  start(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
}

/** Machines that exist only as addresses from TEST-NET-1 (192.0.2.0/24): for specs of the API alone. */
export class AddressOnlyMachines implements MachineBackend {
  readonly booted = new Map<string, MachineRequest>();
  readonly stopped = new Set<string>();
  private next = 10;

  /** @param bootMs how long a boot takes, so a spec sees the maintenance state (and can outwait a create timeout). */
  constructor(public bootMs = 0) {}

  async boot(request: MachineRequest): Promise<{ address: string }> {
    await new Promise((resolve) => setTimeout(resolve, this.bootMs));
    this.booted.set(request.id, request);
    return { address: `192.0.2.${this.next++}` };
  }

  async stop(id: string): Promise<void> {
    this.stopped.add(id);
  }

  async start(id: string): Promise<void> {
    this.stopped.delete(id);
  }

  async destroy(id: string): Promise<void> {
    this.booted.delete(id);
    this.stopped.delete(id);
  }
}
