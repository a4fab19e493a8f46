import { createServer, type Server } from 'node:net';
import { sshBanner, SshNotReadyError, waitForSsh } from './ssh-ready';

function listen(
  onConnection: (socket: import('node:net').Socket) => void,
): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer(onConnection).listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as { port: number }).port }),
    );
  });
}

describe('waitForSsh', () => {
  it('resolves once a real listener sends an SSH banner', async () => {
    const { server, port } = await listen((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n'));
    try {
      await expect(waitForSsh('127.0.0.1', port, { timeoutMs: 5000 })).resolves.toBeUndefined();
    } finally {
      server.close();
    }
  });

  it('does not take a listener that speaks something else for sshd', async () => {
    const { server, port } = await listen((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n'));
    try {
      expect(await sshBanner('127.0.0.1', port)).toBe(false);
      await expect(waitForSsh('127.0.0.1', port, { timeoutMs: 600 })).rejects.toThrow(SshNotReadyError);
    } finally {
      server.close();
    }
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the user'));
    await expect(waitForSsh('127.0.0.1', 1, { signal: controller.signal })).rejects.toThrow(
      'cancelled by the user',
    );
  });
});
