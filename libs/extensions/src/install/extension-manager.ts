import { existsSync, readdirSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as sdk from '@provisioning/sdk';
import { CORE_VERSION } from '@provisioning/sdk';
import semver from 'semver';
import * as zod from 'zod';
import { extractPackage } from '../archive/extract-package';
import { ExtensionError } from '../errors';
import { verifyPackageSignature } from '../integrity/package-signature';
import { sha256Hex } from '../integrity/sha256';
import { taskservFromExports } from '../loader/check-definition';
import {
  installedExtensionDir,
  userCacheDir,
  userProvisioningDir,
  workspaceProvisioningDir,
} from '../loader/extension-dirs';
import { loadCommonJsBundle } from '../loader/load-module';
import {
  emptyLockfile,
  type LockedExtension,
  type Lockfile,
  LOCKFILE_NAME,
  readLockfile,
  writeLockfile,
} from '../lockfile/lockfile';
import type { ExtensionManifest } from '../manifest/manifest-schema';
import { RegistryClient, type RegistryRef, writeAtomically } from '../registry/registry-client';
import type { IndexVersion, RegistryIndex } from '../registry/registry-index';
import { type AvailableVersion, resolveVersions } from '../resolve/resolve-versions';
import { parsePackageSpec } from './package-spec';
import { checkManifestMatches, readPackageManifest } from './verify-package';

export interface ExtensionManagerOptions {
  workspaceRoot: string;
  /** provisioning.yaml `registries:`, searched in order. */
  registries: readonly RegistryRef[];
  env: NodeJS.ProcessEnv;
  /** Install for the workspace (`.provisioning/extensions/`, the default) or the user (`~/.provisioning/extensions/`). */
  scope?: 'workspace' | 'user';
  coreVersion?: string;
  fetchImpl?: typeof fetch;
  onProgress?: (message: string) => void;
}

export interface InstalledChange {
  name: string;
  kind: string;
  from?: string;
  to?: string;
  registry?: string;
}

export interface InstallReport {
  /** Extensions whose version changed (added, updated or removed), by name. */
  changes: InstalledChange[];
  /** Packages downloaded now, and packages taken from the cache. */
  downloaded: number;
  fromCache: number;
  /** Registries read from the cache because they could not be reached. */
  offlineRegistries: string[];
  lockfile: string;
}

export interface OutdatedRow {
  name: string;
  current: string;
  /** Highest version the requested range allows. */
  wanted?: string;
  /** Highest version any registry offers for this core. */
  latest?: string;
  registry: string;
}

const PROVIDED_MODULES = { '@provisioning/sdk': sdk, zod };
const METADATA_FILE = '.package.json';

/**
 * Installs, updates and removes extensions for a workspace from its registries, keeping
 * `provisioning.lock` true. Every package is checked before anything is written: resolution (core
 * range, yanked, conflicts, cycles), sha256, the registry's signature, safe extraction, manifest
 * against index, code against manifest. A failure leaves the install folders and the lock as they were.
 */
export class ExtensionManager {
  readonly coreVersion: string;
  private indexes?: { client: RegistryClient; index: RegistryIndex; fromCache: boolean }[];
  private downloaded = 0;
  private fromCache = 0;

  constructor(private readonly options: ExtensionManagerOptions) {
    this.coreVersion = options.coreVersion ?? CORE_VERSION;
  }

  get installRoot(): string {
    return this.options.scope === 'user'
      ? userProvisioningDir(this.options.env)
      : workspaceProvisioningDir(this.options.workspaceRoot);
  }

  lock(): Lockfile {
    return readLockfile(this.options.workspaceRoot) ?? emptyLockfile();
  }

  /** `install NAME[@RANGE]...`: adds them to what the workspace asks for and resolves; other locked versions stay. */
  async install(specs: readonly string[]): Promise<InstallReport> {
    this.startOperation();
    const lock = this.lock();
    const requested = { ...lock.requested };
    for (const spec of specs) {
      const { name, range } = parsePackageSpec(spec);
      requested[name] = range;
    }
    return this.resolveAndApply(lock, requested, new Set());
  }

  /** `install --frozen` (or no names with a lock): exactly the lock's versions and digests, nothing resolved. */
  async installFrozen(): Promise<InstallReport> {
    this.startOperation();
    const lock = readLockfile(this.options.workspaceRoot);
    if (!lock)
      throw new ExtensionError(
        'lockfile',
        `${LOCKFILE_NAME} does not exist in ${this.options.workspaceRoot}; --frozen installs exactly the lock.`,
        'run `provisioning extension install NAME` once to write it, and commit it.',
      );
    for (const [name, range] of Object.entries(lock.requested)) {
      const locked = lock.extensions[name];
      if (!locked || !semver.satisfies(locked.version, range, { includePrerelease: true })) {
        throw new ExtensionError(
          'lockfile',
          `${LOCKFILE_NAME} asks for ${name}@${range} but locks ${locked ? locked.version : 'nothing'}; --frozen refuses to change the lock.`,
          'run `provisioning extension install` without --frozen to update the lock, and commit it.',
        );
      }
    }
    return this.apply(lock, lock);
  }

  /** `update [NAME...]`: lets the named (or all) extensions move to the highest version their range allows. */
  async update(names: readonly string[] = []): Promise<InstallReport> {
    this.startOperation();
    const lock = this.lock();
    for (const name of names)
      if (!lock.requested[name] && !lock.extensions[name])
        throw new ExtensionError(
          'not-found',
          `${name} is not installed in this workspace.`,
          'see `provisioning extension list`.',
        );
    const unpinned = new Set(names.length > 0 ? names : Object.keys(lock.extensions));
    return this.resolveAndApply(lock, { ...lock.requested }, unpinned);
  }

  /** `remove NAME...`: no longer asked for; what nothing else needs is deleted. */
  async remove(names: readonly string[]): Promise<InstallReport> {
    this.startOperation();
    const lock = this.lock();
    const requested = { ...lock.requested };
    for (const name of names) {
      if (!(name in requested))
        throw new ExtensionError(
          'not-found',
          `${name} was not installed with \`extension install\` in this workspace${lock.extensions[name] ? ' (another extension depends on it)' : ''}.`,
          'see `provisioning extension list`.',
        );
      delete requested[name];
    }
    return this.resolveAndApply(lock, requested, new Set());
  }

  /** `install ./file.tgz`: a package the user hands over; checked like any other, locked by its digest. */
  async installFile(file: string): Promise<InstallReport> {
    this.startOperation();
    const bytes = readFileSync(resolve(file));
    const label = file;
    const manifest = await readPackageManifest(bytes, label);
    checkManifestMatches(manifest, manifest, label, this.coreVersion);
    const sha256 = sha256Hex(bytes);
    const lock = this.lock();
    const entry: LockedExtension = {
      kind: manifest.kind,
      version: manifest.version,
      registry: 'file',
      tarball: `file:${resolve(file)}`,
      sha256,
      dependencies: manifest.dependencies,
    };
    const next: Lockfile = {
      ...lock,
      requested: { ...lock.requested, [manifest.name]: manifest.version },
      extensions: { ...lock.extensions, [manifest.name]: entry },
    };
    return this.apply(lock, next);
  }

  /** Every version of every extension the registries offer (first registry wins a name@version). */
  async available(): Promise<Map<string, AvailableVersion[]>> {
    const available = new Map<string, AvailableVersion[]>();
    for (const { client, index } of await this.readIndexes()) {
      for (const [name, extension] of Object.entries(index.extensions)) {
        const versions = available.get(name) ?? [];
        for (const [version, entry] of Object.entries(extension.versions)) {
          if (versions.some((v) => v.version === version)) continue;
          versions.push({
            name,
            kind: extension.kind,
            version,
            core: entry.core,
            dependencies: entry.dependencies,
            yanked: entry.yanked,
            registry: client.ref.name,
          });
        }
        available.set(name, versions);
      }
    }
    return available;
  }

  /** Descriptions of the registries' extensions, for search and info. */
  async describe(name: string): Promise<
    {
      registry: string;
      kind: string;
      description?: string;
      versions: (IndexVersion & { version: string })[];
    }[]
  > {
    return (await this.readIndexes())
      .filter(({ index }) => index.extensions[name])
      .map(({ client, index }) => {
        const extension = index.extensions[name];
        return {
          registry: client.ref.name,
          kind: extension.kind,
          description: extension.description,
          versions: Object.entries(extension.versions)
            .map(([version, entry]) => ({ version, ...entry }))
            .sort((a, b) => semver.rcompare(a.version, b.version)),
        };
      });
  }

  async outdated(): Promise<OutdatedRow[]> {
    this.startOperation();
    const lock = this.lock();
    const available = await this.available();
    const fits = (v: AvailableVersion) =>
      !v.yanked && semver.satisfies(this.coreVersion, v.core, { includePrerelease: true });
    return Object.entries(lock.extensions)
      .map(([name, locked]) => {
        const versions = (available.get(name) ?? []).filter(fits).map((v) => v.version);
        const range = lock.requested[name];
        return {
          name,
          current: locked.version,
          wanted: range ? (semver.maxSatisfying(versions, range) ?? undefined) : undefined,
          latest: semver.maxSatisfying(versions, '*') ?? undefined,
          registry: locked.registry,
        };
      })
      .filter(
        (row) => (row.wanted && row.wanted !== row.current) || (row.latest && row.latest !== row.current),
      );
  }

  /** Each operation reads the registries afresh and counts its own downloads. */
  private startOperation(): void {
    this.indexes = undefined;
    this.downloaded = 0;
    this.fromCache = 0;
  }

  private async resolveAndApply(
    lock: Lockfile,
    requested: Record<string, string>,
    unpinned: ReadonlySet<string>,
  ): Promise<InstallReport> {
    const fileEntries = Object.entries(lock.extensions).filter(
      ([name, entry]) => entry.registry === 'file' && name in requested,
    );
    const fromRegistries = Object.entries(requested).filter(
      ([name]) => !fileEntries.some(([fileName]) => fileName === name),
    );
    const available =
      fromRegistries.length > 0 ? await this.available() : new Map<string, AvailableVersion[]>();
    const preferred = new Map(
      Object.entries(lock.extensions)
        .filter(([name]) => !unpinned.has(name))
        .map(([name, entry]) => [name, entry.version]),
    );
    const chosen = resolveVersions(
      fromRegistries.map(([name, range]) => ({
        name,
        range,
        requiredBy:
          name in lock.requested && lock.requested[name] === range ? LOCKFILE_NAME : 'the command line',
      })),
      available,
      { coreVersion: this.coreVersion, preferred },
    );
    const extensions: Lockfile['extensions'] = Object.fromEntries(fileEntries);
    for (const [name, version] of chosen) {
      const locked = lock.extensions[name];
      if (locked && locked.version === version.version && locked.registry === version.registry) {
        extensions[name] = locked;
        continue;
      }
      const { entry } = await this.indexEntry(version.registry, name, version.version);
      extensions[name] = {
        kind: version.kind,
        version: version.version,
        registry: version.registry,
        tarball: entry.tarball,
        sha256: entry.sha256,
        ...(entry.signature ? { signature: entry.signature } : {}),
        ...(entry.keyId ? { keyId: entry.keyId } : {}),
        dependencies: entry.dependencies,
      };
    }
    return this.apply(lock, { lockfileVersion: 1, requested, extensions });
  }

  /**
   * Makes the install folder hold exactly `next`'s versions: every package to add is fetched and
   * checked first, then extracted (each one atomically); a failure removes what this run added.
   * The lock is written last.
   */
  private async apply(previous: Lockfile, next: Lockfile): Promise<InstallReport> {
    const toInstall = Object.entries(next.extensions).filter(
      ([name, entry]) => !this.isInstalled(name, entry),
    );
    const fetched: { name: string; entry: LockedExtension; bytes: Buffer; manifest: ExtensionManifest }[] =
      [];
    for (const [name, entry] of toInstall) {
      const label = `${entry.kind} ${name}@${entry.version}`;
      this.options.onProgress?.(`fetching ${label} from ${entry.registry}`);
      const bytes = await this.fetchLocked(name, entry, label);
      const manifest = await readPackageManifest(bytes, label);
      checkManifestMatches(
        manifest,
        { kind: entry.kind, name, version: entry.version },
        label,
        this.coreVersion,
      );
      fetched.push({ name, entry, bytes, manifest });
    }
    const added: string[] = [];
    try {
      for (const { name, entry, bytes, manifest } of fetched) {
        const target = installedExtensionDir(this.installRoot, entry.kind, name, entry.version);
        if (existsSync(target)) rmSync(target, { recursive: true, force: true });
        await extractPackage(bytes, target, {
          label: `${entry.kind} ${name}@${entry.version}`,
          verify: (stage) => {
            if (manifest.kind === 'taskserv')
              taskservFromExports(
                loadCommonJsBundle(join(stage, 'dist', 'index.js'), PROVIDED_MODULES),
                manifest,
                `${entry.kind} ${name}@${entry.version}`,
              );
            writeFileSync(
              join(stage, METADATA_FILE),
              `${JSON.stringify({ sha256: entry.sha256, registry: entry.registry }, null, 2)}\n`,
            );
          },
        });
        added.push(target);
        this.options.onProgress?.(`installed ${entry.kind} ${name}@${entry.version}`);
      }
    } catch (error) {
      for (const target of added) rmSync(target, { recursive: true, force: true });
      throw error;
    }
    for (const { entry, bytes } of fetched) if (!this.cached(entry.sha256)) this.cache(entry.sha256, bytes);
    for (const [name, entry] of Object.entries(previous.extensions)) {
      const kept = next.extensions[name];
      if (!kept || kept.version !== entry.version) this.deleteInstalled(name, entry);
    }
    writeLockfile(this.options.workspaceRoot, next);
    return {
      changes: changesBetween(previous, next),
      downloaded: this.downloaded,
      fromCache: this.fromCache,
      offlineRegistries: (this.indexes ?? []).filter((i) => i.fromCache).map((i) => i.client.ref.name),
      lockfile: join(this.options.workspaceRoot, LOCKFILE_NAME),
    };
  }

  private async fetchLocked(name: string, entry: LockedExtension, label: string): Promise<Buffer> {
    if (entry.registry === 'file') {
      const cached = this.cached(entry.sha256);
      if (cached) {
        this.fromCache += 1;
        return cached;
      }
      const file = entry.tarball.replace(/^file:/, '');
      const bytes = existsSync(file) ? readFileSync(file) : undefined;
      if (!bytes || sha256Hex(bytes) !== entry.sha256)
        throw new ExtensionError(
          'integrity',
          `${label}: ${file} is gone or changed since it was locked (sha256 ${entry.sha256}); refused.`,
          'install the file again with `provisioning extension install FILE`.',
        );
      return bytes;
    }
    const client = this.client(entry.registry);
    const ref = client.ref;
    verifyPackageSignature(
      { kind: entry.kind, name, version: entry.version, sha256: entry.sha256 },
      entry.signature,
      entry.keyId,
      ref.public_key ? [{ registry: ref.name, publicKey: ref.public_key }] : [],
    );
    const hadCopy = this.cached(entry.sha256) !== undefined;
    const bytes = await client.tarball(label, {
      tarball: entry.tarball,
      sha256: entry.sha256,
      core: '*',
      dependencies: {},
      yanked: false,
    });
    if (hadCopy) this.fromCache += 1;
    else this.downloaded += 1;
    return bytes;
  }

  private async indexEntry(
    registry: string,
    name: string,
    version: string,
  ): Promise<{ entry: IndexVersion }> {
    const found = (await this.readIndexes()).find(({ client }) => client.ref.name === registry);
    const entry = found?.index.extensions[name]?.versions[version];
    if (!entry)
      throw new ExtensionError('not-found', `registry "${registry}" no longer offers ${name}@${version}.`);
    return { entry };
  }

  private async readIndexes(): Promise<
    { client: RegistryClient; index: RegistryIndex; fromCache: boolean }[]
  > {
    if (!this.indexes) {
      if (this.options.registries.length === 0) {
        throw new ExtensionError(
          'registry',
          'provisioning.yaml declares no registries.',
          'add one: registries: [{ name: team, url: https://registry.example.com, public_key: <base64> }].',
        );
      }
      this.indexes = [];
      for (const ref of this.options.registries) {
        const client = this.client(ref.name);
        this.options.onProgress?.(`reading registry ${ref.name} (${ref.url})`);
        const { index, fromCache } = await client.index();
        this.indexes.push({ client, index, fromCache });
      }
    }
    return this.indexes;
  }

  private client(name: string): RegistryClient {
    const ref = this.options.registries.find((r) => r.name === name);
    if (!ref)
      throw new ExtensionError(
        'registry',
        `the lock names registry "${name}", which provisioning.yaml does not declare.`,
        'add it to `registries:` again, or reinstall the extensions it provided.',
      );
    return new RegistryClient(ref, {
      cacheDir: userCacheDir(this.options.env),
      baseDir: this.options.workspaceRoot,
      fetchImpl: this.options.fetchImpl,
    });
  }

  private cached(sha256: string): Buffer | undefined {
    const file = join(userCacheDir(this.options.env), 'tarballs', `${sha256}.tgz`);
    if (!existsSync(file)) return undefined;
    const bytes = readFileSync(file);
    return sha256Hex(bytes) === sha256 ? bytes : undefined;
  }

  private cache(sha256: string, bytes: Buffer): void {
    writeAtomically(join(userCacheDir(this.options.env), 'tarballs', `${sha256}.tgz`), bytes);
  }

  private isInstalled(name: string, entry: LockedExtension): boolean {
    const metadata = join(
      installedExtensionDir(this.installRoot, entry.kind, name, entry.version),
      METADATA_FILE,
    );
    if (!existsSync(metadata)) return false;
    try {
      return (JSON.parse(readFileSync(metadata, 'utf8')) as { sha256?: string }).sha256 === entry.sha256;
    } catch {
      return false;
    }
  }

  private deleteInstalled(name: string, entry: LockedExtension): void {
    const dir = installedExtensionDir(this.installRoot, entry.kind, name, entry.version);
    rmSync(dir, { recursive: true, force: true });
    const nameDir = dirname(dir);
    if (existsSync(nameDir) && readdirSync(nameDir).length === 0) rmdirSync(nameDir);
  }
}

function changesBetween(previous: Lockfile, next: Lockfile): InstalledChange[] {
  const names = [...new Set([...Object.keys(previous.extensions), ...Object.keys(next.extensions)])].sort();
  return names
    .map((name) => ({ name, before: previous.extensions[name], after: next.extensions[name] }))
    .filter(({ before, after }) => before?.version !== after?.version || before?.sha256 !== after?.sha256)
    .map(({ name, before, after }) => ({
      name,
      kind: (after ?? before)?.kind ?? 'taskserv',
      from: before?.version,
      to: after?.version,
      registry: after?.registry,
    }));
}
