import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';

export interface LoopDevice {
  /** The backing file. */
  file: string;
  /** /dev/loopN */
  device: string;
  detach(): void;
}

/** Why loop-device tests cannot run here, or undefined when they can (root and losetup). */
export function loopDevicesUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (losetup, mount)';
  if (!existsSync('/dev/loop-control')) return 'no /dev/loop-control (loop module missing)';
  for (const tool of ['losetup', 'sfdisk', 'mkfs.vfat', 'mkfs.ext4', 'xz', 'mcopy']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is missing (apt-get install fdisk dosfstools e2fsprogs xz-utils mtools)`;
    }
  }
  return undefined;
}

/** A sparse file of `sizeMiB` attached as a loop device (with partition scanning). */
export function attachLoopDevice(file: string, sizeMiB: number): LoopDevice {
  const fd = openSync(file, 'w');
  try {
    ftruncateSync(fd, sizeMiB * 1024 * 1024);
  } finally {
    closeSync(fd);
  }
  const device = execFileSync('losetup', ['--find', '--show', '--partscan', file], {
    encoding: 'utf8',
  }).trim();
  return {
    file,
    device,
    detach: () => {
      try {
        execFileSync('losetup', ['-d', device], { stdio: 'ignore' });
      } catch {
        // already detached
      }
    },
  };
}

/**
 * The layout of a Raspberry Pi OS image on `device`: an MBR with a FAT32 boot partition (the
 * firmware, config.txt, cmdline.txt) and an ext4 root holding the directories first boot uses.
 */
export function buildPiImageLayout(device: LoopDevice, mountDir: string): void {
  execFileSync('sfdisk', ['--quiet', device.device], {
    input: 'label: dos\nstart=8192, size=65536, type=c\nstart=73728, type=83\n',
  });
  try {
    execFileSync('partx', ['-a', device.device], { stdio: 'ignore' });
  } catch {
    execFileSync('partx', ['-u', device.device], { stdio: 'ignore' });
  }
  for (let tries = 0; !existsSync(`${device.device}p2`) && tries < 100; tries++)
    execFileSync('sleep', ['0.05']);
  // FAT16 at this test size (FAT32 needs more than 32 MiB); the Pi firmware reads both.
  execFileSync('mkfs.vfat', ['-n', 'BOOTFS', `${device.device}p1`], { stdio: 'ignore' });
  execFileSync('mkfs.ext4', ['-q', '-L', 'rootfs', `${device.device}p2`]);
  const env = { ...process.env, MTOOLS_SKIP_CHECK: '1' };
  execFileSync('mkdir', ['-p', `${mountDir}/root`]);
  const bootFiles = {
    'cmdline.txt':
      'console=serial0,115200 console=tty1 root=PARTUUID=1234abcd-02 rootfstype=ext4 fsck.repair=yes rootwait quiet init=/usr/lib/raspberrypi-sys-mods/firstboot\n',
    'config.txt': '[all]\n',
  };
  for (const [name, content] of Object.entries(bootFiles)) {
    writeFileSync(`${mountDir}/${name}`, content);
    execFileSync('mcopy', ['-i', `${device.device}p1`, `${mountDir}/${name}`, `::/${name}`], {
      env,
      stdio: 'ignore',
    });
  }
  execFileSync('mount', [`${device.device}p2`, `${mountDir}/root`]);
  try {
    execFileSync('sh', [
      '-c',
      [
        `mkdir -p ${mountDir}/root/etc/ssh/sshd_config.d ${mountDir}/root/etc/NetworkManager/system-connections ${mountDir}/root/home`,
        `printf 'raspberrypi\\n' > ${mountDir}/root/etc/hostname`,
        `printf '127.0.0.1\\tlocalhost\\n127.0.1.1\\traspberrypi\\n' > ${mountDir}/root/etc/hosts`,
      ].join(' && '),
    ]);
  } finally {
    execFileSync('umount', [`${mountDir}/root`]);
  }
}

/** A file of a FAT partition, read with mtools (the kernel may have no vfat module). */
export function readFatFile(partition: string, path: string): string {
  return execFileSync('mtype', ['-i', partition, `::/${path}`], {
    encoding: 'utf8',
    env: { ...process.env, MTOOLS_SKIP_CHECK: '1' },
  });
}
