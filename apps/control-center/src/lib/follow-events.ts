import { api, authHeaders, SignedOutError } from './api';
import type { WorkflowEvent } from './api-types';
import { parseSse } from './sse-parser';

export interface FollowOptions {
  /** Start after this event (0: from the first). */
  after?: number;
  onEvent: (event: WorkflowEvent) => void;
  /** The stream ended: the workflow reached a final status and every event was delivered. */
  onEnd?: () => void;
  /** The connection dropped; the page says so while it reconnects. */
  onRetry?: (message: string) => void;
  signal: AbortSignal;
}

/**
 * Follows `GET /v1/workflows/:id/events` with fetch, which (unlike EventSource) can send the
 * Authorization header, so the token never goes into a URL. A dropped connection is resumed
 * with Last-Event-ID after a second: no event is missed or repeated.
 */
export async function followEvents(workflowId: string, options: FollowOptions): Promise<void> {
  let after = options.after ?? 0;
  const path = `/v1/workflows/${encodeURIComponent(workflowId)}/events`;
  while (!options.signal.aborted) {
    try {
      const response = await fetch(path, {
        headers: {
          Accept: 'text/event-stream',
          ...authHeaders(),
          ...(after > 0 ? { 'Last-Event-ID': String(after) } : {}),
        },
        signal: options.signal,
      });
      if (!response.ok || !response.body) {
        // The API's own error answer (401 signs out, 404 says so).
        await api(path);
        throw new Error(`${response.status} ${response.statusText}`);
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const { messages, rest } = parseSse(buffer + value);
        buffer = rest;
        for (const message of messages) {
          const event = JSON.parse(message.data) as WorkflowEvent;
          after = event.seq;
          options.onEvent(event);
        }
      }
      options.onEnd?.();
      return;
    } catch (error) {
      if (options.signal.aborted || error instanceof SignedOutError) return;
      options.onRetry?.((error as Error).message);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
