import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { HostKeyChangedError } from '../errors';
import { verifyHostKey } from '../known-hosts/host-key-verifier';
import { parseIpv4Range } from './cidr';
import { probeSsh, type ProbeOutcome, type SshHostKey } from './probe-ssh';

export interface ScanOptions {
  /** IPv4 network (`192.168.1.0/24`) or one address. */
  cidr: string;
  port?: number;
  /** Per address: connect plus key exchange (default 1500 ms). */
  timeoutMs?: number;
  /** Connections open at once (default 64). */
  concurrency?: number;
  /** Ranges larger than this are refused (default 1024 addresses; never more than a /16). */
  maxAddresses?: number;
  /** known_hosts files the found keys are compared with (missing files are skipped). */
  knownHostsFiles?: readonly string[];
  signal?: AbortSignal;
  /** Called after each address, for progress. */
  onProgress?: (done: number, total: number) => void;
}

export interface FoundSshHost {
  address: string;
  port: number;
  /** The server's identification line, e.g. `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`. */
  banner: string;
  hostKey: SshHostKey;
  /** Compared with the known_hosts files: already recorded, never seen, or different from the record. */
  known: 'known' | 'unknown' | 'changed';
}

export interface ScanResult {
  cidr: string;
  port: number;
  scanned: number;
  found: FoundSshHost[];
  /** Ports that answered but did not complete an SSH key exchange. */
  open: Array<{ address: string; banner?: string; reason: string }>;
  durationMs: number;
}

/** A bounded, parallel TCP connect scan for SSH servers: no raw sockets, no root. */
export async function scanSsh(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const range = parseIpv4Range(options.cidr, { maxAddresses: options.maxAddresses });
  const port = options.port ?? 22;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 64, range.addresses.length));
  // Each probe in flight listens for the abort: one listener per connection is expected, not a leak.
  if (options.signal) setMaxListeners(concurrency + 10, options.signal);
  const outcomes: Array<ProbeOutcome | undefined> = new Array(range.addresses.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < range.addresses.length && !options.signal?.aborted) {
      const index = next++;
      outcomes[index] = await probeSsh(range.addresses[index], port, {
        timeoutMs: options.timeoutMs ?? 1500,
        signal: options.signal,
      });
      done++;
      options.onProgress?.(done, range.addresses.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const knownHostsFiles = (options.knownHostsFiles ?? []).filter((file) => existsSync(file));
  const found: FoundSshHost[] = [];
  const open: ScanResult['open'] = [];
  outcomes.forEach((outcome, index) => {
    const address = range.addresses[index];
    if (outcome?.state === 'ssh')
      found.push({
        address,
        port,
        banner: outcome.banner,
        hostKey: outcome.hostKey,
        known: knownState(address, port, outcome.hostKey, knownHostsFiles),
      });
    if (outcome?.state === 'open')
      open.push({ address, ...(outcome.banner ? { banner: outcome.banner } : {}), reason: outcome.reason });
  });
  return {
    cidr: range.cidr,
    port,
    scanned: done,
    found,
    open,
    durationMs: Math.round(performance.now() - started),
  };
}

function knownState(
  address: string,
  port: number,
  key: SshHostKey,
  knownHostsFiles: readonly string[],
): FoundSshHost['known'] {
  if (knownHostsFiles.length === 0) return 'unknown';
  const verdict = verifyHostKey(
    { host: address, address, port, knownHostsFiles, acceptNew: false },
    Buffer.from(key.base64, 'base64'),
  );
  if (verdict.ok) return 'known';
  return verdict.error instanceof HostKeyChangedError ? 'changed' : 'unknown';
}
