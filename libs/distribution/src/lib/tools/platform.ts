/** The platform names the catalog is keyed by: `linux-amd64`, `linux-arm64`, `linux-arm`, `darwin-arm64`. */
export interface Platform {
  os: 'linux' | 'darwin';
  arch: 'amd64' | 'arm64' | 'arm';
}

const ARCHES: Record<string, Platform['arch']> = {
  x86_64: 'amd64',
  amd64: 'amd64',
  aarch64: 'arm64',
  arm64: 'arm64',
  armv7l: 'arm',
  armv6l: 'arm',
  armhf: 'arm',
};

/** From `uname -m` (and `uname -s`, or node's `process.platform`); undefined for what no tool is built for. */
export function platformOf(machine: string, system = 'linux'): Platform | undefined {
  const arch = ARCHES[machine.trim()];
  const os = /^darwin$/i.test(system.trim())
    ? 'darwin'
    : /^linux$/i.test(system.trim())
      ? 'linux'
      : undefined;
  return arch && os ? { os, arch } : undefined;
}

export const platformKey = (platform: Platform): string => `${platform.os}-${platform.arch}`;
