import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { command, quote, type Executor } from '@provisioning/sdk';
import { FileTransferError, RemoteError } from '../errors';
import type { FileTransport } from './file-transport';

export interface WriteFileOptions {
  /** Octal permission bits, e.g. 0o644. Default: keep the existing file's mode (new files: umask). */
  mode?: number;
  /** User name or uid. Default: keep the existing file's owner (new files: whoever writes). */
  owner?: string;
  group?: string;
  /** Write as root through sudo (bytes are staged in a private temp file first). */
  sudo?: boolean;
}

export interface ReadFileOptions {
  sudo?: boolean;
}

export interface RemoteFileStat {
  mode: number;
  owner: string;
  group: string;
  size: number;
}

/**
 * Files on one host. Every write is atomic: the bytes go to a temp file beside the target, get
 * their mode and owner, and are renamed over it, so readers see the old file or the new one,
 * never half of one.
 */
export class RemoteFiles {
  /**
   * @param redact masks secrets in error messages (paths and stderr can contain them); the pool
   *   passes its own. Defaults to `executor.redact` when the executor has one.
   */
  constructor(
    private readonly executor: Executor & { redact?: (text: string) => string },
    private readonly transport: FileTransport,
    private readonly redact: (text: string) => string = (text) => executor.redact?.(text) ?? text,
  ) {}

  get host(): string {
    return this.executor.host;
  }

  async writeFile(remotePath: string, data: string | Buffer, options: WriteFileOptions = {}): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const target = absolute(this.host, remotePath, this.redact);
    const suffix = randomBytes(6).toString('hex');
    const besideTarget = posix.join(
      posix.dirname(target),
      `.${posix.basename(target)}.provisioning-${suffix}.tmp`,
    );
    // Under sudo the login user usually cannot write beside the target: stage in /tmp, copy as root.
    const staged = options.sudo ? `/tmp/.provisioning-upload-${suffix}` : besideTarget;
    await this.step(`upload to ${staged}`, target, () => this.transport.upload(bytes, staged));
    const script = [
      options.sudo
        ? `cp -- ${quote(staged)} ${quote(besideTarget)} && rm -f -- ${quote(staged)} || { rm -f -- ${quote(staged)}; exit 1; }`
        : '',
      `tmp=${quote(besideTarget)}; dest=${quote(target)}`,
      'trap \'rm -f -- "$tmp"\' EXIT',
      options.mode !== undefined
        ? `chmod -- ${(options.mode & 0o7777).toString(8)} "$tmp"`
        : 'if [ -e "$dest" ]; then chmod --reference="$dest" -- "$tmp"; fi',
      ownership(options),
      'mv -f -- "$tmp" "$dest"',
    ]
      .filter((line) => line !== '')
      .join(' && ');
    await this.run(script, target, options.sudo, 'write');
  }

  /** Uploads a local file (atomic, like `writeFile`). */
  async put(localPath: string, remotePath: string, options: WriteFileOptions = {}): Promise<void> {
    await this.writeFile(remotePath, await readFile(localPath), options);
  }

  async readFile(remotePath: string, options: ReadFileOptions = {}): Promise<Buffer> {
    const target = absolute(this.host, remotePath, this.redact);
    if (!options.sudo) return this.step('download', target, () => this.transport.download(target));
    const result = await this.run(command('base64', '--', target), target, true, 'read');
    return Buffer.from(result, 'base64');
  }

  /** Downloads to a local file. */
  async get(remotePath: string, localPath: string, options: ReadFileOptions = {}): Promise<void> {
    await writeFile(localPath, await this.readFile(remotePath, options));
  }

  /** Hex sha256 of the file computed on the host (nothing is downloaded); null when it does not exist. */
  async sha256(remotePath: string, options: ReadFileOptions = {}): Promise<string | null> {
    const target = absolute(this.host, remotePath, this.redact);
    const output = await this.run(
      `if [ -e ${quote(target)} ]; then sha256sum < ${quote(target)}; else echo missing; fi`,
      target,
      options.sudo,
      'hash',
    );
    if (output.trim() === 'missing') return null;
    const hash = /^([0-9a-f]{64})\b/.exec(output)?.[1];
    if (!hash)
      throw new FileTransferError(
        this.host,
        this.redact(`unexpected sha256sum output for ${target}: ${output.slice(0, 200)}`),
        'install coreutils on the host',
      );
    return hash;
  }

  /** Mode, owner, group and size; null when the path does not exist. */
  async stat(remotePath: string, options: ReadFileOptions = {}): Promise<RemoteFileStat | null> {
    const target = absolute(this.host, remotePath, this.redact);
    const output = await this.run(
      `if [ -e ${quote(target)} ]; then stat -c '%a %U %G %s' -- ${quote(target)}; else echo missing; fi`,
      target,
      options.sudo,
      'stat',
    );
    if (output.trim() === 'missing') return null;
    const [mode, owner, group, size] = output.trim().split(' ');
    return { mode: parseInt(mode ?? '0', 8), owner: owner ?? '', group: group ?? '', size: Number(size) };
  }

  private async run(
    script: string,
    target: string,
    sudo: boolean | undefined,
    what: string,
  ): Promise<string> {
    const result = await this.executor.exec(script, { sudo });
    if (result.code !== 0) {
      throw new FileTransferError(
        this.host,
        this.redact(`cannot ${what} ${target}: ${result.stderr.trim() || `exit code ${result.code}`}`),
        sudo
          ? 'check the path and sudo rights'
          : 'check the path and permissions, or set sudo: true on the server',
      );
    }
    return result.stdout;
  }

  private async step<T>(what: string, target: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof RemoteError) throw error;
      throw new FileTransferError(
        this.host,
        this.redact(`${what} failed for ${target}: ${(error as Error).message}`),
        'check that the directory exists and the login user may write there (or set sudo: true on the server)',
        { cause: error },
      );
    }
  }
}

function ownership(options: WriteFileOptions): string {
  if (options.owner !== undefined)
    return `chown -- ${quote(options.group !== undefined ? `${options.owner}:${options.group}` : options.owner)} "$tmp"`;
  if (options.group !== undefined) return `chgrp -- ${quote(options.group)} "$tmp"`;
  // Keep the replaced file's ownership; only root may change it, so a failure here is expected for others.
  return 'if [ -e "$dest" ]; then chown --reference="$dest" -- "$tmp" 2>/dev/null || true; fi';
}

function absolute(host: string, path: string, redact: (text: string) => string): string {
  if (!path.startsWith('/'))
    throw new FileTransferError(
      host,
      redact(`remote path must be absolute, got ${JSON.stringify(path)}`),
      'pass an absolute path such as /etc/app.conf',
    );
  return posix.normalize(path);
}
