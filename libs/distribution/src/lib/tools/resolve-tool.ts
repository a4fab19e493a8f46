import { CatalogError, type ToolCatalog, type ToolEntry } from './catalog';
import { type Platform, platformKey } from './platform';

export interface ToolRequest {
  name: string;
  /** Default: the catalog's defaultVersion. */
  version?: string;
  /** A checksum the user vouches for, where the catalog records none (or for a version it lacks). */
  sha256?: string;
  /** Replaces `{mirror}` (a local mirror, an artifact server). */
  mirror?: string;
}

/** `kubectl`, `kubectl@1.31.2`, `k3s@1.31.2+k3s1`. */
export function parseToolSpec(text: string): { name: string; version?: string } {
  const at = text.indexOf('@');
  const name = at < 0 ? text : text.slice(0, at);
  const version = at < 0 ? undefined : text.slice(at + 1);
  if (!/^[a-z][a-z0-9_-]*$/.test(name) || (version !== undefined && !/^[0-9A-Za-z.+-]+$/.test(version))) {
    throw new CatalogError(`"${text}" is not TOOL or TOOL@VERSION`, 'e.g. kubectl or kubectl@1.31.2');
  }
  return { name, ...(version ? { version } : {}) };
}

export function toolEntry(catalog: ToolCatalog, name: string): ToolEntry {
  const entry = catalog.tools[name];
  if (!entry)
    throw new CatalogError(
      `no tool "${name}" in the catalog`,
      `known tools: ${Object.keys(catalog.tools).sort().join(', ')} ('provisioning install catalog'); add others with --catalog FILE`,
    );
  return entry;
}

export interface ResolvedDownload {
  url: string;
  sha256: string;
  /** The executable inside the archive, for archives. */
  member?: string;
}

/** The URL and checksum of one tool version for one platform, or an error saying what is missing. */
export function resolveDownload(
  name: string,
  entry: ToolEntry,
  version: string,
  platform: Platform,
  request: Pick<ToolRequest, 'sha256' | 'mirror'> = {},
): ResolvedDownload {
  const key = platformKey(platform);
  const os = entry.os[platform.os];
  const arch = entry.arch[platform.arch];
  const asset = entry.assets?.[key];
  if (!os || !arch || (entry.url.includes('{asset}') && !asset)) {
    throw new CatalogError(
      `${name} is not published for ${key}`,
      `platforms in the catalog: ${Object.keys(Object.values(entry.versions)[0] ?? {}).join(', ')}`,
    );
  }
  const sha256 = request.sha256 ?? entry.versions[version]?.[key] ?? undefined;
  if (!sha256) {
    const known = entry.versions[version] !== undefined;
    throw new CatalogError(
      known
        ? `the catalog records no verified sha256 for ${name} ${version} on ${key}`
        : `the catalog has no ${name} version ${version} (it has ${Object.keys(entry.versions).join(', ')})`,
      `pass --sha256 with the publisher's checksum for that file, or record it in a catalog override (--catalog FILE); Provisioning never installs an unverified download`,
    );
  }
  const fill = (template: string, encode = (text: string) => text) =>
    template
      .replaceAll('{mirror}', (request.mirror ?? entry.mirror).replace(/\/+$/, ''))
      .replaceAll('{version}', encode(version))
      .replaceAll('{os}', os)
      .replaceAll('{arch}', arch)
      .replaceAll('{asset}', asset ?? '');
  const url = fill(entry.url, encodeURIComponent);
  return { url, sha256, ...(entry.member ? { member: fill(entry.member) } : {}) };
}
