import { md5Fingerprint } from '@provisioning/sdk';
import {
  EmulatorServer,
  type EmulatorReply,
  type EmulatorRequest,
  type MachineBackend,
} from '@provisioning/sdk/testing';

/**
 * An emulator of the DigitalOcean API v2 (docs.digitalocean.com/reference/api) for the provider's
 * tests: the endpoints, fields, status codes and `{ id, message, request_id }` error bodies the
 * provider uses, as documented. Its Droplets run on a MachineBackend (nspawn hosts end to end).
 * Differences on purpose: a Droplet's public IPv4 appears once its machine has booted, and only
 * the sizes, images and regions listed below exist.
 */
export interface DigitaloceanEmulatorOptions {
  token: string;
  machines: MachineBackend;
  /** Droplets the account may have (422 past it). Default 10. */
  dropletLimit?: number;
}

interface Action {
  id: number;
  status: 'in-progress' | 'completed' | 'errored';
  type: string;
  started_at: string;
  completed_at: string | null;
  resource_id: number;
  resource_type: 'droplet';
  region_slug: string;
}

interface DropletRecord {
  id: number;
  name: string;
  memory: number;
  vcpus: number;
  disk: number;
  locked: boolean;
  status: 'new' | 'active' | 'off' | 'archive';
  created_at: string;
  image: { id: number; name: string; distribution: string; slug: string };
  size_slug: string;
  region: { slug: string; name: string };
  networks: {
    v4: { ip_address: string; netmask: string; gateway: string; type: 'public' | 'private' }[];
    v6: [];
  };
  tags: string[];
  userData?: string;
}

const SIZES = [
  {
    slug: 's-1vcpu-1gb',
    memory: 1024,
    vcpus: 1,
    disk: 25,
    transfer: 1,
    price_monthly: 6,
    available: true,
    description: 'Basic',
  },
  {
    slug: 's-2vcpu-4gb',
    memory: 4096,
    vcpus: 2,
    disk: 80,
    transfer: 4,
    price_monthly: 24,
    available: true,
    description: 'Basic',
  },
];
const IMAGES = [
  {
    id: 149000001,
    name: '12 x64',
    distribution: 'Debian',
    slug: 'debian-12-x64',
    type: 'base',
    public: true,
  },
  {
    id: 149000002,
    name: '24.04 (LTS) x64',
    distribution: 'Ubuntu',
    slug: 'ubuntu-24-04-x64',
    type: 'base',
    public: true,
  },
];
const REGIONS = [
  { slug: 'fra1', name: 'Frankfurt 1', available: true },
  { slug: 'ams3', name: 'Amsterdam 3', available: true },
  { slug: 'nyc1', name: 'New York 1', available: false },
];

/** The documented error body: `{ id, message, request_id }`. */
export function digitaloceanError(
  status: number,
  id: string,
  message: string,
  headers?: Record<string, string>,
): EmulatorReply {
  return { status, body: { id, message, request_id: `req-${Date.now()}` }, ...(headers ? { headers } : {}) };
}

export class DigitaloceanEmulator {
  readonly http: EmulatorServer;
  readonly droplets = new Map<number, DropletRecord>();
  readonly actions = new Map<number, Action>();
  readonly keys = new Map<number, { id: number; fingerprint: string; public_key: string; name: string }>();
  /** While true, create actions stay in progress and their machines are not booted. */
  holdCreates = false;
  private readonly held: (() => void)[] = [];
  private nextId = 3000;
  private baseUrl = '';

  constructor(private readonly options: DigitaloceanEmulatorOptions) {
    this.http = new EmulatorServer({
      authorize: (request) =>
        request.headers.authorization === `Bearer ${options.token}`
          ? undefined
          : digitaloceanError(401, 'unauthorized', 'Unable to authenticate you'),
      notFound: () =>
        digitaloceanError(404, 'not_found', 'The resource you were accessing could not be found.'),
    });
    this.routes();
  }

  /** Starts listening; returns the base URL to give the provider as `endpoint` (ends in /v2). */
  async start(): Promise<string> {
    this.baseUrl = `${await this.http.start()}/v2`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  fail(
    status: number,
    id: string,
    match: { method?: string; path: RegExp; times?: number; headers?: Record<string, string> },
  ): void {
    this.http.fail({
      ...match,
      reply: digitaloceanError(status, id, `${id} (injected by the test)`, match.headers),
    });
  }

  release(): void {
    this.holdCreates = false;
    for (const go of this.held.splice(0)) go();
  }

  /** Destroys a Droplet as someone in the control panel would: behind the tool's back. */
  async deleteBehindBack(id: number): Promise<void> {
    await this.options.machines.remove(String(id));
    this.droplets.delete(id);
  }

  private id(): number {
    return this.nextId++;
  }

  private action(type: string, droplet: DropletRecord): Action {
    const action: Action = {
      id: this.id(),
      status: 'in-progress',
      type,
      started_at: new Date().toISOString(),
      completed_at: null,
      resource_id: droplet.id,
      resource_type: 'droplet',
      region_slug: droplet.region.slug,
    };
    this.actions.set(action.id, action);
    return action;
  }

  private settle(action: Action, work: () => Promise<void>): void {
    work().then(
      () => Object.assign(action, { status: 'completed', completed_at: new Date().toISOString() }),
      () => Object.assign(action, { status: 'errored', completed_at: new Date().toISOString() }),
    );
  }

  private ok(status: number, body?: unknown): EmulatorReply {
    const headers = {
      'ratelimit-limit': '5000',
      'ratelimit-remaining': '4999',
      'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 60),
    };
    return { status, ...(body === undefined ? {} : { body }), headers };
  }

  /** `links.pages` with absolute URLs, as the API gives them, and `meta.total`. */
  private page<T>(request: EmulatorRequest, key: string, items: T[]): EmulatorReply {
    const perPage = Math.min(Number(request.query.get('per_page') ?? 20), 200);
    const page = Math.max(Number(request.query.get('page') ?? 1), 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (n: number) => {
      const query = new URLSearchParams(request.query);
      query.set('page', String(n));
      return `${this.baseUrl}${request.path.slice('/v2'.length)}?${query}`;
    };
    const pages: Record<string, string> = {};
    if (page < last) Object.assign(pages, { next: link(page + 1), last: link(last) });
    if (page > 1) Object.assign(pages, { first: link(1), prev: link(page - 1) });
    return this.ok(200, {
      [key]: items.slice((page - 1) * perPage, page * perPage),
      links: { pages },
      meta: { total: items.length },
    });
  }

  private routes(): void {
    const http = this.http;
    const droplet = (request: EmulatorRequest) => this.droplets.get(Number(request.params['id']));
    http.on('GET', '/v2/droplets', (request) => {
      const tag = request.query.get('tag_name');
      return this.page(
        request,
        'droplets',
        [...this.droplets.values()].filter((d) => !tag || d.tags.includes(tag)).map(visible),
      );
    });
    http.on('POST', '/v2/droplets', (request) => this.createDroplet(request));
    http.on('GET', '/v2/droplets/:id', (request) => {
      const found = droplet(request);
      return found
        ? this.ok(200, { droplet: visible(found) })
        : digitaloceanError(404, 'not_found', 'The resource you were accessing could not be found.');
    });
    http.on('DELETE', '/v2/droplets/:id', (request) => {
      const found = droplet(request);
      if (!found)
        return digitaloceanError(404, 'not_found', 'The resource you were accessing could not be found.');
      void this.options.machines.remove(String(found.id)).then(() => this.droplets.delete(found.id));
      return this.ok(204);
    });
    http.on('POST', '/v2/droplets/:id/actions', (request) => {
      const found = droplet(request);
      if (!found)
        return digitaloceanError(404, 'not_found', 'The resource you were accessing could not be found.');
      const type = (request.body as { type?: string })?.type ?? '';
      const machines = this.options.machines;
      const id = String(found.id);
      const work: Record<string, () => Promise<void>> = {
        power_on: async () => {
          await machines.powerOn(id);
          found.status = 'active';
        },
        power_off: async () => {
          await machines.powerOff(id);
          found.status = 'off';
        },
        shutdown: async () => {
          await machines.powerOff(id);
          found.status = 'off';
        },
        reboot: async () => {
          await machines.powerOff(id);
          await machines.powerOn(id);
          found.status = 'active';
        },
      };
      if (!work[type])
        return digitaloceanError(422, 'unprocessable_entity', `${type} is not a valid action type`);
      const action = this.action(type, found);
      this.settle(action, work[type]);
      return this.ok(201, { action });
    });
    http.on('GET', '/v2/actions/:id', (request) => {
      const action = this.actions.get(Number(request.params['id']));
      return action
        ? this.ok(200, { action })
        : digitaloceanError(404, 'not_found', 'The resource you were accessing could not be found.');
    });
    http.on('GET', '/v2/account/keys', (request) => this.page(request, 'ssh_keys', [...this.keys.values()]));
    http.on('GET', '/v2/account/keys/:ref', (request) => {
      const ref = request.params['ref'];
      const key = [...this.keys.values()].find(
        (candidate) => candidate.fingerprint === ref || String(candidate.id) === ref,
      );
      return key
        ? this.ok(200, { ssh_key: key })
        : digitaloceanError(404, 'not_found', 'The resource you were accessing could not be found.');
    });
    http.on('POST', '/v2/account/keys', (request) => {
      const body = request.body as { name?: string; public_key?: string };
      if (!body?.name || !body.public_key)
        return digitaloceanError(422, 'unprocessable_entity', 'Name is required, Public key is required');
      const fingerprint = md5Fingerprint(body.public_key);
      if ([...this.keys.values()].some((key) => key.fingerprint === fingerprint))
        return digitaloceanError(422, 'unprocessable_entity', 'SSH Key is already in use on your account');
      const key = { id: this.id(), fingerprint, public_key: body.public_key, name: body.name };
      this.keys.set(key.id, key);
      return this.ok(201, { ssh_key: key });
    });
    http.on('GET', '/v2/sizes', (request) => this.page(request, 'sizes', SIZES));
    http.on('GET', '/v2/images', (request) => this.page(request, 'images', IMAGES));
    http.on('GET', '/v2/regions', (request) => this.page(request, 'regions', REGIONS));
  }

  private createDroplet(request: EmulatorRequest): EmulatorReply {
    const body = (request.body ?? {}) as {
      name?: string;
      region?: string;
      size?: string;
      image?: string | number;
      ssh_keys?: (string | number)[];
      user_data?: string;
      tags?: string[];
    };
    if (!body.name || !/^[a-zA-Z0-9.-]{1,255}$/.test(body.name))
      return digitaloceanError(
        422,
        'unprocessable_entity',
        'Name Only valid hostname characters are allowed. (a-z, A-Z, 0-9, . and -)',
      );
    const size = SIZES.find((candidate) => candidate.slug === body.size);
    if (!size)
      return digitaloceanError(
        422,
        'unprocessable_entity',
        'You specified an invalid size for Droplet creation.',
      );
    const image = IMAGES.find((candidate) => candidate.slug === body.image || candidate.id === body.image);
    if (!image)
      return digitaloceanError(
        422,
        'unprocessable_entity',
        'You specified an invalid image for Droplet creation.',
      );
    const region = REGIONS.find((candidate) => candidate.slug === body.region);
    if (!region?.available) return digitaloceanError(422, 'unprocessable_entity', 'Region is not available');
    if (this.droplets.size >= (this.options.dropletLimit ?? 10))
      return digitaloceanError(
        422,
        'unprocessable_entity',
        'creating this/these droplet(s) will exceed your droplet limit',
      );
    const keys: string[] = [];
    for (const ref of body.ssh_keys ?? []) {
      const key = [...this.keys.values()].find(
        (candidate) => candidate.fingerprint === ref || candidate.id === ref,
      );
      if (!key) return digitaloceanError(422, 'unprocessable_entity', `SSH key ${ref} is invalid`);
      keys.push(key.public_key);
    }
    for (const tag of body.tags ?? [])
      if (!/^[A-Za-z0-9_:-]{1,255}$/.test(tag))
        return digitaloceanError(422, 'unprocessable_entity', `tag ${tag} is invalid`);
    const record: DropletRecord = {
      id: this.id(),
      name: body.name,
      memory: size.memory,
      vcpus: size.vcpus,
      disk: size.disk,
      locked: false,
      status: 'new',
      created_at: new Date().toISOString(),
      image: { id: image.id, name: image.name, distribution: image.distribution, slug: image.slug },
      size_slug: size.slug,
      region: { slug: region.slug, name: region.name },
      networks: { v4: [], v6: [] },
      tags: body.tags ?? [],
      ...(body.user_data ? { userData: body.user_data } : {}),
    };
    this.droplets.set(record.id, record);
    const action = this.action('create', record);
    const boot = () =>
      this.settle(action, async () => {
        const { address } = await this.options.machines.boot({
          id: String(record.id),
          name: record.name,
          authorizedKeys: keys,
          ...(record.userData ? { userData: record.userData } : {}),
        });
        record.networks.v4 = [
          {
            ip_address: address,
            netmask: '255.255.255.0',
            gateway: address.replace(/\.\d+$/, '.1'),
            type: 'public',
          },
        ];
        record.status = 'active';
      });
    if (this.holdCreates) this.held.push(boot);
    else boot();
    return this.ok(202, {
      droplet: visible(record),
      links: { actions: [{ id: action.id, rel: 'create', href: `${this.baseUrl}/actions/${action.id}` }] },
    });
  }
}

function visible(droplet: DropletRecord): Omit<DropletRecord, 'userData'> {
  const { userData: _userData, ...rest } = droplet;
  return rest;
}
