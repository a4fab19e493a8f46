import type { WorkflowDetail, WorkflowEvent, WorkflowPage, WorkflowRecord } from '@provisioning/engine';
import { readFileSync } from 'node:fs';
import { CliError } from '../../../cli/errors';
import type { WorkflowClient } from './workflow-client';

/** A WorkflowClient over an orchestrator's HTTP API (docs/orchestrator-api.md). */
export class HttpWorkflowClient implements WorkflowClient {
  readonly inProcess = false;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  get where(): string {
    return this.url;
  }

  async submit(
    file: string,
    options: { idempotencyKey?: string; displayAs?: string },
  ): Promise<{ workflow: WorkflowRecord; created: boolean }> {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(
        `cannot read ${options.displayAs ?? file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        'pass the path of a workflows/*.yaml file',
      );
    }
    const response = await this.request('/v1/workflows', {
      method: 'POST',
      body: JSON.stringify({ workflow: text }),
      headers: options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {},
    });
    return { workflow: (await response.json()) as WorkflowRecord, created: response.status === 201 };
  }

  async list(query: { status?: string; limit?: number; cursor?: string }): Promise<WorkflowPage> {
    const params = new URLSearchParams(
      Object.entries(query)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]): [string, string] => [key, String(value)]),
    );
    return (await (await this.request(`/v1/workflows?${params}`)).json()) as WorkflowPage;
  }

  async get(id: string): Promise<WorkflowDetail> {
    return (await (await this.request(`/v1/workflows/${encodeURIComponent(id)}`)).json()) as WorkflowDetail;
  }

  async events(
    id: string,
    options: {
      afterSeq?: number;
      follow: boolean;
      signal?: AbortSignal;
      onEvent: (event: WorkflowEvent) => void;
    },
  ): Promise<void> {
    const path = `/v1/workflows/${encodeURIComponent(id)}/events`;
    const headers: Record<string, string> = options.afterSeq
      ? { 'Last-Event-ID': String(options.afterSeq) }
      : {};
    if (!options.follow) {
      const { events } = (await (
        await this.request(path, { headers: { ...headers, Accept: 'application/json' } })
      ).json()) as { events: WorkflowEvent[] };
      events.forEach(options.onEvent);
      return;
    }
    const response = await this.request(path, {
      headers: { ...headers, Accept: 'text/event-stream' },
      signal: options.signal,
    });
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('\n');
          if (data) options.onEvent(JSON.parse(data) as WorkflowEvent);
        }
      }
    } catch (error) {
      if (!options.signal?.aborted) throw error;
    }
  }

  async control(id: string, action: 'cancel' | 'resume' | 'rollback'): Promise<WorkflowRecord> {
    return (await (
      await this.request(`/v1/workflows/${encodeURIComponent(id)}/${action}`, { method: 'POST' })
    ).json()) as WorkflowRecord;
  }

  async close(): Promise<void> {
    // Nothing to release: every request is its own fetch.
  }

  private async request(
    path: string,
    init: RequestInit & { headers?: Record<string, string> } = {},
  ): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${this.token}`,
          ...(init.body ? { 'Content-Type': 'application/json' } : {}),
          ...init.headers,
        },
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(
        `cannot reach the orchestrator at ${this.url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
        "is it running? 'provisioning orchestrator start' starts one; or leave out --orchestrator to run in-process",
      );
    }
    if (response.ok) return response;
    const body = (await response.json().catch(() => ({}))) as { error?: { message?: string; hint?: string } };
    const message = body.error?.message ?? `HTTP ${response.status}`;
    if (response.status === 401)
      throw new CliError(
        `the orchestrator refused the token: ${message}`,
        'pass --token or PROVISIONING_ORCHESTRATOR_TOKEN; on its machine, provisioning orchestrator token prints it',
      );
    throw new CliError(message, body.error?.hint);
  }
}
