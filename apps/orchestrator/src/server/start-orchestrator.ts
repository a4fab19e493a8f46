import { serve, type ServerType } from '@hono/node-server';
import { DEFAULT_WORKFLOW_STORE_PATH, parseListen, WorkflowService } from '@provisioning/engine';
import type { ClusterDefinition, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';
import { join, resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import { createApp } from '../api/app';
import { loadOrCreateToken, TOKEN_FILE } from '../auth/token-file';
import { Metrics } from '../metrics/metrics';

export interface OrchestratorOptions {
  /** The workspace whose state dir holds the token and the default store; steps run in it unless a submission names another. */
  workspace: string;
  /** `sqlite:PATH` or `postgres://…` (default: sqlite:<workspace>/.provisioning/workflows.db). */
  store?: string;
  workers?: number;
  /** `host:port` (default 127.0.0.1:9090; port 0 picks a free one). */
  listen?: string;
  /** Steps one worker runs at once. */
  concurrency?: number;
  leaseMs?: number;
  /** How long running steps may take to finish on SIGTERM before they are checkpointed as interrupted. */
  graceMs?: number;
  logger?: Logger;
  taskservs?: ReadonlyMap<string, TaskservDefinition>;
  providers?: ReadonlyMap<string, ProviderDefinition>;
  clusters?: ReadonlyMap<string, ClusterDefinition>;
  acceptNewHostKeys?: boolean;
}

export interface RunningOrchestrator {
  url: string;
  token: string;
  service: WorkflowService;
  /** Stops accepting requests, lets running steps finish for graceMs, checkpoints the rest, closes the store. */
  stop(): Promise<void>;
}

/** Opens the store, starts the workers and serves the API; resolves once it listens. */
export async function startOrchestrator(options: OrchestratorOptions): Promise<RunningOrchestrator> {
  const workspace = resolve(options.workspace);
  const logger = options.logger ?? pino({ name: 'orchestrator' });
  const { hostname, port } = parseListen(options.listen ?? '127.0.0.1:9090');
  const { token, created } = loadOrCreateToken(join(workspace, TOKEN_FILE));
  if (created) logger.info({ file: join(workspace, TOKEN_FILE) }, 'created the API token (mode 0600)');
  const metrics = new Metrics();
  const service = await WorkflowService.open({
    store: options.store ?? `sqlite:${join(workspace, DEFAULT_WORKFLOW_STORE_PATH)}`,
    cwd: workspace,
    taskservs: options.taskservs,
    providers: options.providers,
    clusters: options.clusters,
    acceptNewHostKeys: options.acceptNewHostKeys,
    runner: { concurrency: options.concurrency, leaseMs: options.leaseMs },
  });
  service.startWorkers(options.workers ?? 1, (event) => {
    metrics.record(event);
    if (event.type === 'step-finished') logger.info(event, 'step finished');
    else if (event.type === 'step-started') logger.debug(event, 'step started');
    else if (event.type === 'lease-lost')
      logger.warn(event, 'lease lost: another worker took the step over; its result was dropped');
    else logger.error(event, event.message);
  });
  const app = createApp({ service, token, logger, metrics, workspace });
  const server = await new Promise<ServerType>((ready, fail) => {
    const listening = serve({ fetch: app.fetch, hostname, port }, () => ready(listening));
    listening.once('error', fail);
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${boundPort}`;
  logger.info(
    { url, store: options.store ?? 'sqlite (embedded)', workers: options.workers ?? 1 },
    'orchestrator listening',
  );
  let stopping: Promise<void> | undefined;
  return {
    url,
    token,
    service,
    stop: () =>
      (stopping ??= (async () => {
        logger.info(
          'stopping: no new requests; running steps get the grace period, then are checkpointed as interrupted',
        );
        await new Promise<void>((done) => {
          server.close(() => done());
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await service.close(options.graceMs ?? 10_000);
        logger.info('stopped');
      })()),
  };
}
