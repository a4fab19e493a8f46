import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { SbcError } from '../errors';

export interface BlockDevice {
  /** The path given, resolved (`/dev/disk/by-id/...` -> `/dev/sdb`). */
  path: string;
  name: string;
  sizeBytes: number;
  removable: boolean;
  model: string;
  partitions: string[];
  /** Mount points (and swap) on the device or any of its partitions. */
  inUse: string[];
  /** The disk holding /, /boot or /usr of this machine. */
  system: boolean;
}

const sys = (name: string, file: string) => {
  try {
    return readFileSync(`/sys/class/block/${name}/${file}`, 'utf8').trim();
  } catch {
    return '';
  }
};

/** Reads what a device is from sysfs and /proc (no tools, no root needed to look). */
export function inspectBlockDevice(device: string): BlockDevice {
  let path: string;
  try {
    path = realpathSync(device);
  } catch {
    throw new SbcError(
      `${device} does not exist`,
      "list the disks with 'lsblk -d -o NAME,SIZE,MODEL,TRAN' and pick the card reader",
    );
  }
  if (!statSync(path).isBlockDevice())
    throw new SbcError(
      `${device} is not a block device`,
      'give the whole device, e.g. /dev/sdb or /dev/mmcblk0 (not a partition, not a file; for an image file use sbc image configure --image)',
    );
  const name = basename(path);
  if (existsSync(`/sys/class/block/${name}/partition`)) {
    throw new SbcError(
      `${device} is a partition of ${parentDisk(name)}`,
      `give the whole device: /dev/${parentDisk(name)}`,
    );
  }
  const partitions = readdirSync(`/sys/class/block/${name}`).filter(
    (entry) => entry.startsWith(name) && existsSync(`/sys/class/block/${entry}/partition`),
  );
  const own = new Set([name, ...partitions]);
  const inUse = [...mountedSources(), ...swapSources()]
    .filter(({ source }) => own.has(source))
    .map(({ where }) => where);
  const holders = [name, ...partitions].flatMap((entry) =>
    readdirSync(`/sys/class/block/${entry}/holders`).map(
      (holder) => `held by ${holder} (device mapper, LVM or RAID)`,
    ),
  );
  return {
    path,
    name,
    sizeBytes: Number(sys(name, 'size') || 0) * 512,
    removable: sys(name, 'removable') === '1',
    model: [sys(name, 'device/vendor'), sys(name, 'device/model')].filter(Boolean).join(' '),
    partitions,
    inUse: [...inUse, ...holders],
    system: systemDisks().has(name),
  };
}

/** Refuses a device that must never be overwritten, saying why. */
export function assertSafeToOverwrite(device: BlockDevice): void {
  if (device.system)
    throw new SbcError(
      `${device.path} holds this machine's own system (/, /boot or /usr)`,
      'this is the system disk: pick the SD card or USB reader instead (lsblk -d -o NAME,SIZE,MODEL,TRAN)',
    );
  if (device.inUse.length)
    throw new SbcError(
      `${device.path} is in use: ${device.inUse.join(', ')}`,
      `unmount it first (umount ${device.path}*), then burn again`,
    );
  if (device.sizeBytes === 0)
    throw new SbcError(`${device.path} has no medium (size 0)`, 'insert the card, then burn again');
}

function mountedSources(): Array<{ source: string; where: string }> {
  return readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter((fields) => fields[0]?.startsWith('/dev/'))
    .map(([source, where]) => ({
      source: resolveName(source),
      where: `mounted on ${where.replace(/\\040/g, ' ')}`,
    }));
}

function swapSources(): Array<{ source: string; where: string }> {
  if (!existsSync('/proc/swaps')) return [];
  return readFileSync('/proc/swaps', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split(/\s+/)[0])
    .filter((source) => source?.startsWith('/dev/'))
    .map((source) => ({ source: resolveName(source), where: 'used as swap' }));
}

function systemDisks(): Set<string> {
  const wanted = new Set(['/', '/boot', '/boot/efi', '/boot/firmware', '/usr']);
  const disks = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([source, where]) => source?.startsWith('/dev/') && wanted.has(where))
    .map(([source]) => resolveName(source));
  return new Set(disks.flatMap((name) => [name, parentDisk(name)]));
}

function resolveName(source: string): string {
  try {
    return basename(realpathSync(source));
  } catch {
    return basename(source);
  }
}

/** `sdb1` -> `sdb`, `mmcblk0p2` -> `mmcblk0`, `loop3p1` -> `loop3`; a disk is its own parent. */
function parentDisk(name: string): string {
  if (!existsSync(`/sys/class/block/${name}/partition`)) return name;
  try {
    return basename(readlinkSync(`/sys/class/block/${name}`).replace(/\/[^/]+$/, ''));
  } catch {
    return name;
  }
}

/**
 * Attaches an image file as a loop device with its partitions, and waits until the kernel has
 * created their device nodes (they appear asynchronously, and without udev nobody announces them).
 */
export function attachImageFile(file: string, timeoutMs = 5000): string {
  const device = execFileSync('losetup', ['--find', '--show', '--partscan', file], {
    encoding: 'utf8',
  }).trim();
  const name = basename(device);
  // Some kernels skip the partition scan of a new loop device; partx adds what it finds (an error when already added).
  try {
    execFileSync('partx', ['-a', device], { stdio: 'ignore' });
  } catch {
    // already scanned by the kernel
  }
  const deadline = Date.now() + timeoutMs;
  const ready = () => {
    const partitions = readdirSync(`/sys/class/block/${name}`).filter(
      (entry) => entry.startsWith(name) && existsSync(`/sys/class/block/${entry}/partition`),
    );
    return partitions.length > 0 && partitions.every((partition) => existsSync(`/dev/${partition}`));
  };
  while (!ready()) {
    if (Date.now() > deadline) {
      execFileSync('losetup', ['-d', device]);
      throw new SbcError(
        `${file} shows no partitions when attached as ${device}`,
        'is it a whole-disk image (with a partition table)? fdisk -l shows it',
      );
    }
    execFileSync('sleep', ['0.05']);
  }
  return device;
}
