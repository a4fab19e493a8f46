import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient, type HttpClientOptions } from './http-client';
import { HttpError } from './http-error';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const TOKEN = 'hcloud-token-s3cr3t-value';

describe('HttpClient', () => {
  let server: Server;
  let baseUrl: string;
  let handlers: Handler[];
  let seen: { method?: string; url?: string; authorization?: string; body: string }[];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
        const handler = handlers.shift() ?? ((_q, r) => json(r, 500, { error: { code: 'no_handler' } }));
        handler(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    handlers = [];
    seen = [];
  });

  const client = (options: Partial<HttpClientOptions> = {}) =>
    new HttpClient({ baseUrl, auth: { bearer: TOKEN }, backoffMs: 5, maxBackoffMs: 20, ...options });

  it('sends the bearer token and query, and parses the JSON answer', async () => {
    handlers.push((_req, res) => json(res, 200, { servers: [{ id: 1 }] }));
    const response = await client().get<{ servers: { id: number }[] }>('/servers', {
      query: { label_selector: 'a=b', page: 2, skip: undefined, name: ['x', 'y'] },
    });
    expect(response.body.servers[0].id).toBe(1);
    expect(seen[0].authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0].url).toBe('/v1/servers?label_selector=a%3Db&page=2&name=x&name=y');
  });

  it('sends basic credentials and a JSON body, and gives undefined for an empty answer', async () => {
    handlers.push((_req, res) => res.writeHead(204).end());
    const response = await new HttpClient({
      baseUrl,
      auth: { basic: { username: 'api', password: 'pw-123' } },
    }).post('/server', { name: 'web-1' });
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    expect(seen[0].authorization).toBe(`Basic ${Buffer.from('api:pw-123').toString('base64')}`);
    expect(JSON.parse(seen[0].body)).toEqual({ name: 'web-1' });
  });

  it('retries a 429 after the Retry-After the server asked for, even for a POST', async () => {
    handlers.push((_req, res) =>
      json(
        res,
        429,
        { error: { code: 'rate_limit_exceeded', message: 'slow down' } },
        { 'retry-after': '1' },
      ),
    );
    handlers.push((_req, res) => json(res, 201, { server: { id: 7 } }));
    const retries: number[] = [];
    const started = Date.now();
    const response = await client({ onRetry: (event) => retries.push(event.delayMs) }).post('/servers', {
      name: 'a',
    });
    expect(response.status).toBe(201);
    expect(retries).toEqual([1000]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen).toHaveLength(2);
  });

  it('reads RateLimit-Reset as a Unix time when there is no Retry-After', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 1;
    handlers.push((_req, res) =>
      json(res, 429, { id: 'too_many_requests' }, { 'ratelimit-reset': String(reset) }),
    );
    handlers.push((_req, res) => json(res, 200, {}));
    const retries: number[] = [];
    await client({ onRetry: (event) => retries.push(event.delayMs) }).get('/account');
    expect(retries[0]).toBeGreaterThan(0);
    expect(retries[0]).toBeLessThanOrEqual(2000);
  });

  it('fails at once when the server asks to wait longer than maxRetryWaitMs', async () => {
    handlers.push((_req, res) =>
      json(res, 429, { error: { code: 'rate_limit_exceeded' } }, { 'retry-after': '3600' }),
    );
    const error = await client({ maxRetryWaitMs: 1000 })
      .get('/servers')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).retryAfterMs).toBe(3_600_000);
    expect(seen).toHaveLength(1);
  });

  it('retries a GET through 5xx answers with backoff until it succeeds', async () => {
    handlers.push((_req, res) => json(res, 503, { error: { code: 'unavailable' } }));
    handlers.push((_req, res) => json(res, 500, { error: { code: 'server_error' } }));
    handlers.push((_req, res) => json(res, 200, { ok: true }));
    const retries: string[] = [];
    const response = await client({ onRetry: (event) => retries.push(event.reason) }).get<{ ok: boolean }>(
      '/servers/1',
    );
    expect(response.body.ok).toBe(true);
    expect(retries).toHaveLength(2);
    expect(retries[0]).toContain('503');
  });

  it('does not resend a POST after a 5xx unless the request says it is idempotent', async () => {
    handlers.push((_req, res) => json(res, 500, { error: { code: 'server_error', message: 'boom' } }));
    const error = (await client()
      .post('/servers', {})
      .catch((e: unknown) => e)) as HttpError;
    expect(error.status).toBe(500);
    expect(error.attempts).toBe(1);
    expect(seen).toHaveLength(1);

    handlers.push((_req, res) => json(res, 502, {}));
    handlers.push((_req, res) => json(res, 201, { ok: 1 }));
    const response = await client().post('/servers', {}, { idempotent: true });
    expect(response.status).toBe(201);
  });

  it('gives up after maxRetries and says how many tries it made', async () => {
    for (let i = 0; i < 3; i++)
      handlers.push((_req, res) => json(res, 500, { error: { code: 'server_error' } }));
    const error = (await client({ maxRetries: 2 })
      .get('/servers')
      .catch((e: unknown) => e)) as HttpError;
    expect(error.attempts).toBe(3);
    expect(error.message).toBe(
      'GET /v1/servers failed: 500 Internal Server Error (server_error) after 3 tries',
    );
  });

  it('carries the status, the provider code and a message with the token masked', async () => {
    handlers.push((_req, res) =>
      json(res, 403, {
        error: { code: 'resource_limit_exceeded', message: `limit reached for token ${TOKEN}` },
      }),
    );
    const error = (await client({ secrets: ['other-secret'] })
      .get('/servers', { query: { q: 'other-secret' } })
      .catch((e: unknown) => e)) as HttpError;
    expect(error).toMatchObject({
      kind: 'status',
      status: 403,
      code: 'resource_limit_exceeded',
      method: 'GET',
    });
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain('other-secret');
    expect(error.providerMessage).toBe('limit reached for token ***');
    expect(error.path).toBe('/v1/servers?q=***');
  });

  it('reads the DigitalOcean error shape', async () => {
    handlers.push((_req, res) => json(res, 422, { id: 'unprocessable_entity', message: 'droplet limit' }));
    const error = (await client()
      .post('/droplets', {})
      .catch((e: unknown) => e)) as HttpError;
    expect(error.code).toBe('unprocessable_entity');
    expect(error.providerMessage).toBe('droplet limit');
  });

  it('times out a try that gets no answer, retries it, then reports a timeout', async () => {
    for (let i = 0; i < 2; i++) handlers.push(() => undefined);
    const error = (await client({ timeoutMs: 200, maxRetries: 1 })
      .get('/slow')
      .catch((e: unknown) => e)) as HttpError;
    expect(error.kind).toBe('timeout');
    expect(error.attempts).toBe(2);
    expect(seen).toHaveLength(2);
  });

  it('retries a refused connection for a GET and reports a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const retries: string[] = [];
    const error = (await new HttpClient({
      baseUrl: `http://127.0.0.1:${port}`,
      backoffMs: 1,
      maxRetries: 2,
      onRetry: (e) => retries.push(e.reason),
    })
      .get('/x')
      .catch((e: unknown) => e)) as HttpError;
    expect(error.kind).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
    expect(retries).toHaveLength(2);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    handlers.push(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = (await client({ timeoutMs: 10_000 })
      .get('/hang', { signal: controller.signal })
      .catch((e: unknown) => e)) as HttpError;
    expect(error.kind).toBe('aborted');
    expect(seen).toHaveLength(1);
  });

  it('refuses a success whose JSON body does not parse', async () => {
    handlers.push((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{oops'));
    const error = (await client()
      .get('/servers')
      .catch((e: unknown) => e)) as HttpError;
    expect(error.kind).toBe('invalid-response');
  });
});

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
