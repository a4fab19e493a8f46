import { CORE_VERSION } from '@provisioning/sdk';
import { formatDiagnostic } from '@provisioning/config';
import {
  EngineError,
  InfraNotFoundError,
  WorkflowInvalidError,
  WorkflowNotFoundError,
  type WorkflowService,
  WorkflowStateError,
  TERMINAL_WORKFLOW_STATUSES,
} from '@provisioning/engine';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { TaskservDefinition } from '@provisioning/sdk';
import { tokenMatches } from '../auth/token-file';
import {
  controlCenterDir,
  controlCenterFile,
  isControlCenterPath,
} from '../control-center/control-center-files';
import { extensionListing } from '../inventory/extension-listing';
import { hostInventory } from '../inventory/host-inventory';
import type { Metrics } from '../metrics/metrics';
import { openApiDocument } from './openapi';
import { hostsQuerySchema, listQuerySchema, submitBodySchema } from './schemas';

export interface AppOptions {
  service: WorkflowService;
  token: string;
  logger: Logger;
  metrics: Metrics;
  /** Where steps run when a submission names no workspace. */
  workspace: string;
  /** How often an event stream looks for new events (default 200 ms). */
  eventPollMs?: number;
  /** The task services the orchestrator ships (its built-ins), listed in the extension catalog. */
  taskservs?: ReadonlyMap<string, TaskservDefinition>;
  /** The folder of the control center's index.html (default: beside the orchestrator's bundle). */
  controlCenterDir?: string;
  env?: NodeJS.ProcessEnv;
}

/** An answer for the client: 4xx with what went wrong and what to do, never a stack. */
class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 413 | 503,
    message: string,
    readonly hint?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Request bodies above this are refused (a workflow file is limited to 1 MiB too). */
const MAX_BODY_BYTES = 1024 * 1024;

/** The orchestrator's HTTP API over a WorkflowService (testable with `app.request()`). */
export function createApp(options: AppOptions): Hono {
  const { service, logger } = options;
  const app = new Hono();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });

  app.use('*', async (c, next) => {
    if (c.req.path === '/v1/health' || isControlCenterPath(c.req.method, c.req.path)) return next();
    const header = c.req.header('authorization');
    const given = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (!tokenMatches(options.token, given)) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new HttpError(
        401,
        'missing or wrong bearer token',
        "send 'Authorization: Bearer <token>'; 'provisioning orchestrator token' prints it",
      );
    }
    return next();
  });

  app.onError((error, c) => answerError(error, c, logger));
  app.notFound((c) =>
    c.json(
      {
        error: {
          message: `no route ${c.req.method} ${c.req.path}`,
          hint: 'GET /v1/openapi.json lists the routes',
        },
      },
      404,
    ),
  );

  app.get('/v1/health', async (c) => {
    try {
      await service.store.metrics();
    } catch (error) {
      throw new HttpError(503, `the workflow store does not answer: ${(error as Error).message}`);
    }
    return c.json({
      status: 'ok',
      workers: service.workers.length,
      busy: service.workers.reduce((sum, worker) => sum + worker.busy, 0),
    });
  });

  const staticDir = options.controlCenterDir ?? controlCenterDir(options.env ?? process.env);
  app.get('/', (c) => serveControlCenter(c, staticDir));
  app.get('/control-center/:file', (c) => serveControlCenter(c, staticDir));

  app.get('/v1/hosts', async (c) => {
    const query = parse(hostsQuerySchema, c.req.query(), 'query');
    return c.json(await hostInventory(options.workspace, query.infra));
  });

  app.get('/v1/extensions', (c) =>
    c.json(extensionListing(options.workspace, options.taskservs ?? new Map(), options.env ?? process.env)),
  );

  app.get('/v1/openapi.json', (c) => c.json(openApiDocument(CORE_VERSION)));

  app.get('/metrics', async (c) =>
    c.text(options.metrics.render(await service.metrics()), 200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    }),
  );

  app.post('/v1/workflows', async (c) => {
    const body = parse(submitBodySchema, await readJson(c), 'body');
    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 200))
      throw new HttpError(400, 'Idempotency-Key must be 1 to 200 characters');
    const { workflow, created } = await service.submitDocument(body.workflow, {
      workspace: body.workspace ?? options.workspace,
      idempotencyKey,
    });
    logger.info(
      { workflow: workflow.id, name: workflow.name, created },
      created ? 'workflow submitted' : 'workflow resubmitted (idempotency key)',
    );
    return c.json(workflow, created ? 201 : 200, { Location: `/v1/workflows/${workflow.id}` });
  });

  app.get('/v1/workflows', async (c) => {
    const query = parse(listQuerySchema, c.req.query(), 'query');
    return c.json(await service.list(query));
  });

  app.get('/v1/workflows/:id', async (c) => {
    const detail = await service.get(c.req.param('id'));
    if (!detail) throw new WorkflowNotFoundError(c.req.param('id'));
    return c.json({ workflow: detail.workflow, steps: detail.steps });
  });

  for (const action of ['cancel', 'resume', 'rollback'] as const) {
    app.post(`/v1/workflows/:id/${action}`, async (c) => {
      const record = await service[action](c.req.param('id'));
      logger.info({ workflow: record.id, status: record.status }, `workflow ${action}`);
      return c.json(record);
    });
  }

  app.get('/v1/workflows/:id/events', async (c) => {
    const id = c.req.param('id');
    if (!(await service.get(id))) throw new WorkflowNotFoundError(id);
    const resumeFrom = c.req.header('last-event-id') ?? c.req.query('after');
    let after = resumeFrom === undefined ? 0 : Number(resumeFrom);
    if (!Number.isInteger(after) || after < 0)
      throw new HttpError(400, `Last-Event-ID must be an event id (a whole number), not "${resumeFrom}"`);
    if ((c.req.header('accept') ?? '').includes('application/json'))
      return c.json({ events: await service.events(id, after) });
    return streamSSE(c, async (stream) => {
      let open = true;
      stream.onAbort(() => {
        open = false;
      });
      while (open) {
        for (const event of await service.events(id, after)) {
          after = event.seq;
          await stream.writeSSE({ id: String(event.seq), event: event.type, data: JSON.stringify(event) });
        }
        const detail = await service.get(id);
        if (!detail || TERMINAL_WORKFLOW_STATUSES.includes(detail.workflow.status)) {
          if ((await service.events(id, after)).length === 0) break;
          continue;
        }
        await stream.sleep(options.eventPollMs ?? 200);
      }
    });
  });

  return app;
}

function serveControlCenter(c: Context, dir: string): Response {
  if (!isControlCenterPath(c.req.method, c.req.path))
    throw new HttpError(404, `no file ${c.req.path}`, 'the control center is at /');
  const answer = controlCenterFile(dir, c.req.path);
  if (!answer.found) throw new HttpError(404, answer.message, answer.hint);
  return c.body(new Uint8Array(answer.body), 200, answer.headers);
}

async function readJson(c: Context): Promise<unknown> {
  const length = Number(c.req.header('content-length') ?? 0);
  if (length > MAX_BODY_BYTES)
    throw new HttpError(413, `the body is ${length} bytes, over the ${MAX_BODY_BYTES}-byte limit`);
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES)
    throw new HttpError(413, `the body is over the ${MAX_BODY_BYTES}-byte limit`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(
      400,
      `the body is not JSON: ${(error as Error).message}`,
      'send Content-Type: application/json with {"workflow": {...}}',
    );
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${[where, ...issue.path].join('.')}: ${issue.message}`,
  );
  throw new HttpError(
    400,
    `invalid request ${where}: ${problems.join('; ')}`,
    'GET /v1/openapi.json describes every route',
  );
}

function answerError(error: Error, c: Context, logger: Logger): Response {
  if (error instanceof HttpError)
    return c.json(
      { error: { message: error.message, ...(error.hint ? { hint: error.hint } : {}), ...error.extra } },
      error.status,
    );
  if (error instanceof WorkflowInvalidError) {
    return c.json(
      {
        error: {
          message: `the workflow is not valid: ${error.diagnostics.map(formatDiagnostic).join('; ')}`,
          hint: error.hint,
          diagnostics: error.diagnostics.map(({ file, line, col, path, message, code }) => ({
            file,
            line,
            col,
            path,
            message,
            code,
          })),
        },
      },
      400,
    );
  }
  if (error instanceof WorkflowNotFoundError)
    return c.json(
      { error: { message: `no workflow ${error.workflowId}`, hint: 'GET /v1/workflows lists them' } },
      404,
    );
  if (error instanceof InfraNotFoundError)
    return c.json({ error: { message: error.message, ...(error.hint ? { hint: error.hint } : {}) } }, 404);
  if (error instanceof EngineError)
    return c.json({ error: { message: error.message, ...(error.hint ? { hint: error.hint } : {}) } }, 409);
  if (error instanceof WorkflowStateError)
    return c.json({ error: { message: error.message, ...(error.hint ? { hint: error.hint } : {}) } }, 409);
  logger.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
  return c.json({ error: { message: 'internal error; the orchestrator log has the details' } }, 500);
}
