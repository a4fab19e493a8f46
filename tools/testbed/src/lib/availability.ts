import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What the machine offers, gathered by probeMachine(); kept separate so the verdict is a pure function. */
export interface MachineFacts {
  readonly platform: string;
  readonly uid: number | undefined;
  /** Programs found on PATH, by name. */
  readonly programs: ReadonlySet<string>;
  readonly overlayFs: boolean;
  /** Kernel namespaces nspawn needs (pid, mount, network, uts, ipc), as /proc/self/ns shows them. */
  readonly namespaces: readonly string[];
  /** Filesystem type of /sys/fs/cgroup: "tmpfs" (hybrid/v1), "cgroup2fs" (unified), or undefined. */
  readonly cgroupFs: string | undefined;
  readonly baseBuilt: boolean;
}

export interface Availability {
  readonly available: boolean;
  /** One line per missing thing, each saying what to do about it. Empty when available. */
  readonly missing: readonly string[];
}

/** Programs `up` runs on the outer machine, with the Debian package that ships each. */
export const REQUIRED_PROGRAMS: Readonly<Record<string, string>> = {
  'systemd-nspawn': 'systemd-container',
  'ssh-keygen': 'openssh-client',
  ip: 'iproute2',
  mount: 'mount',
  nsenter: 'util-linux',
};
/** Needed only to build the base image when it is not cached yet. */
export const BASE_BUILD_PROGRAMS: Readonly<Record<string, string>> = {
  debootstrap: 'debootstrap',
  'dpkg-scanpackages': 'dpkg-dev',
  'apt-get': 'apt',
};

export const NEEDED_NAMESPACES = ['pid', 'mnt', 'net', 'uts', 'ipc'];

export function assessAvailability(facts: MachineFacts): Availability {
  const missing: string[] = [];
  if (facts.platform !== 'linux')
    missing.push(`Linux (this is ${facts.platform}; systemd-nspawn containers need a Linux kernel)`);
  if (facts.uid !== 0)
    missing.push(
      'root (run as root: the testbed mounts overlays, creates a bridge and cgroups, runs systemd-nspawn)',
    );
  const needed = facts.baseBuilt ? REQUIRED_PROGRAMS : { ...REQUIRED_PROGRAMS, ...BASE_BUILD_PROGRAMS };
  for (const [program, pkg] of Object.entries(needed)) {
    if (!facts.programs.has(program))
      missing.push(
        `${program} (apt-get install --no-install-recommends ${pkg}, or run tools/testbed/scripts/ci-prepare.sh)`,
      );
  }
  if (!facts.overlayFs) missing.push('overlay filesystem support in the kernel (modprobe overlay)');
  const absent = NEEDED_NAMESPACES.filter((ns) => !facts.namespaces.includes(ns));
  if (absent.length > 0)
    missing.push(
      `kernel namespaces ${absent.join(', ')} (a kernel built with CONFIG_${absent[0]?.toUpperCase()}_NS)`,
    );
  if (facts.cgroupFs !== 'tmpfs' && facts.cgroupFs !== 'cgroup2fs') {
    missing.push(`a cgroup filesystem at /sys/fs/cgroup (found ${facts.cgroupFs ?? 'nothing'})`);
  }
  return { available: missing.length === 0, missing };
}

function onPath(program: string, pathVariable: string): boolean {
  // root's tools live in sbin, which a non-login PATH may lack
  const dirs = [...pathVariable.split(delimiter), '/usr/sbin', '/sbin'];
  return dirs.some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function filesystemType(path: string): string | undefined {
  try {
    statSync(path);
  } catch {
    return undefined;
  }
  // statfs is not in node's fs API; /proc/self/mountinfo names the filesystem mounted at the path
  const mountinfo = readFileSync('/proc/self/mountinfo', 'utf8').split('\n');
  const line = mountinfo.reverse().find((entry) => entry.split(' ')[4] === path);
  const type = line?.split(' - ')[1]?.split(' ')[0];
  return type === 'cgroup2' ? 'cgroup2fs' : type;
}

export function probeMachine(baseBuilt: boolean, env: NodeJS.ProcessEnv = process.env): MachineFacts {
  const programs = new Set(
    [...Object.keys(REQUIRED_PROGRAMS), ...Object.keys(BASE_BUILD_PROGRAMS)].filter((p) =>
      onPath(p, env['PATH'] ?? ''),
    ),
  );
  let overlayFs = false;
  let cgroupFs: string | undefined;
  let namespaces: string[] = [];
  if (process.platform === 'linux') {
    namespaces = readdirSync('/proc/self/ns');
    overlayFs = /\toverlay$/m.test(readFileSync('/proc/filesystems', 'utf8'));
    cgroupFs = filesystemType('/sys/fs/cgroup');
  }
  return {
    platform: process.platform,
    uid: process.getuid?.(),
    programs,
    overlayFs,
    cgroupFs,
    namespaces,
    baseBuilt,
  };
}
