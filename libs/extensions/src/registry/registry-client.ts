import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { DEFAULT_EXTRACTION_LIMITS } from '../archive/extraction-limits';
import { ExtensionError } from '../errors';
import { sha256Hex } from '../integrity/sha256';
import { type IndexVersion, parseRegistryIndex, type RegistryIndex } from './registry-index';

/** A registry as provisioning.yaml `registries:` declares it. */
export interface RegistryRef {
  name: string;
  /** `https://…`, `http://…`, or a directory (relative to the workspace root). */
  url: string;
  /** The ed25519 public key (base64) that signs its packages. */
  public_key?: string;
}

export interface RegistryClientOptions {
  /** Where indexes and verified tarballs are kept for offline reinstalls (`~/.provisioning/cache`). */
  cacheDir: string;
  /** Resolves a relative directory registry. */
  baseDir: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

export interface FetchedIndex {
  index: RegistryIndex;
  /** True when the registry could not be reached and the last copy fetched was used. */
  fromCache: boolean;
}

/** Reads a registry's index.json and its tarballs, from a directory or over HTTP, through a cache. */
export class RegistryClient {
  private readonly fetchImpl: typeof fetch;
  constructor(
    readonly ref: RegistryRef,
    private readonly options: RegistryClientOptions,
  ) {
    this.fetchImpl = options.fetchImpl ?? fetch;
  }

  get isHttp(): boolean {
    return /^https?:\/\//i.test(this.ref.url);
  }

  /** The registry directory for a local registry. */
  get directory(): string {
    return isAbsolute(this.ref.url) ? this.ref.url : resolve(this.options.baseDir, this.ref.url);
  }

  async index(): Promise<FetchedIndex> {
    const cacheFile = join(
      this.options.cacheDir,
      'registries',
      sha256Hex(this.ref.url).slice(0, 16),
      'index.json',
    );
    let text: string;
    let fromCache = false;
    try {
      text = this.isHttp
        ? (await this.get('index.json', 64 * 1024 * 1024)).toString('utf8')
        : this.readLocal('index.json');
    } catch (error) {
      if (!this.isHttp || !existsSync(cacheFile)) throw error;
      text = readFileSync(cacheFile, 'utf8');
      fromCache = true;
    }
    const parsed = parseRegistryIndex(text, `registry "${this.ref.name}" (${this.ref.url})`);
    if (!parsed.ok)
      throw new ExtensionError(
        'registry',
        parsed.message,
        'the registry index is damaged; tell its owner, or republish with `nx run <extension>:publish`.',
      );
    if (this.isHttp && !fromCache) writeAtomically(cacheFile, text);
    return { index: parsed.index, fromCache };
  }

  /**
   * The tarball of one version, its sha256 checked against the index: from the cache when a copy
   * with that digest is there, else from the registry. The caller caches it once it is installed
   * (cacheTarball), so a refused package leaves nothing behind.
   */
  async tarball(label: string, version: IndexVersion): Promise<Buffer> {
    const cached = join(this.options.cacheDir, 'tarballs', `${version.sha256}.tgz`);
    if (existsSync(cached)) {
      const bytes = readFileSync(cached);
      if (sha256Hex(bytes) === version.sha256) return bytes;
    }
    const bytes = this.isHttp
      ? await this.get(version.tarball, DEFAULT_EXTRACTION_LIMITS.maxCompressedBytes)
      : Buffer.from(this.readLocalBytes(version.tarball));
    const actual = sha256Hex(bytes);
    if (actual !== version.sha256) {
      throw new ExtensionError(
        'integrity',
        `${label}: the tarball's sha256 is ${actual}, but the index says ${version.sha256}; refused, nothing was written.`,
        'the package was altered or damaged in transit; try again, and tell the registry owner if it persists.',
      );
    }
    return bytes;
  }

  private readLocal(path: string): string {
    return this.readLocalBytes(path).toString('utf8');
  }

  private readLocalBytes(path: string): Buffer {
    const root = this.directory;
    const file = resolve(root, path);
    if (!file.startsWith(root + sep))
      throw new ExtensionError(
        'registry',
        `registry "${this.ref.name}": "${path}" is outside the registry directory.`,
      );
    if (!existsSync(file)) {
      throw new ExtensionError(
        'registry',
        `registry "${this.ref.name}": ${file} does not exist.`,
        path === 'index.json'
          ? 'check the registry url in provisioning.yaml; a new registry gets its index.json from the first publish.'
          : 'the index names a tarball the registry does not hold; tell its owner.',
      );
    }
    return readFileSync(file);
  }

  private async get(path: string, maxBytes: number): Promise<Buffer> {
    const base = this.ref.url.endsWith('/') ? this.ref.url : `${this.ref.url}/`;
    const url = new URL(path, base);
    if (url.origin !== new URL(base).origin)
      throw new ExtensionError('registry', `registry "${this.ref.name}": "${path}" points to another host.`);
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        redirect: 'error',
      });
    } catch (error) {
      throw new ExtensionError(
        'registry',
        `registry "${this.ref.name}": ${url.href} could not be fetched (${(error as Error).message}).`,
        'check the network and the registry url; installs from the lock work offline once the packages are cached.',
      );
    }
    if (!response.ok)
      throw new ExtensionError(
        'registry',
        `registry "${this.ref.name}": ${url.href} answered ${response.status} ${response.statusText}.`,
      );
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBytes)
      throw new ExtensionError(
        'unsafe-archive',
        `registry "${this.ref.name}": ${url.href} is ${declared} bytes, above the limit of ${maxBytes}; refused.`,
      );
    const chunks: Buffer[] = [];
    let size = 0;
    if (response.body) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > maxBytes)
          throw new ExtensionError(
            'unsafe-archive',
            `registry "${this.ref.name}": ${url.href} is larger than ${maxBytes} bytes; refused.`,
          );
        chunks.push(Buffer.from(chunk));
      }
    }
    return Buffer.concat(chunks);
  }
}

export function writeAtomically(file: string, content: string | Buffer): void {
  mkdirSync(resolve(file, '..'), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
