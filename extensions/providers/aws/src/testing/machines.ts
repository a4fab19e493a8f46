/** What the EC2 emulator asks of the machines behind its instances: nspawn hosts in e2e, none in unit specs. */
export interface InstanceMachineRequest {
  /** The instance id, stable for the machine's life. */
  id: string;
  /** From the Name tag. */
  hostname: string;
  /** What cloud-init would authorise: ssh_authorized_keys of the user data. */
  sshPublicKeys: readonly string[];
  userData: string;
}

export interface InstanceMachineBackend {
  /** Boots the machine; resolves with its IPv4 address and its host keys (`type base64`) once it answers. */
  boot(request: InstanceMachineRequest): Promise<{ address: string; hostKeys: readonly string[] }>;
  stop(id: string): Promise<void>;
  start(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
}

/** Machines that exist only as TEST-NET-2 addresses (198.51.100.0/24) and made-up host keys: for specs of the API alone. */
export class AddressOnlyInstances implements InstanceMachineBackend {
  readonly booted = new Map<string, InstanceMachineRequest>();
  readonly stopped = new Set<string>();
  private next = 10;

  /** @param bootMs how long a boot takes, so a spec sees the pending state (and can outwait a create timeout). */
  constructor(public bootMs = 0) {}

  async boot(request: InstanceMachineRequest): Promise<{ address: string; hostKeys: readonly string[] }> {
    await new Promise((resolve) => setTimeout(resolve, this.bootMs));
    this.booted.set(request.id, request);
    const key = Buffer.from(
      `\0\0\0\x0bssh-ed25519\0\0\0\x20${request.id.padEnd(32, '0').slice(0, 32)}`,
    ).toString('base64');
    return { address: `198.51.100.${this.next++}`, hostKeys: [`ssh-ed25519 ${key}`] };
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
