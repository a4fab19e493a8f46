import { posix } from 'node:path';

/** Where tools go: `<root>/<tool>/<version>/<binary>`, linked as `<binDir>/<binary>`. */
export interface ToolLayout {
  root: string;
  binDir: string;
  /** The download operation's cache of verified files, by sha256. */
  cacheDir: string;
  /** The OS of the machine (hosts are Linux; this machine may be a Mac). */
  os: 'linux' | 'darwin';
  /** Install curl with the package manager first (hosts; this machine is left alone). */
  ensureCurl: boolean;
}

/** On hosts: root-owned, on every user's PATH. */
export const HOST_TOOL_LAYOUT: ToolLayout = {
  root: '/opt/provisioning/tools',
  binDir: '/usr/local/bin',
  cacheDir: '/var/cache/provisioning/downloads',
  os: 'linux',
  ensureCurl: true,
};

/** On this machine: the user's own directories, no sudo (add ~/.local/bin to PATH). */
export function localToolLayout(home: string, platform: NodeJS.Platform = process.platform): ToolLayout {
  return {
    root: posix.join(home, '.local/share/provisioning/tools'),
    binDir: posix.join(home, '.local/bin'),
    cacheDir: posix.join(home, '.cache/provisioning/downloads'),
    os: platform === 'darwin' ? 'darwin' : 'linux',
    ensureCurl: false,
  };
}

export const toolPaths = (layout: ToolLayout, name: string, binary: string, version: string) => {
  const versionDir = posix.join(layout.root, name, version);
  return {
    toolDir: posix.join(layout.root, name),
    versionDir,
    bin: posix.join(versionDir, binary),
    link: posix.join(layout.binDir, binary),
  };
};
