import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  assertSafeToOverwrite,
  attachImageFile,
  type BlockDevice,
  inspectBlockDevice,
} from '../burn/block-device';
import { SbcError } from '../errors';
import {
  type FirstBootConfig,
  type FirstBootFiles,
  firstBootFiles,
  withCmdlineParameters,
  withHostname,
} from './first-boot-config';

export interface ConfigureOptions {
  /** An image file (attached as a loop device for the change), or ... */
  image?: string;
  /** ... a card holding the image (not mounted). */
  device?: string;
  config: FirstBootConfig;
}

export interface ConfigureResult {
  target: string;
  /** Paths written, as `boot:/ssh`, `root:/etc/hostname`. */
  written: string[];
}

const run = (program: string, args: string[], input?: string) =>
  execFileSync(program, args, {
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, MTOOLS_SKIP_CHECK: '1' },
  });

/**
 * The FAT boot partition is read and written with mtools, in user space: no vfat module needed
 * (some kernels, like this project's CI machines, have none) and nothing mounted for it.
 */
const fat = {
  read: (partition: string, path: string): string | undefined => {
    try {
      return run('mtype', ['-i', partition, `::/${path}`]);
    } catch {
      return undefined;
    }
  },
  write: (partition: string, path: string, content: string, scratch: string) => {
    const local = join(scratch, 'fat-file');
    writeFileSync(local, content);
    run('mcopy', ['-o', '-i', partition, local, `::/${path}`]);
    rmSync(local);
  },
};

/**
 * Writes first-boot configuration into a Raspberry Pi OS image or card without booting it: mounts
 * its FAT boot and ext4 root partitions in a private temp dir, writes the files (each through a
 * temp file and a rename), updates cmdline.txt and /etc/hosts, and unmounts. Needs root (mount).
 */
export function configureImage(options: ConfigureOptions): ConfigureResult {
  if (Boolean(options.image) === Boolean(options.device))
    throw new SbcError(
      'give either an image file or a device',
      'sbc image configure --image FILE or --device /dev/X',
    );
  const files = firstBootFiles(options.config, randomPasswordHash());
  let loop: string | undefined;
  let device = options.device;
  if (options.image) {
    if (!existsSync(options.image))
      throw new SbcError(
        `image ${options.image} does not exist`,
        'give the path of a decompressed .img file',
      );
    loop = attachImageFile(options.image);
    device = loop;
  }
  const dir = mkdtempSync(join(tmpdir(), 'provisioning-sbc-'));
  const mounted: string[] = [];
  try {
    const target = inspectBlockDevice(device as string);
    assertSafeToOverwrite(target);
    const { boot, root } = findPartitions(target);
    mkdirSync(join(dir, 'root'));
    run('mount', [root, join(dir, 'root')]);
    mounted.push(join(dir, 'root'));
    const written = writeFiles(boot, join(dir, 'root'), dir, files);
    return { target: options.image ?? target.path, written };
  } finally {
    cleanUp(mounted, loop, dir);
  }
}

/** Unmounts, detaches and removes the temp dir; a mount that will not go is left for the user to see. */
function cleanUp(mounted: string[], loop: string | undefined, dir: string): void {
  const stuck: string[] = [];
  for (const mountPoint of mounted.reverse()) {
    try {
      run('umount', [mountPoint]);
    } catch {
      stuck.push(mountPoint);
    }
  }
  if (stuck.length) {
    throw new SbcError(
      `could not unmount ${stuck.join(', ')}`,
      `unmount it by hand (umount ${stuck.join(' ')})${loop ? ` and detach ${loop} (losetup -d ${loop})` : ''}`,
    );
  }
  if (loop) run('losetup', ['-d', loop]);
  rmSync(dir, { recursive: true, force: true });
}

function writeFiles(bootPartition: string, root: string, scratch: string, files: FirstBootFiles): string[] {
  const cmdline = fat.read(bootPartition, 'cmdline.txt');
  if (cmdline === undefined)
    throw new SbcError(
      'the first partition has no cmdline.txt: this is not a Raspberry Pi OS image',
      'configure works on Raspberry Pi OS (Bookworm or later) images',
    );
  if (!existsSync(join(root, 'etc')))
    throw new SbcError(
      'the second partition has no /etc: this is not a Raspberry Pi OS root filesystem',
      'configure works on Raspberry Pi OS (Bookworm or later) images',
    );
  const written: string[] = [];
  const putRoot = (path: string, content: string, mode: number) => {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.provisioning-tmp`;
    writeFileSync(temp, content, { mode });
    chmodSync(temp, mode);
    renameSync(temp, target);
    written.push(`root:/${path}`);
  };
  const putBoot = (path: string, content: string) => {
    fat.write(bootPartition, path, content, scratch);
    written.push(`boot:/${path}`);
  };
  for (const [path, file] of Object.entries(files.boot)) putBoot(path, file.content);
  for (const [path, file] of Object.entries(files.root)) putRoot(path, file.content, file.mode);
  const hostname = files.root['etc/hostname'].content.trim();
  putRoot(
    'etc/hosts',
    withHostname(
      existsSync(join(root, 'etc/hosts'))
        ? readFileSync(join(root, 'etc/hosts'), 'utf8')
        : '127.0.0.1\tlocalhost\n',
      hostname,
    ),
    0o644,
  );
  if (files.cmdline.length) putBoot('cmdline.txt', withCmdlineParameters(cmdline, files.cmdline));
  return written;
}

/** Boot: the first vfat partition; root: the first ext4 one (the Raspberry Pi OS layout). Probed with blkid (no udev needed). */
function findPartitions(device: BlockDevice): { boot: string; root: string } {
  const typed = [...device.partitions].sort(byNumber).map((name) => {
    try {
      return {
        path: `/dev/${name}`,
        type: run('blkid', ['-p', '-o', 'value', '-s', 'TYPE', `/dev/${name}`]).trim(),
      };
    } catch {
      return { path: `/dev/${name}`, type: '' };
    }
  });
  const boot = typed.find((partition) => partition.type === 'vfat')?.path;
  const root = typed.find((partition) => partition.type === 'ext4')?.path;
  if (!boot || !root)
    throw new SbcError(
      `${device.path} does not have a FAT boot and an ext4 root partition`,
      'is it a Raspberry Pi OS image? (lsblk -f shows its partitions)',
    );
  return { boot, root };
}

const byNumber = (a: string, b: string) =>
  Number(/(\d+)$/.exec(a)?.[1] ?? 0) - Number(/(\d+)$/.exec(b)?.[1] ?? 0);

/** A SHA-512 crypt hash of a random password that is never shown: the user exists, but no password opens it. */
export function randomPasswordHash(): string {
  try {
    return run('openssl', ['passwd', '-6', '-stdin'], randomBytes(24).toString('base64')).trim();
  } catch (error) {
    throw new SbcError(`openssl could not hash a password: ${(error as Error).message}`, 'install openssl');
  }
}
