import { gatherServerFacts, type ServerFacts } from '@provisioning/operations';
import type { Executor } from '@provisioning/sdk';
import { mapLimit } from '../run/map-limit';

export interface HostFactsResult {
  host: string;
  facts?: ServerFacts;
  /** Why there are no facts (unreachable, host key, command failed), with what to do next. */
  error?: { message: string; hint?: string };
  durationMs: number;
}

export interface CollectServerFactsOptions {
  hosts: readonly string[];
  executorFor(host: string): Executor;
  /** Hosts asked at once (default 10). */
  parallel?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Facts of every host, one round trip each; a host that fails is reported, the others still are. */
export async function collectServerFacts(options: CollectServerFactsOptions): Promise<HostFactsResult[]> {
  return mapLimit(options.hosts, options.parallel ?? 10, async (host) => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const facts = await gatherServerFacts(options.executorFor(host), {
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      });
      return { host, facts, durationMs: elapsed() };
    } catch (error) {
      return { host, error: describe(host, error), durationMs: elapsed() };
    }
  });
}

/** Remote errors read `host: what happened\nHint: what to do`; keep the two apart, without the host. */
function describe(host: string, error: unknown): { message: string; hint?: string } {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const text = cause instanceof Error ? cause.message : String(cause);
  const [message, hintInText] = text.split('\nHint: ', 2);
  const hint =
    cause instanceof Error && 'hint' in cause && typeof cause.hint === 'string' ? cause.hint : hintInText;
  return {
    message: message.startsWith(`${host}: `) ? message.slice(host.length + 2) : message,
    ...(hint ? { hint } : {}),
  };
}
