import { connect, type Socket } from 'node:net';
import { Client } from 'ssh2';
import { sha256Fingerprint, keyTypeOf } from '../known-hosts/host-key';

export interface SshHostKey {
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`, ... */
  type: string;
  /** The key blob in base64, as in a known_hosts line. */
  base64: string;
  /** `SHA256:...`, as OpenSSH prints it. */
  fingerprint: string;
}

export type ProbeOutcome =
  | { state: 'ssh'; banner: string; hostKey: SshHostKey }
  /** Something answers the port but did not complete an SSH key exchange (banner if it sent one). */
  | { state: 'open'; banner?: string; reason: string }
  | { state: 'closed' | 'timeout' | 'unreachable'; reason: string };

// The same order the pool offers, so the key recorded here is the one later connections negotiate.
const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/**
 * One TCP connection: connect (within `timeoutMs`), read the server's identification line, run the
 * SSH key exchange until the server has proved its host key, then hang up before authenticating.
 * Needs no privileges and sends nothing but a plain SSH client hello.
 */
export function probeSsh(
  address: string,
  port: number,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ host: address, port });
    let banner: string | undefined;
    let received = '';
    let hostKey: SshHostKey | undefined;
    let settled = false;
    let client: Client | undefined;
    const finish = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      client?.removeAllListeners();
      client?.on('error', () => undefined);
      client?.destroy();
      socket.destroy();
      resolve(outcome);
    };
    const abort = () => finish({ state: 'timeout', reason: 'scan cancelled' });
    const timer = setTimeout(
      () =>
        finish(
          banner
            ? { state: 'open', banner, reason: 'no host key within the timeout' }
            : {
                state: socket.connecting ? 'timeout' : 'open',
                reason: `no answer within ${options.timeoutMs} ms`,
              },
        ),
      options.timeoutMs,
    );
    options.signal?.addEventListener('abort', abort, { once: true });
    socket.on('data', (chunk: Buffer) => {
      if (banner !== undefined) return;
      received += chunk.toString('latin1');
      const line = received.split('\n').find((text) => text.startsWith('SSH-'));
      if (line) banner = line.replace(/\r$/, '');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') return finish({ state: 'closed', reason: 'connection refused' });
      if (['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN'].includes(error.code ?? ''))
        return finish({ state: 'unreachable', reason: error.code as string });
      finish(
        banner
          ? { state: 'open', banner, reason: error.message }
          : { state: 'unreachable', reason: error.message },
      );
    });
    socket.once('connect', () => {
      client = new Client();
      client.on('error', (error) => {
        if (hostKey) return finish({ state: 'ssh', banner: banner ?? '', hostKey });
        finish({ state: 'open', ...(banner ? { banner } : {}), reason: error.message });
      });
      client.on('close', () =>
        finish(
          hostKey
            ? { state: 'ssh', banner: banner ?? '', hostKey }
            : { state: 'open', ...(banner ? { banner } : {}), reason: 'closed before the key exchange' },
        ),
      );
      client.connect({
        sock: socket,
        username: 'provisioning-scan',
        readyTimeout: options.timeoutMs,
        algorithms: { serverHostKey: HOST_KEY_ALGORITHMS as never },
        // Declining the key ends the handshake right after the server proved it: no authentication is attempted.
        hostVerifier: (key: Buffer) => {
          hostKey = {
            type: keyTypeOf(key),
            base64: key.toString('base64'),
            fingerprint: sha256Fingerprint(key),
          };
          return false;
        },
      });
    });
  });
}
