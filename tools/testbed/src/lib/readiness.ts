import { connect } from 'node:net';

/** Resolves true when something at address:port sends an SSH banner ("SSH-2.0-..."). */
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

export class BootTimeoutError extends Error {
  constructor(
    readonly hosts: readonly string[],
    timeoutMs: number,
  ) {
    super(`no SSH banner from ${hosts.join(', ')} within ${timeoutMs / 1000} s`);
    this.name = 'BootTimeoutError';
  }
}

/** Polls until every address answers with an SSH banner; rejects naming the hosts that never did. */
export async function waitForSsh(
  hosts: readonly { name: string; address: string }[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(hosts);
  while (pending.size > 0) {
    const results = await Promise.all(
      [...pending].map(async (host) => [host, await sshBanner(host.address)] as const),
    );
    for (const [host, ready] of results) if (ready) pending.delete(host);
    if (pending.size === 0) return;
    if (Date.now() > deadline) {
      throw new BootTimeoutError(
        [...pending].map((host) => host.name),
        timeoutMs,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
