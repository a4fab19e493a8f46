import { md5Fingerprint } from '@provisioning/sdk';
import {
  EmulatorServer,
  type EmulatorReply,
  type EmulatorRequest,
  type MachineBackend,
} from '@provisioning/sdk/testing';

/**
 * An emulator of the Hetzner Cloud API v1 (docs.hetzner.cloud) for the provider's tests: the
 * endpoints, fields, status codes and error bodies the provider uses, as documented. Its servers
 * run on a MachineBackend (nspawn hosts in the end-to-end suite). Differences from the cloud,
 * on purpose: a server's IPv4 appears once its machine has booted (the cloud assigns it at once),
 * and only the system images, types and locations listed below exist.
 */
export interface HetznerEmulatorOptions {
  token: string;
  machines: MachineBackend;
  /** Servers the project may have (403 resource_limit_exceeded past it). Default 10. */
  serverLimit?: number;
}

interface Action {
  id: number;
  command: string;
  status: 'running' | 'success' | 'error';
  progress: number;
  started: string;
  finished: string | null;
  resources: { id: number; type: 'server' }[];
  error: { code: string; message: string } | null;
}

interface ServerRecord {
  id: number;
  name: string;
  status: string;
  created: string;
  public_net: { ipv4: { id: number; ip: string; blocked: boolean; dns_ptr: string } | null; ipv6: null };
  server_type: { name: string; cores: number; memory: number; disk: number };
  datacenter: { name: string; location: { name: string; city: string; country: string } };
  image: { id: number; type: 'system'; name: string; os_flavor: string };
  labels: Record<string, string>;
  /** Not an API field: what the machine gets. */
  userData?: string;
  authorizedKeys: string[];
}

const SERVER_TYPES = [
  {
    id: 104,
    name: 'cx22',
    description: 'CX22',
    cores: 2,
    memory: 4,
    disk: 40,
    cpu_type: 'shared',
    architecture: 'x86',
  },
  {
    id: 105,
    name: 'cx32',
    description: 'CX32',
    cores: 4,
    memory: 8,
    disk: 80,
    cpu_type: 'shared',
    architecture: 'x86',
  },
  {
    id: 45,
    name: 'cax11',
    description: 'CAX11',
    cores: 2,
    memory: 4,
    disk: 40,
    cpu_type: 'shared',
    architecture: 'arm',
  },
];
const IMAGES = [
  {
    id: 114690387,
    type: 'system',
    name: 'debian-12',
    description: 'Debian 12',
    os_flavor: 'debian',
    os_version: '12',
  },
  {
    id: 161547269,
    type: 'system',
    name: 'ubuntu-24.04',
    description: 'Ubuntu 24.04',
    os_flavor: 'ubuntu',
    os_version: '24.04',
  },
];
const LOCATIONS = [
  {
    id: 1,
    name: 'fsn1',
    description: 'Falkenstein DC Park 1',
    city: 'Falkenstein',
    country: 'DE',
    network_zone: 'eu-central',
  },
  {
    id: 2,
    name: 'nbg1',
    description: 'Nuremberg DC Park 1',
    city: 'Nuremberg',
    country: 'DE',
    network_zone: 'eu-central',
  },
  {
    id: 3,
    name: 'hel1',
    description: 'Helsinki DC Park 1',
    city: 'Helsinki',
    country: 'FI',
    network_zone: 'eu-central',
  },
];

/** The documented error body: `{ error: { code, message, details } }`. */
export function hetznerError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): EmulatorReply {
  return { status, body: { error: { code, message, details: {} } }, ...(headers ? { headers } : {}) };
}

export class HetznerEmulator {
  readonly http: EmulatorServer;
  readonly servers = new Map<number, ServerRecord>();
  readonly actions = new Map<number, Action>();
  readonly sshKeys = new Map<
    number,
    {
      id: number;
      name: string;
      fingerprint: string;
      public_key: string;
      labels: Record<string, string>;
      created: string;
    }
  >();
  /** While true, create actions stay running and their machines are not booted (a create that times out half-way). */
  holdCreates = false;
  private readonly held: (() => void)[] = [];
  private nextId = 1000;

  constructor(private readonly options: HetznerEmulatorOptions) {
    this.http = new EmulatorServer({
      authorize: (request) =>
        request.headers.authorization === `Bearer ${options.token}`
          ? undefined
          : hetznerError(401, 'unauthorized', 'unable to authenticate'),
      notFound: () => hetznerError(404, 'not_found', 'not found'),
    });
    this.routes();
  }

  /** Starts listening; returns the base URL to give the provider as `endpoint` (ends in /v1). */
  async start(): Promise<string> {
    return `${await this.http.start()}/v1`;
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  /** Answers the next matching requests with a documented error (`times` of them). */
  fail(
    status: number,
    code: string,
    match: { method?: string; path: RegExp; times?: number; headers?: Record<string, string> },
  ): void {
    this.http.fail({
      ...match,
      reply: hetznerError(status, code, `${code} (injected by the test)`, match.headers),
    });
  }

  /** Lets held creates go on: their machines boot and their actions finish. */
  release(): void {
    this.holdCreates = false;
    for (const go of this.held.splice(0)) go();
  }

  /** Deletes a server as someone in the Cloud Console would: behind the tool's back. */
  async deleteBehindBack(id: number): Promise<void> {
    await this.options.machines.remove(String(id));
    this.servers.delete(id);
  }

  /** Waits until no action is running (tests clean up after it). */
  async settled(): Promise<void> {
    while ([...this.actions.values()].some((action) => action.status === 'running') && !this.holdCreates)
      await new Promise((resolve) => setTimeout(resolve, 50));
  }

  private id(): number {
    return this.nextId++;
  }

  private action(command: string, serverId: number): Action {
    const action: Action = {
      id: this.id(),
      command,
      status: 'running',
      progress: 0,
      started: new Date().toISOString(),
      finished: null,
      resources: [{ id: serverId, type: 'server' }],
      error: null,
    };
    this.actions.set(action.id, action);
    return action;
  }

  /** Runs the work in the background and settles the action with its outcome, as the cloud does. */
  private settle(action: Action, work: () => Promise<void>): void {
    work().then(
      () => Object.assign(action, { status: 'success', progress: 100, finished: new Date().toISOString() }),
      (error: Error) =>
        Object.assign(action, {
          status: 'error',
          progress: 100,
          finished: new Date().toISOString(),
          error: { code: 'action_failed', message: error.message },
        }),
    );
  }

  private rateHeaders(): Record<string, string> {
    return {
      'ratelimit-limit': '3600',
      'ratelimit-remaining': '3599',
      'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1),
    };
  }

  private ok(status: number, body: unknown): EmulatorReply {
    return { status, body, headers: this.rateHeaders() };
  }

  private page<T>(request: EmulatorRequest, key: string, items: T[]): EmulatorReply {
    const perPage = Math.min(Number(request.query.get('per_page') ?? 25), 50);
    const page = Math.max(Number(request.query.get('page') ?? 1), 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    return this.ok(200, {
      [key]: items.slice((page - 1) * perPage, page * perPage),
      meta: {
        pagination: {
          page,
          per_page: perPage,
          previous_page: page > 1 ? page - 1 : null,
          next_page: page < last ? page + 1 : null,
          last_page: last,
          total_entries: items.length,
        },
      },
    });
  }

  private server(request: EmulatorRequest): ServerRecord | undefined {
    return this.servers.get(Number(request.params['id']));
  }

  private routes(): void {
    const http = this.http;
    http.on('GET', '/v1/servers', (request) => {
      const selector = request.query.get('label_selector');
      const name = request.query.get('name');
      const servers = [...this.servers.values()].filter(
        (server) =>
          (!name || server.name === name) && (!selector || matchesSelector(server.labels, selector)),
      );
      return this.page(request, 'servers', servers.map(publicServer));
    });
    http.on('POST', '/v1/servers', (request) => this.createServer(request));
    http.on('GET', '/v1/servers/:id', (request) => {
      const server = this.server(request);
      return server
        ? this.ok(200, { server: publicServer(server) })
        : hetznerError(404, 'not_found', `server with ID '${request.params['id']}' not found`);
    });
    http.on('DELETE', '/v1/servers/:id', (request) => {
      const server = this.server(request);
      if (!server)
        return hetznerError(404, 'not_found', `server with ID '${request.params['id']}' not found`);
      server.status = 'deleting';
      const action = this.action('delete_server', server.id);
      this.settle(action, async () => {
        await this.options.machines.remove(String(server.id));
        this.servers.delete(server.id);
      });
      return this.ok(200, { action });
    });
    http.on('GET', '/v1/servers/:id/actions', (request) => {
      const id = Number(request.params['id']);
      const status = request.query.get('status');
      const actions = [...this.actions.values()].filter(
        (action) =>
          action.resources.some((resource) => resource.id === id) && (!status || action.status === status),
      );
      return this.page(request, 'actions', actions);
    });
    http.on('POST', '/v1/servers/:id/actions/:command', (request) => {
      const server = this.server(request);
      if (!server)
        return hetznerError(404, 'not_found', `server with ID '${request.params['id']}' not found`);
      const command = request.params['command'];
      const machines = this.options.machines;
      const work: Record<string, () => Promise<void>> = {
        poweron: async () => {
          await machines.powerOn(String(server.id));
          server.status = 'running';
        },
        poweroff: async () => {
          await machines.powerOff(String(server.id));
          server.status = 'off';
        },
        shutdown: async () => {
          await machines.powerOff(String(server.id));
          server.status = 'off';
        },
        reboot: async () => {
          await machines.powerOff(String(server.id));
          await machines.powerOn(String(server.id));
          server.status = 'running';
        },
      };
      if (!work[command]) return hetznerError(404, 'not_found', `action ${command} not found`);
      const action = this.action(
        command === 'poweron' ? 'start_server' : command === 'reboot' ? 'reboot_server' : 'stop_server',
        server.id,
      );
      this.settle(action, work[command]);
      return this.ok(201, { action });
    });
    http.on('GET', '/v1/actions/:id', (request) => {
      const action = this.actions.get(Number(request.params['id']));
      return action
        ? this.ok(200, { action })
        : hetznerError(404, 'not_found', `action with ID '${request.params['id']}' not found`);
    });
    http.on('GET', '/v1/ssh_keys', (request) => {
      const fingerprint = request.query.get('fingerprint');
      return this.page(
        request,
        'ssh_keys',
        [...this.sshKeys.values()].filter((key) => !fingerprint || key.fingerprint === fingerprint),
      );
    });
    http.on('POST', '/v1/ssh_keys', (request) => {
      const body = request.body as { name?: string; public_key?: string; labels?: Record<string, string> };
      if (!body?.name || !body.public_key)
        return hetznerError(400, 'invalid_input', 'name and public_key are required');
      const fingerprint = md5Fingerprint(body.public_key);
      if ([...this.sshKeys.values()].some((key) => key.fingerprint === fingerprint || key.name === body.name))
        return hetznerError(409, 'uniqueness_error', 'SSH key with the same fingerprint already exists');
      const key = {
        id: this.id(),
        name: body.name,
        fingerprint,
        public_key: body.public_key,
        labels: body.labels ?? {},
        created: new Date().toISOString(),
      };
      this.sshKeys.set(key.id, key);
      return this.ok(201, { ssh_key: key });
    });
    http.on('GET', '/v1/server_types', (request) => this.page(request, 'server_types', SERVER_TYPES));
    http.on('GET', '/v1/images', (request) =>
      this.page(
        request,
        'images',
        IMAGES.filter((image) => !request.query.get('type') || image.type === request.query.get('type')),
      ),
    );
    http.on('GET', '/v1/locations', (request) => this.page(request, 'locations', LOCATIONS));
  }

  private createServer(request: EmulatorRequest): EmulatorReply {
    const body = (request.body ?? {}) as {
      name?: string;
      server_type?: string;
      image?: string;
      location?: string;
      ssh_keys?: (number | string)[];
      user_data?: string;
      labels?: Record<string, string>;
    };
    if (!body.name || !/^[a-zA-Z0-9]([a-zA-Z0-9.-]{0,61}[a-zA-Z0-9])?$/.test(body.name))
      return hetznerError(400, 'invalid_input', "invalid input in field 'name'");
    const type = SERVER_TYPES.find((candidate) => candidate.name === body.server_type);
    if (!type) return hetznerError(400, 'invalid_input', `server type ${body.server_type} not found`);
    const image = IMAGES.find((candidate) => candidate.name === body.image);
    if (!image) return hetznerError(400, 'invalid_input', `image ${body.image} not found`);
    const location = LOCATIONS.find((candidate) => candidate.name === (body.location ?? 'fsn1'));
    if (!location) return hetznerError(400, 'invalid_input', `location ${body.location} not found`);
    if ([...this.servers.values()].some((server) => server.name === body.name))
      return hetznerError(409, 'uniqueness_error', 'server name is already used');
    if (this.servers.size >= (this.options.serverLimit ?? 10))
      return hetznerError(403, 'resource_limit_exceeded', 'server limit exceeded');
    const keys: string[] = [];
    for (const ref of body.ssh_keys ?? []) {
      const key = [...this.sshKeys.values()].find(
        (candidate) => candidate.id === ref || candidate.name === ref,
      );
      if (!key) return hetznerError(400, 'invalid_input', `ssh key ${ref} not found`);
      keys.push(key.public_key);
    }
    const id = this.id();
    const server: ServerRecord = {
      id,
      name: body.name,
      status: 'initializing',
      created: new Date().toISOString(),
      public_net: { ipv4: null, ipv6: null },
      server_type: { name: type.name, cores: type.cores, memory: type.memory, disk: type.disk },
      datacenter: {
        name: `${location.name}-dc14`,
        location: { name: location.name, city: location.city, country: location.country },
      },
      image: { id: image.id, type: 'system', name: image.name, os_flavor: image.os_flavor },
      labels: body.labels ?? {},
      ...(body.user_data ? { userData: body.user_data } : {}),
      authorizedKeys: keys,
    };
    this.servers.set(id, server);
    const action = this.action('create_server', id);
    const boot = () =>
      this.settle(action, async () => {
        server.status = 'starting';
        const { address } = await this.options.machines.boot({
          id: String(id),
          name: server.name,
          authorizedKeys: keys,
          ...(server.userData ? { userData: server.userData } : {}),
        });
        server.public_net.ipv4 = {
          id: this.id(),
          ip: address,
          blocked: false,
          dns_ptr: `static.${address}.clients.your-server.de`,
        };
        server.status = 'running';
      });
    if (this.holdCreates) this.held.push(boot);
    else boot();
    return this.ok(201, { server: publicServer(server), action, next_actions: [], root_password: null });
  }
}

function publicServer(server: ServerRecord): Omit<ServerRecord, 'userData' | 'authorizedKeys'> {
  const { userData: _userData, authorizedKeys: _keys, ...visible } = server;
  return visible;
}

/** `key=value`, `key!=value`, `key` and `!key`, comma-separated (the label selector syntax, without `in`). */
function matchesSelector(labels: Record<string, string>, selector: string): boolean {
  return selector.split(',').every((term) => {
    const [key, value] = term.split(/!?=/);
    if (term.includes('!=')) return labels[key] !== value;
    if (term.includes('=')) return labels[key] === value;
    if (term.startsWith('!')) return !(term.slice(1) in labels);
    return key in labels;
  });
}
