import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UpcloudServer, UpcloudServerCreate } from '../lib/api-types';
import type { UpcloudLabel } from '../lib/labels';
import { PLANS, TEMPLATES, ZONES } from './catalog';
import type { MachineBackend } from './machines';

/** A response the emulator gives instead of the real one, to test retries and errors. */
export interface Fault {
  method: string;
  /** Matched against the path after /1.3 (`/server`, `/server/<uuid>/stop`). */
  path: RegExp;
  status: number;
  /** How many matching requests get it (default 1). */
  times?: number;
  headers?: Record<string, string>;
  /** UpCloud error code for the body (default: one for the status). */
  code?: string;
  /** Carry the request out first, then answer with the fault (the answer was lost, the work was done). */
  afterApplying?: boolean;
}

export interface UpcloudEmulatorOptions {
  backend: MachineBackend;
  username?: string;
  password?: string;
  token?: string;
  /** The account's resource_limits.cores: a create past it is refused (default 200, as UpCloud's default accounts). */
  coresLimit?: number;
}

interface Emulated {
  server: UpcloudServer;
  cores: number;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const LABEL_KEY = /^[A-Za-z0-9_-]{2,32}$/;
const DEFAULT_CODES: Record<number, string> = {
  401: 'AUTHENTICATION_FAILED',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * An UpCloud API 1.3 emulator on a real HTTP server (loopback), following the published API:
 * paths, bodies wrapped as UpCloud wraps them (`{ servers: { server: [...] } }`), states
 * (maintenance, started, stopped), label filters, and errors as `{ error: { error_code,
 * error_message } }` with UpCloud's status codes. Its servers' machines come from a backend.
 */
export class UpcloudEmulator {
  readonly servers = new Map<string, Emulated>();
  /** Every request as `METHOD /path -> status`, for specs to assert on. */
  readonly requests: string[] = [];
  private readonly faults: (Fault & { left: number })[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  private http?: Server;

  constructor(private readonly options: UpcloudEmulatorOptions) {}

  /** The API's base URL, `http://127.0.0.1:PORT/1.3`. */
  get url(): string {
    const address = this.http?.address() as AddressInfo | null;
    if (!address) throw new Error('the emulator is not listening; call start() first');
    return `http://127.0.0.1:${address.port}/1.3`;
  }

  async start(host = '127.0.0.1'): Promise<this> {
    this.http = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.http?.listen(0, host, resolve));
    return this;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Deletes a server the way someone in the control panel would: behind the tool's back. */
  async deleteBehindBack(uuid: string): Promise<void> {
    if (!this.servers.has(uuid)) throw new Error(`the emulator has no server ${uuid}`);
    this.servers.delete(uuid);
    await this.options.backend.destroy(uuid);
  }

  /** Waits for boots and power actions still running (so a spec can end cleanly). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator');
    const path = url.pathname.replace(/^\/1\.3/, '').replace(/\/$/, '') || '/';
    const method = request.method ?? 'GET';
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      this.requests.push(`${method} ${path} -> ${status}`);
      response.writeHead(
        status,
        body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      );
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const fail = (error: ApiError, headers: Record<string, string> = {}) =>
      send(error.status, { error: { error_code: error.code, error_message: error.message } }, headers);
    try {
      const raw = await readBody(request);
      if (!url.pathname.startsWith('/1.3/'))
        throw new ApiError(404, 'NOT_FOUND', 'Only API version 1.3 is served here.');
      this.authenticate(request);
      const fault = this.takeFault(method, path);
      if (fault && !fault.afterApplying) return fail(faultError(fault), fault.headers);
      const [status, body] = this.route(method, path, url.searchParams, raw);
      if (fault) return fail(faultError(fault), fault.headers);
      send(status, body);
    } catch (error) {
      if (error instanceof ApiError) fail(error);
      else fail(new ApiError(500, 'INTERNAL_ERROR', (error as Error).message));
    }
  }

  private authenticate(request: IncomingMessage): void {
    const header = request.headers.authorization ?? '';
    const { username, password, token } = this.options;
    const basic =
      username && password && header === `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const bearer = token && header === `Bearer ${token}`;
    if (!basic && !bearer)
      throw new ApiError(
        401,
        'AUTHENTICATION_FAILED',
        'Authentication failed using the given username and password.',
      );
  }

  private takeFault(method: string, path: string): (Fault & { left: number }) | undefined {
    const fault = this.faults.find((f) => f.left > 0 && f.method === method && f.path.test(path));
    if (fault) fault.left--;
    return fault;
  }

  private route(method: string, path: string, query: URLSearchParams, raw: string): [number, unknown] {
    const segments = path.split('/').filter(Boolean);
    const key = `${method} /${segments.map((s, i) => (i === 1 && segments[0] === 'server' ? ':uuid' : s)).join('/')}`;
    switch (key) {
      case 'GET /zone':
        return [200, { zones: { zone: ZONES } }];
      case 'GET /plan':
        return [200, { plans: { plan: PLANS } }];
      case 'GET /storage/template':
        return [
          200,
          { storages: { storage: TEMPLATES.map((t) => ({ ...t, access: 'public', state: 'online' })) } },
        ];
      case 'GET /account':
        return [
          200,
          {
            account: {
              credits: 10000,
              username: this.options.username ?? 'token',
              resource_limits: { cores: this.coresLimit() },
            },
          },
        ];
      case 'GET /server':
        return [200, { servers: { server: this.list(query.getAll('label')).map(summary) } }];
      case 'POST /server':
        return [202, { server: this.create(parseJson(raw)) }];
      case 'GET /server/:uuid':
        return [200, { server: this.find(segments[1]).server }];
      case 'DELETE /server/:uuid':
        return this.remove(segments[1]);
      case 'POST /server/:uuid/stop':
        return [202, { server: this.power(segments[1], 'stop') }];
      case 'POST /server/:uuid/start':
        return [202, { server: this.power(segments[1], 'start') }];
      case 'POST /server/:uuid/restart':
        return [202, { server: this.power(segments[1], 'restart') }];
      default:
        throw new ApiError(404, 'NOT_FOUND', `No such operation: ${method} /1.3${path}`);
    }
  }

  private coresLimit(): number {
    return this.options.coresLimit ?? 200;
  }

  private list(filters: string[]): Emulated[] {
    return [...this.servers.values()].filter(({ server }) =>
      filters.every((filter) => {
        const [key, value] = filter.split(/=(.*)/s, 2);
        return (server.labels?.label ?? []).some(
          (l) => l.key === key && (value === undefined || l.value === value),
        );
      }),
    );
  }

  private find(uuid: string): Emulated {
    const found = this.servers.get(uuid);
    if (!found) throw new ApiError(404, 'SERVER_NOT_FOUND', `The server ${uuid} does not exist.`);
    return found;
  }

  private create(body: unknown): UpcloudServer {
    const request = (body as { server?: UpcloudServerCreate }).server;
    if (!request || typeof request !== 'object')
      throw new ApiError(400, 'SERVER_INVALID', 'The server attribute is missing.');
    if (!request.zone) throw new ApiError(400, 'ZONE_MISSING', 'The zone attribute is missing.');
    if (!ZONES.some((zone) => zone.id === request.zone))
      throw new ApiError(404, 'ZONE_NOT_FOUND', `The zone ${request.zone} does not exist.`);
    if (!request.title) throw new ApiError(400, 'SERVER_TITLE_MISSING', 'The title attribute is missing.');
    if (!request.hostname) throw new ApiError(400, 'HOSTNAME_MISSING', 'The hostname attribute is missing.');
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,126}[A-Za-z0-9])?$/.test(request.hostname))
      throw new ApiError(400, 'HOSTNAME_INVALID', `The hostname ${request.hostname} is invalid.`);
    const plan = PLANS.find((candidate) => candidate.name === request.plan);
    if (!plan) throw new ApiError(400, 'PLAN_INVALID', `The plan ${request.plan} is invalid.`);
    const devices = request.storage_devices?.storage_device ?? [];
    if (devices.length === 0)
      throw new ApiError(400, 'STORAGE_DEVICES_MISSING', 'The storage_devices attribute is missing.');
    for (const device of devices)
      if (!TEMPLATES.some((template) => template.uuid === device.storage))
        throw new ApiError(404, 'STORAGE_NOT_FOUND', `The storage ${device.storage} does not exist.`);
    const labels: UpcloudLabel[] = request.labels?.label ?? [];
    for (const label of labels) {
      if (!LABEL_KEY.test(label.key))
        throw new ApiError(400, 'INVALID_LABEL_KEY', `The label key ${label.key} is invalid.`);
      if (typeof label.value !== 'string' || label.value.length > 255)
        throw new ApiError(400, 'INVALID_LABEL_VALUE', `The value of label ${label.key} is invalid.`);
    }
    if (new Set(labels.map((label) => label.key)).size !== labels.length)
      throw new ApiError(400, 'DUPLICATE_LABEL_KEYS', 'The labels have duplicate keys.');
    if ((request.user_data ?? '').length > 32767)
      throw new ApiError(400, 'USER_DATA_INVALID', 'The user_data attribute is too long.');
    const used = [...this.servers.values()].reduce((sum, server) => sum + server.cores, 0);
    if (used + plan.core_number > this.coresLimit())
      throw new ApiError(
        409,
        'SERVER_RESOURCES_UNAVAILABLE',
        `The account's resource limit of ${this.coresLimit()} cores would be exceeded (${used} in use).`,
      );
    const uuid = randomUUID();
    const server: UpcloudServer = {
      uuid,
      title: request.title,
      hostname: request.hostname,
      state: 'maintenance',
      plan: plan.name,
      zone: request.zone,
      created: Math.floor(Date.now() / 1000),
      labels: { label: labels.map((label) => ({ ...label })) },
      ip_addresses: {
        ip_address: [
          {
            access: 'utility',
            family: 'IPv4',
            address: `10.3.${(this.servers.size >> 8) & 255}.${this.servers.size & 255}`,
          },
        ],
      },
    };
    this.servers.set(uuid, { server, cores: plan.core_number });
    this.track(
      this.options.backend
        .boot({
          id: uuid,
          hostname: request.hostname,
          sshPublicKeys: request.login_user?.ssh_keys?.ssh_key ?? [],
          userData: request.user_data ?? '',
        })
        .then(({ address }) => {
          server.ip_addresses?.ip_address.unshift({ access: 'public', family: 'IPv4', address });
          server.state = 'started';
        })
        .catch((error: unknown) => {
          console.error(`emulator: boot of ${request.hostname} failed: ${(error as Error).message}`);
          server.state = 'error';
        }),
    );
    return server;
  }

  private power(uuid: string, action: 'stop' | 'start' | 'restart'): UpcloudServer {
    const { server } = this.find(uuid);
    const needs = action === 'start' ? 'stopped' : 'started';
    if (server.state !== needs)
      throw new ApiError(
        409,
        'SERVER_STATE_ILLEGAL',
        `The server is ${server.state}; it must be ${needs} to ${action}.`,
      );
    const backend = this.options.backend;
    if (action !== 'stop') server.state = 'maintenance';
    const work =
      action === 'stop'
        ? backend.stop(uuid).then(() => (server.state = 'stopped'))
        : action === 'start'
          ? backend.start(uuid).then(() => (server.state = 'started'))
          : backend
              .stop(uuid)
              .then(() => backend.start(uuid))
              .then(() => (server.state = 'started'));
    this.track(work.catch(() => (server.state = 'error')));
    return server;
  }

  private remove(uuid: string): [number, undefined] {
    const { server } = this.find(uuid);
    if (server.state !== 'stopped')
      throw new ApiError(
        409,
        'SERVER_STATE_ILLEGAL',
        `The server is ${server.state}; stop it before deleting it.`,
      );
    this.servers.delete(uuid);
    this.track(this.options.backend.destroy(uuid));
    return [204, undefined];
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}

/** The list operation returns a server's summary: no IP addresses. */
function summary(emulated: Emulated): UpcloudServer {
  const { ip_addresses: _ips, ...rest } = emulated.server;
  return { ...rest, labels: { label: [...(emulated.server.labels?.label ?? [])] } };
}

function faultError(fault: Fault): ApiError {
  return new ApiError(
    fault.status,
    fault.code ?? DEFAULT_CODES[fault.status] ?? 'ERROR',
    `Injected ${fault.status} from the emulator.`,
  );
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ApiError(400, 'REQUEST_INVALID', 'The request body is not valid JSON.');
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}
