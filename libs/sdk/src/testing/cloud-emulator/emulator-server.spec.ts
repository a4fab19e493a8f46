import { EmulatorServer } from './emulator-server';
import { userDataHostKey } from './machines';

describe('EmulatorServer', () => {
  let emulator: EmulatorServer;
  beforeEach(async () => {
    emulator = new EmulatorServer({
      authorize: (request) =>
        request.headers.authorization === 'Bearer t'
          ? undefined
          : { status: 401, body: { error: { code: 'unauthorized' } } },
      notFound: () => ({ status: 404, body: { error: { code: 'not_found' } } }),
    });
    emulator.on('GET', '/v1/servers/:id', (request) => ({
      status: 200,
      body: { id: request.params['id'], q: request.query.get('q') },
    }));
    emulator.on('POST', '/v1/servers', (request) => ({ status: 201, body: { got: request.body } }));
    await emulator.start();
  });
  afterEach(() => emulator.close());
  const call = (method: string, path: string, body?: unknown, token = 't') =>
    fetch(emulator.url + path, {
      method,
      headers: { authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('routes by method and path parameters, with query and JSON body, and logs each request', async () => {
    expect(await (await call('GET', '/v1/servers/42?q=x')).json()).toEqual({ id: '42', q: 'x' });
    expect(await (await call('POST', '/v1/servers', { name: 'a' })).json()).toEqual({ got: { name: 'a' } });
    expect((await call('GET', '/v1/nothing')).status).toBe(404);
    expect(emulator.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      'GET /v1/servers/42?q=x 200',
      'POST /v1/servers 201',
      'GET /v1/nothing 404',
    ]);
  });

  it('refuses requests without the credentials', async () => {
    expect((await call('GET', '/v1/servers/1', undefined, 'wrong')).status).toBe(401);
  });

  it('answers a fault as many times as asked, then the route again', async () => {
    emulator.fail({
      method: 'GET',
      path: /^\/v1\/servers\//,
      times: 2,
      reply: { status: 503, body: {}, headers: { 'retry-after': '0' } },
    });
    expect((await call('GET', '/v1/servers/1')).status).toBe(503);
    expect((await call('GET', '/v1/servers/1')).headers.get('retry-after')).toBe('0');
    expect((await call('GET', '/v1/servers/1')).status).toBe(200);
  });

  it('can leave a request unanswered', async () => {
    emulator.fail({ path: /servers/, hang: true });
    await expect(
      fetch(`${emulator.url}/v1/servers/1`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(emulator.log[0].status).toBe('hung');
  });
});

describe('userDataHostKey', () => {
  it('reads the ed25519 keys of a cloud-config, and nothing from other user data', () => {
    const userData =
      '#cloud-config\nssh_keys:\n  ed25519_private: |\n    PRIVATE\n  ed25519_public: ssh-ed25519 AAAA\n';
    expect(userDataHostKey(userData)).toEqual({ privateKey: 'PRIVATE\n', publicKey: 'ssh-ed25519 AAAA' });
    expect(userDataHostKey('#!/bin/sh\necho hi')).toBeUndefined();
    expect(userDataHostKey(undefined)).toBeUndefined();
  });
});
