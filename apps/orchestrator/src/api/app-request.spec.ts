import { WorkflowService } from '@provisioning/engine';
import pino from 'pino';
import { Metrics } from '../metrics/metrics';
import { createApp } from './app';

// The Hono app without a socket (app.request), over an in-memory store and no workers.
describe('orchestrator app (app.request)', () => {
  let service: WorkflowService;
  const token = 't'.repeat(43);
  const app = () =>
    createApp({
      service,
      token,
      logger: pino({ level: 'silent' }),
      metrics: new Metrics(),
      workspace: '/nonexistent',
    });
  const auth = { Authorization: `Bearer ${token}` };

  beforeEach(async () => {
    service = await WorkflowService.open({ store: 'sqlite::memory:' });
  });
  afterEach(() => service.close());

  it('records a submission durably before answering 201, with nothing run yet when no worker is started', async () => {
    const response = await app().request('/v1/workflows', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ workflow: { name: 'w', operations: [{ id: 'a', type: 'noop' }] } }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect((await service.get(id))?.steps.map((step) => step.status)).toEqual(['ready']);
  });

  it('answers 401 with a hint for a wrong scheme, and 404 with the way to the route list for an unknown route', async () => {
    const basic = await app().request('/v1/workflows', { headers: { Authorization: `Basic ${token}` } });
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toBe('Bearer');
    expect(await basic.json()).toEqual({
      error: {
        message: 'missing or wrong bearer token',
        hint: "send 'Authorization: Bearer <token>'; 'provisioning orchestrator token' prints it",
      },
    });
    const unknown = await app().request('/v2/things', { headers: auth });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { message: 'no route GET /v2/things', hint: 'GET /v1/openapi.json lists the routes' },
    });
  });

  it('refuses a body over 1 MiB with 413 before parsing it', async () => {
    const response = await app().request('/v1/workflows', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ workflow: 'x'.repeat(1024 * 1024 + 1) }),
    });
    expect(response.status).toBe(413);
  });
});
