import type { Executor } from '@provisioning/sdk';
import { FactLines } from './facts-format';
import { parseHostFacts, runFactsScript } from './host-facts';

/** What `provisioning server facts` reports about a host. Sizes are bytes; absent facts are null. */
export interface ServerFacts {
  hostname: string;
  os: { id: string; version: string; family: string; prettyName: string };
  kernel: string;
  arch: string;
  cpu: { model: string | null; count: number | null };
  memory: { totalBytes: number | null; availableBytes: number | null };
  /** Block devices of type disk (not partitions, loops or ram disks). */
  disks: Array<{ name: string; sizeBytes: number; model: string }>;
  /** Mounted filesystems backed by storage (no tmpfs, proc, sysfs, cgroup and the like). */
  filesystems: Array<{ mount: string; source: string; sizeBytes: number; usedBytes: number }>;
  /** Global addresses (loopback left out), with the interface they are on. */
  addresses: Array<{ interface: string; family: 'inet' | 'inet6'; address: string; prefix: number }>;
  uptimeSeconds: number | null;
}

// One script, one round trip. Every probe tolerates a missing tool (minimal images, busybox).
const SCRIPT = [
  'echo "hostname=$(hostname 2>/dev/null || uname -n)"',
  'echo "arch=$(uname -m)"',
  'echo "kernel=$(uname -r)"',
  'if [ -r /etc/os-release ]; then . /etc/os-release; fi',
  'echo "id=${ID:-unknown}"; echo "version=${VERSION_ID:-}"; echo "like=${ID_LIKE:-}"; echo "pretty=${PRETTY_NAME:-}"',
  'echo "cpus=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null)"',
  "m=$(grep -m1 -E '^(model name|Model|Hardware|cpu model)[[:space:]]*:' /proc/cpuinfo 2>/dev/null | cut -d: -f2-)",
  'echo "cpu_model=$(echo $m)"',
  'echo "mem_total_kb=$(awk \'/^MemTotal:/ {print $2}\' /proc/meminfo 2>/dev/null)"',
  'echo "mem_available_kb=$(awk \'/^MemAvailable:/ {print $2}\' /proc/meminfo 2>/dev/null)"',
  'echo "uptime=$(cut -d\' \' -f1 /proc/uptime 2>/dev/null)"',
  'if command -v lsblk >/dev/null 2>&1; then',
  "  lsblk -b -d -n -P -o NAME,SIZE,TYPE,MODEL 2>/dev/null | sed 's/^/disk=/'",
  'fi',
  'df -P -k 2>/dev/null | awk \'NR > 1 && $1 !~ /^(tmpfs|devtmpfs|proc|sysfs|cgroup|cgroup2|udev|none|shm|overlay|run)$/ {print "fs=" $6 "\\t" $1 "\\t" $2 "\\t" $3}\'',
  'df -P -k / 2>/dev/null | awk \'NR == 2 {print "rootfs=" $6 "\\t" $1 "\\t" $2 "\\t" $3}\'',
  'if command -v ip >/dev/null 2>&1; then',
  '  ip -o addr show 2>/dev/null | awk \'$4 != "" {print "addr=" $2 "\\t" $3 "\\t" $4}\'',
  'fi',
].join('\n');

/** Reads OS, kernel, arch, CPU, memory, disks, filesystems, addresses and uptime in one round trip. */
export async function gatherServerFacts(
  executor: Executor,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ServerFacts> {
  return parseServerFacts(await runFactsScript(executor, SCRIPT, options));
}

export function parseServerFacts(text: string): ServerFacts {
  const facts = new FactLines(text);
  const host = parseHostFacts(text);
  const kib = (key: string) => numberOrNull(facts.get(key), 1024);
  const filesystems = [...facts.all('fs'), ...facts.all('rootfs')]
    .map(parseFilesystem)
    .filter((fs) => fs !== undefined);
  return {
    hostname: host.hostname,
    os: {
      id: host.osId,
      version: host.osVersion,
      family: host.osFamily,
      prettyName: facts.get('pretty') || host.osId,
    },
    kernel: facts.get('kernel') ?? 'unknown',
    arch: host.arch,
    cpu: { model: facts.get('cpu_model') || null, count: numberOrNull(facts.get('cpus')) },
    memory: { totalBytes: kib('mem_total_kb'), availableBytes: kib('mem_available_kb') },
    disks: facts
      .all('disk')
      .map(parseDisk)
      .filter((disk) => disk !== undefined),
    // The root filesystem is kept even when its source is an overlay (containers); others are not repeated.
    filesystems: filesystems.filter(
      (fs, index) => filesystems.findIndex((other) => other.mount === fs.mount) === index,
    ),
    addresses: facts
      .all('addr')
      .map(parseAddress)
      .filter((address) => address !== undefined),
    uptimeSeconds: numberOrNull(facts.get('uptime')),
  };
}

function numberOrNull(text: string | undefined, factor = 1): number | null {
  if (!text || !/^\d+(\.\d+)?$/.test(text.trim())) return null;
  return Math.round(Number(text) * factor);
}

/** `NAME="sda" SIZE="512110190592" TYPE="disk" MODEL="Samsung SSD"` (lsblk -P). */
function parseDisk(line: string): ServerFacts['disks'][number] | undefined {
  const fields = Object.fromEntries(
    [...line.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]),
  );
  if (fields['TYPE'] !== 'disk' || !fields['NAME']) return undefined;
  return {
    name: fields['NAME'],
    sizeBytes: Number(fields['SIZE'] ?? 0),
    model: (fields['MODEL'] ?? '').trim(),
  };
}

function parseFilesystem(line: string): ServerFacts['filesystems'][number] | undefined {
  const [mount, source, size, used] = line.split('\t');
  if (!mount || !/^\d+$/.test(size ?? '') || !/^\d+$/.test(used ?? '')) return undefined;
  return { mount, source, sizeBytes: Number(size) * 1024, usedBytes: Number(used) * 1024 };
}

/** `eth0\tinet\t10.0.0.5/24` from `ip -o addr`; loopback left out. */
function parseAddress(line: string): ServerFacts['addresses'][number] | undefined {
  const [name, family, cidr] = line.split('\t');
  if (!name || name === 'lo' || (family !== 'inet' && family !== 'inet6') || !cidr?.includes('/'))
    return undefined;
  const [address, prefix] = cidr.split('/');
  return { interface: name.replace(/@.*$/, ''), family, address, prefix: Number(prefix) };
}
