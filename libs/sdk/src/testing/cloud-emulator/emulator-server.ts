import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a route sees it: path parameters, query, parsed JSON body, headers. */
export interface EmulatorRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingMessage['headers'];
}

export interface EmulatorReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type EmulatorRoute = (request: EmulatorRequest) => EmulatorReply | Promise<EmulatorReply>;

/** A fault to answer instead of the route: `times` requests matching method and path get it. */
export interface EmulatorFault {
  method?: string;
  path: RegExp;
  times?: number;
  /** The reply (the emulator's own error body for the status, unless given). */
  reply?: EmulatorReply;
  /** Never answer (the client's timeout must fire). */
  hang?: boolean;
}

export interface EmulatorServerOptions {
  /** Checks credentials; returns the reply for a refused request (401), or undefined to go on. */
  authorize(request: EmulatorRequest): EmulatorReply | undefined;
  /** The reply for a path no route serves. */
  notFound(request: EmulatorRequest): EmulatorReply;
}

/** A request the emulator answered, for tests to assert what the client sent. */
export interface EmulatorLogEntry {
  method: string;
  path: string;
  status: number | 'hung';
  body: unknown;
}

/**
 * The HTTP side of a cloud API emulator: a real server on 127.0.0.1, routes by method and
 * `/path/:param`, JSON in and out, credentials checked per request, faults injected on demand
 * (an error status, a 429 with its headers, or no answer at all) and every request logged.
 * Each cloud's emulator adds its routes and its documented bodies on top.
 */
export class EmulatorServer {
  readonly log: EmulatorLogEntry[] = [];
  private readonly routes: { method: string; pattern: RegExp; names: string[]; route: EmulatorRoute }[] = [];
  private readonly faults: EmulatorFault[] = [];
  private readonly hung = new Set<ServerResponse>();
  private server?: Server;
  private baseUrl = '';

  constructor(private readonly options: EmulatorServerOptions) {}

  /** `pattern` like `/v1/servers/:id/actions/:action`. */
  on(method: string, pattern: string, route: EmulatorRoute): this {
    const names: string[] = [];
    const source = pattern.replace(/:([a-z_]+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, route });
    return this;
  }

  fail(fault: EmulatorFault): void {
    this.faults.push({ times: 1, ...fault });
  }

  get url(): string {
    return this.baseUrl;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += chunk;
    const url = new URL(req.url ?? '/', 'http://emulator');
    const request: EmulatorRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      params: {},
      query: url.searchParams,
      body: undefined,
      headers: req.headers,
    };
    const entry: EmulatorLogEntry = {
      method: request.method,
      path: url.pathname + url.search,
      status: 0,
      body: undefined,
    };
    this.log.push(entry);
    try {
      request.body = text ? JSON.parse(text) : undefined;
    } catch {
      request.body = text;
    }
    entry.body = request.body;
    const fault = this.takeFault(request);
    if (fault?.hang) {
      entry.status = 'hung';
      this.hung.add(res);
      return;
    }
    let reply: EmulatorReply;
    try {
      reply = fault?.reply ?? this.options.authorize(request) ?? (await this.route(request));
    } catch (error) {
      reply = { status: 500, body: { error: { code: 'emulator_error', message: (error as Error).message } } };
    }
    entry.status = reply.status;
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body !== undefined) headers['content-type'] = 'application/json';
    res
      .writeHead(reply.status, headers)
      .end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private takeFault(request: EmulatorRequest): EmulatorFault | undefined {
    const index = this.faults.findIndex(
      (fault) => (!fault.method || fault.method === request.method) && fault.path.test(request.path),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private route(request: EmulatorRequest): EmulatorReply | Promise<EmulatorReply> {
    for (const { method, pattern, names, route } of this.routes) {
      if (method !== request.method) continue;
      const match = pattern.exec(request.path);
      if (!match) continue;
      names.forEach((name, i) => (request.params[name] = decodeURIComponent(match[i + 1])));
      return route(request);
    }
    return this.options.notFound(request);
  }
}
