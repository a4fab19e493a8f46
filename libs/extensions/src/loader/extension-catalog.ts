import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as sdk from '@provisioning/sdk';
import { CORE_VERSION, type TaskservDefinition } from '@provisioning/sdk';
import semver from 'semver';
import * as zod from 'zod';
import { ExtensionError } from '../errors';
import type { ExtensionKind } from '../manifest/extension-name';
import type { ExtensionManifest } from '../manifest/manifest-schema';
import { parseManifest } from '../manifest/parse-manifest';
import { formatProblems } from '../manifest/source-problem';
import { bundleLinkedExtension, isBuildStale } from './bundle-extension';
import { taskservFromExports } from './check-definition';
import { userProvisioningDir, workspaceProvisioningDir } from './extension-dirs';
import { readLinks } from './links';
import { loadCommonJsBundle } from './load-module';

/** Where an extension came from, in the order they are searched. */
export const EXTENSION_SOURCES = ['linked', 'workspace', 'user', 'builtin'] as const;
export type ExtensionSource = (typeof EXTENSION_SOURCES)[number];

/** One version of one extension that some source offers. */
export interface ExtensionCandidate {
  name: string;
  kind: ExtensionKind;
  version: string;
  source: ExtensionSource;
  /** The extension's folder (manifest.yaml, dist/index.js); absent for built-ins. */
  dir?: string;
  /** The manifest's core range (built-ins are the core's own: `*`). */
  core: string;
  fitsCore: boolean;
}

export interface ExtensionCatalogOptions {
  /** The workspace whose links and `.provisioning/extensions/` are searched; none outside one. */
  workspaceRoot?: string;
  env: NodeJS.ProcessEnv;
  /** The task services compiled into this CLI. */
  builtins: readonly TaskservDefinition[];
  coreVersion?: string;
}

export type Resolution =
  | { ok: true; candidate: ExtensionCandidate }
  | { ok: false; message: string; available: ExtensionCandidate[] };

const PROVIDED_MODULES: Readonly<Record<string, unknown>> = { '@provisioning/sdk': sdk, zod };

/**
 * Every extension this workspace can use, from linked folders, the workspace's and the user's
 * installs, and the built-ins. Folders are read when a name is first asked for, code only when a
 * definition is needed, so listing stays cheap and start-up pays nothing.
 */
export class ExtensionCatalog {
  readonly coreVersion: string;
  private readonly candidatesByName = new Map<string, ExtensionCandidate[]>();
  private readonly loaded = new Map<string, TaskservDefinition>();
  private links?: Record<string, string>;

  constructor(private readonly options: ExtensionCatalogOptions) {
    this.coreVersion = options.coreVersion ?? CORE_VERSION;
  }

  /** Every candidate for `name`, in search order (linked, workspace, user, built-in), highest version first within a source. */
  candidates(name: string): ExtensionCandidate[] {
    let found = this.candidatesByName.get(name);
    if (!found) {
      found = [
        ...this.linked(name),
        ...this.installed('workspace', name),
        ...this.installed('user', name),
        ...this.builtin(name),
      ];
      this.candidatesByName.set(name, found);
    }
    return found;
  }

  /** Every extension name any source offers. */
  names(): string[] {
    const names = new Set(this.options.builtins.map((definition) => definition.name));
    for (const name of Object.keys(this.linkMap())) names.add(name);
    for (const root of this.installRoots()) {
      const kindDir = join(root.dir, 'extensions', 'taskserv');
      if (existsSync(kindDir)) for (const name of readdirSync(kindDir)) names.add(name);
    }
    return [...names].sort();
  }

  /**
   * The first source (in search order) offering a version that satisfies `range` and fits the
   * core, its highest such version; else a message naming the range and everything available.
   */
  resolve(name: string, range?: string): Resolution {
    const candidates = this.candidates(name);
    const match = candidates.find(
      (candidate) =>
        candidate.fitsCore &&
        (!range || semver.satisfies(candidate.version, range, { includePrerelease: true })),
    );
    if (match) return { ok: true, candidate: match };
    const available = candidates.map(describeCandidate).join(', ');
    if (candidates.length === 0)
      return { ok: false, available: [], message: `no extension provides taskserv "${name}"` };
    return {
      ok: false,
      available: candidates,
      message: `no version of taskserv "${name}" satisfies ${range ?? 'any version'} for core ${this.coreVersion}; available: ${available}`,
    };
  }

  /** The task service definition for `name` (and `range`), loaded and checked; throws ExtensionError when there is none. */
  taskserv(name: string, range?: string): { definition: TaskservDefinition; candidate: ExtensionCandidate } {
    const resolution = this.resolve(name, range);
    if (!resolution.ok)
      throw new ExtensionError(
        'not-found',
        `${resolution.message}.`,
        "install a matching version (provisioning extension install NAME@RANGE) or change the entry's version range.",
      );
    return { definition: this.load(resolution.candidate), candidate: resolution.candidate };
  }

  /** Loads (once) a candidate's code: a built-in as is, others from dist/index.js, checked against their manifest. */
  load(candidate: ExtensionCandidate): TaskservDefinition {
    if (candidate.source === 'builtin')
      return this.options.builtins.find(
        (definition) => definition.name === candidate.name,
      ) as TaskservDefinition;
    const key = `${candidate.source}:${candidate.dir}`;
    const cached = this.loaded.get(key);
    if (cached) return cached;
    const dir = candidate.dir as string;
    if (candidate.source === 'linked' && isBuildStale(dir)) bundleLinkedExtension(dir);
    const manifest = readManifestOf(dir);
    const definition = taskservFromExports(
      loadCommonJsBundle(join(dir, 'dist', 'index.js'), PROVIDED_MODULES),
      manifest,
      dir,
    );
    this.loaded.set(key, definition);
    return definition;
  }

  private linked(name: string): ExtensionCandidate[] {
    const dir = this.linkMap()[name];
    if (!dir) return [];
    return [this.candidateFrom('linked', dir, readManifestOf(dir))];
  }

  private installed(source: 'workspace' | 'user', name: string): ExtensionCandidate[] {
    const root = this.installRoots().find((r) => r.source === source);
    if (!root) return [];
    const nameDir = join(root.dir, 'extensions', 'taskserv', name);
    if (!existsSync(nameDir)) return [];
    return readdirSync(nameDir)
      .filter(
        (version) => semver.valid(version) === version && existsSync(join(nameDir, version, 'manifest.yaml')),
      )
      .sort((a, b) => semver.rcompare(a, b))
      .map((version) =>
        this.candidateFrom(source, join(nameDir, version), readManifestOf(join(nameDir, version))),
      );
  }

  private builtin(name: string): ExtensionCandidate[] {
    return this.options.builtins
      .filter((definition) => definition.name === name)
      .map((definition) => ({
        name,
        kind: 'taskserv' as const,
        version: definition.version,
        source: 'builtin' as const,
        core: '*',
        fitsCore: true,
      }));
  }

  private candidateFrom(
    source: ExtensionSource,
    dir: string,
    manifest: ExtensionManifest,
  ): ExtensionCandidate {
    return {
      name: manifest.name,
      kind: manifest.kind,
      version: manifest.version,
      source,
      dir,
      core: manifest.core,
      fitsCore: semver.satisfies(this.coreVersion, manifest.core, { includePrerelease: true }),
    };
  }

  private installRoots(): { source: 'workspace' | 'user'; dir: string }[] {
    const roots: { source: 'workspace' | 'user'; dir: string }[] = [];
    if (this.options.workspaceRoot)
      roots.push({ source: 'workspace', dir: workspaceProvisioningDir(this.options.workspaceRoot) });
    roots.push({ source: 'user', dir: userProvisioningDir(this.options.env) });
    return roots;
  }

  private linkMap(): Record<string, string> {
    this.links ??= this.options.workspaceRoot ? readLinks(this.options.workspaceRoot) : {};
    return this.links;
  }
}

export function describeCandidate(candidate: ExtensionCandidate): string {
  const source = candidate.source === 'builtin' ? 'built-in' : candidate.source;
  return `${candidate.version} (${source}${candidate.fitsCore ? '' : `, needs core ${candidate.core}`})`;
}

export function readManifestOf(dir: string): ExtensionManifest {
  const file = join(dir, 'manifest.yaml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ExtensionError(
      'load',
      `${file} does not exist; not an extension folder.`,
      'an extension folder holds manifest.yaml and src/ (or dist/); make one with `provisioning extension new`.',
    );
  }
  const parsed = parseManifest(text, file);
  if (!parsed.ok)
    throw new ExtensionError(
      'load',
      formatProblems(parsed.problems),
      'fix the manifest and run the command again.',
    );
  return parsed.value;
}
