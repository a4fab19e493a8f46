import { Client } from 'ssh2';
import type { Readable } from 'node:stream';
import { AuthError, ConnectError, RemoteError } from '../errors';
import type { HostSpec } from '../host-spec';
import {
  preferredHostKeyAlgorithms,
  verifyHostKey,
  type HostKeyCheck,
  type HostKeyVerdict,
} from '../known-hosts/host-key-verifier';
import { SecretUnavailableError } from '../secret';
import { planAuth } from './auth-methods';
import { HINTS } from '../hints';

const SUPPORTED_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
] as const;

export interface ConnectRequest {
  readonly spec: HostSpec;
  readonly knownHostsFiles: readonly string[];
  readonly acceptNewHostKeys: boolean;
  /** A stream to the host opened through the previous jump host; absent for a direct TCP connection. */
  readonly sock?: Readable;
  /** Names of the jump hosts on the way, for messages. */
  readonly via: readonly string[];
  /** Receives secret values read for authentication, so they can be masked everywhere. */
  readonly onSecrets?: (secrets: readonly string[]) => void;
  /** Abandons the attempt (the pool closing): the socket is destroyed and the promise rejects. */
  readonly signal?: AbortSignal;
}

export interface ConnectedClient {
  readonly client: Client;
  readonly hostKeyFingerprint: string;
  /** True when the host key was unknown and has just been recorded (acceptNewHostKeys). */
  readonly hostKeyAccepted: boolean;
}

/**
 * Opens and authenticates one SSH connection with keepalive on (ssh2 leaves it off), host key
 * checking against known_hosts, and every failure classified into a typed RemoteError.
 */
export async function connectClient(request: ConnectRequest): Promise<ConnectedClient> {
  const { spec } = request;
  const auth = await planAuth(spec).catch((error: unknown) => {
    if (error instanceof SecretUnavailableError)
      throw new AuthError(spec.name, error.message, HINTS.secretUnavailable);
    throw error;
  });
  request.onSecrets?.(auth.secrets);
  const check: HostKeyCheck = {
    host: spec.name,
    address: spec.address,
    port: spec.port,
    knownHostsFiles: request.knownHostsFiles,
    acceptNew: request.acceptNewHostKeys,
  };
  const target = `${spec.user}@${spec.address}:${spec.port}${request.via.length ? ` via ${request.via.join(' -> ')}` : ''}`;

  return new Promise<ConnectedClient>((resolve, reject) => {
    const client = new Client();
    let verdict: HostKeyVerdict | undefined;
    let settled = false;
    const fail = (error: RemoteError) => {
      if (settled) return;
      settled = true;
      request.signal?.removeEventListener('abort', abandon);
      // destroy, not end: a peer that never spoke SSH would keep a half-closed socket open forever
      client.destroy();
      reject(error);
    };
    client.once('ready', () => {
      if (settled) return;
      settled = true;
      client.removeAllListeners('error');
      // Errors after ready surface as 'close' on the connection; keep one listener so they never crash the process.
      client.on('error', () => undefined);
      resolve({
        client,
        hostKeyFingerprint: verdict?.ok ? verdict.fingerprint : '',
        hostKeyAccepted: verdict?.ok ? verdict.accepted : false,
      });
    });
    client.on('error', (error: Error & { level?: string; code?: string }) => {
      if (verdict && !verdict.ok) return fail(verdict.error);
      fail(classify(spec, target, error, auth.described, spec.connectTimeoutMs));
    });
    client.once('close', () =>
      fail(
        new ConnectError(
          spec.name,
          target,
          'the server closed the connection during the handshake',
          'check that sshd runs on that port and its logs (MaxStartups, AllowUsers)',
        ),
      ),
    );
    function abandon() {
      fail(
        new ConnectError(
          spec.name,
          target,
          'connect abandoned: the pool was closed',
          'nothing to do unless the pool was closed too early',
        ),
      );
    }
    if (request.signal?.aborted) return abandon();
    request.signal?.addEventListener('abort', abandon, { once: true });
    client.once('ready', () => request.signal?.removeEventListener('abort', abandon));

    client.connect({
      host: spec.address,
      port: spec.port,
      username: spec.user,
      ...(request.sock ? { sock: request.sock } : {}),
      authHandler: auth.methods,
      readyTimeout: spec.connectTimeoutMs,
      keepaliveInterval: spec.keepaliveIntervalMs,
      keepaliveCountMax: spec.keepaliveCountMax,
      algorithms: {
        serverHostKey: preferredHostKeyAlgorithms(check, SUPPORTED_HOST_KEY_ALGORITHMS) as never,
      },
      hostVerifier: (key: Buffer) => {
        verdict = verifyHostKey(check, key);
        return verdict.ok;
      },
    });
  });
}

function classify(
  spec: HostSpec,
  target: string,
  error: Error & { level?: string; code?: string },
  methods: string[],
  timeoutMs: number,
): RemoteError {
  if (error.level === 'client-authentication') {
    return new AuthError(
      spec.name,
      `${target} refused authentication as ${spec.user} (tried: ${methods.join(', ')})`,
      HINTS.authRefused,
      { cause: error },
    );
  }
  if (error.level === 'client-timeout') {
    return new ConnectError(
      spec.name,
      target,
      `no SSH handshake within ${timeoutMs} ms`,
      HINTS.handshakeTimeout,
      { cause: error },
    );
  }
  const code = error.code ? `${error.code}: ` : '';
  const hint =
    error.code === 'ECONNREFUSED'
      ? 'nothing listens on that port: start sshd on the host, or fix port of the server (or ssh.port)'
      : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
        ? 'the address does not resolve: fix address of the server, or DNS'
        : 'check that the host is up and reachable from here (or from the jump host)';
  return new ConnectError(spec.name, target, `${code}${error.message}`, hint, { cause: error });
}
