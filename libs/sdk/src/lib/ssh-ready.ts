import { connect } from 'node:net';

/** Resolves true when something at address:port sends an SSH banner (`SSH-2.0-...`) within `timeoutMs`. */
export function sshBanner(address: string, port = 22, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    let received = '';
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\n')) finish(received.startsWith('SSH-'));
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}

export class SshNotReadyError extends Error {
  override name = 'SshNotReadyError';
  constructor(
    readonly address: string,
    readonly port: number,
    readonly timeoutMs: number,
  ) {
    super(`no SSH banner from ${address}:${port} within ${Math.round(timeoutMs / 1000)} s`);
  }
}

/** Polls (every 250 ms) until address:port answers with an SSH banner; rejects with `SshNotReadyError` or the signal's reason. */
export async function waitForSsh(
  address: string,
  port = 22,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    if (await sshBanner(address, port)) return;
    if (Date.now() > deadline) throw new SshNotReadyError(address, port, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
