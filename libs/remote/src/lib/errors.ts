import { homedir } from 'node:os';
import { join } from 'node:path';
import { fingerprintCommand, HINTS, keyscanCommand, removeKeyCommand } from './hints';

/**
 * Every failure this library reports is one of these classes. Each names the host (and the
 * redacted command where there is one), says what happened, and carries a `hint`: what to do next.
 * Messages never contain a secret: callers build them from already-redacted text.
 */
export abstract class RemoteError extends Error {
  abstract readonly code: string;
  constructor(
    readonly host: string,
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`${host}: ${message}\nHint: ${hint}`, options);
  }
}

/** The TCP connection or the SSH handshake failed (refused, unreachable, timed out, jump host down). */
export class ConnectError extends RemoteError {
  override name = 'ConnectError';
  readonly code = 'CONNECT_FAILED';
  constructor(
    host: string,
    readonly address: string,
    message: string,
    hint: string,
    options?: { cause?: unknown },
  ) {
    super(host, `cannot connect to ${address}: ${message}`, hint, options);
  }
}

export interface HostKeyDetails {
  /** The name looked up in known_hosts: `address` or `[address]:port`. */
  readonly lookupName: string;
  readonly address: string;
  readonly port: number;
  readonly keyType: string;
  /** `SHA256:<base64>` as `ssh-keygen -lf` and OpenSSH print it. */
  readonly fingerprint: string;
  readonly knownHostsFiles: readonly string[];
}

/** The server's host key is in none of the known_hosts files and trust on first use is off. */
export class HostKeyUnknownError extends RemoteError {
  override name = 'HostKeyUnknownError';
  readonly code = 'HOST_KEY_UNKNOWN';
  constructor(
    host: string,
    readonly details: HostKeyDetails,
    extra = '',
  ) {
    super(
      host,
      `host key of ${details.lookupName} is not known (${details.keyType} ${details.fingerprint})${extra}`,
      `check the fingerprint out of band (on the host: \`${fingerprintCommand(details.keyType)}\`), ` +
        `then add the key with \`${keyscanCommand(details.address, details.port, details.knownHostsFiles[0] ?? join(homedir(), '.ssh', 'known_hosts'))}\`, ` +
        'or trust on first use with ssh.strict_host_key_checking: accept-new in settings',
    );
  }
}

/** The server presented a different key than the one recorded: possible man-in-the-middle or a reinstalled host. */
export class HostKeyChangedError extends RemoteError {
  override name = 'HostKeyChangedError';
  readonly code = 'HOST_KEY_CHANGED';
  /** `file:line`, with ` (@revoked)` for a revoked key. */
  readonly recordedIn: string;
  constructor(
    host: string,
    readonly details: HostKeyDetails,
    readonly recorded: { readonly file: string; readonly line: number; readonly revoked?: boolean },
  ) {
    const recordedIn = `${recorded.file}:${recorded.line}${recorded.revoked ? ' (@revoked)' : ''}`;
    super(
      host,
      `HOST KEY CHANGED for ${details.lookupName}: the server offers ${details.keyType} ${details.fingerprint}, ` +
        `which differs from the key recorded in ${recordedIn}. Someone could be intercepting the connection, or the host was reinstalled`,
      `verify the new fingerprint out of band (on the host: \`${fingerprintCommand(details.keyType)}\`); if the change is expected, remove the old entry with ` +
        `\`${removeKeyCommand(details.lookupName, recorded.file)}\` and connect again (accept-new never overrides a changed key)`,
    );
    this.recordedIn = recordedIn;
  }
}

/** The server refused every authentication method offered (key, agent, password), or sudo refused its password. */
export class AuthError extends RemoteError {
  override name = 'AuthError';
  readonly code = 'AUTH_FAILED';
}

/** Options given at the edge (host descriptor, exec options) are invalid. */
export class RemoteConfigError extends RemoteError {
  override name = 'RemoteConfigError';
  readonly code = 'INVALID_CONFIG';
}

/** Output collected before a command was stopped. */
export interface PartialOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** The command ran longer than its `timeoutMs`; it was signalled and its channel closed. */
export class CommandTimeoutError extends RemoteError {
  override name = 'CommandTimeoutError';
  readonly code = 'COMMAND_TIMEOUT';
  constructor(
    host: string,
    readonly command: string,
    readonly timeoutMs: number,
    readonly partial: PartialOutput,
  ) {
    super(host, `command timed out after ${timeoutMs} ms: ${command}`, HINTS.commandTimeout);
  }
}

/** The caller's AbortSignal fired while the command was queued or running. */
export class CommandAbortedError extends RemoteError {
  override name = 'CommandAbortedError';
  readonly code = 'COMMAND_ABORTED';
  constructor(
    host: string,
    readonly command: string,
    readonly partial: PartialOutput,
  ) {
    super(
      host,
      `command aborted: ${command}`,
      'the run was cancelled; re-run it when ready (operations are idempotent)',
    );
  }
}

/** The connection dropped while the command was in flight; its outcome on the host is unknown. */
export class ConnectionLostError extends RemoteError {
  override name = 'ConnectionLostError';
  readonly code = 'CONNECTION_LOST';
  constructor(
    host: string,
    readonly command: string,
    reason: string,
    readonly partial: PartialOutput,
    options?: { cause?: unknown },
  ) {
    super(host, `connection lost while running: ${command} (${reason})`, HINTS.connectionLost, options);
  }
}

/** A file transfer or remote file operation failed. */
export class FileTransferError extends RemoteError {
  override name = 'FileTransferError';
  readonly code = 'FILE_TRANSFER_FAILED';
}
