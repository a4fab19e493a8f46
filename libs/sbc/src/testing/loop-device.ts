import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, openSync } from 'node:fs';

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
  for (const tool of ['losetup', 'sfdisk', 'mkfs.vfat', 'mkfs.ext4', 'xz']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is missing (apt-get install fdisk dosfstools e2fsprogs xz-utils)`;
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
  execFileSync('losetup', ['-c', device.device]);
  execFileSync('partx', ['-u', device.device], { stdio: 'ignore' });
  execFileSync('mkfs.vfat', ['-F', '32', '-n', 'bootfs', `${device.device}p1`], { stdio: 'ignore' });
  execFileSync('mkfs.ext4', ['-q', '-L', 'rootfs', `${device.device}p2`]);
  execFileSync('mkdir', ['-p', `${mountDir}/boot`, `${mountDir}/root`]);
  execFileSync('mount', [`${device.device}p1`, `${mountDir}/boot`]);
  execFileSync('mount', [`${device.device}p2`, `${mountDir}/root`]);
  try {
    execFileSync('sh', [
      '-c',
      [
        `printf 'console=serial0,115200 console=tty1 root=PARTUUID=1234abcd-02 rootfstype=ext4 fsck.repair=yes rootwait quiet init=/usr/lib/raspberrypi-sys-mods/firstboot\\n' > ${mountDir}/boot/cmdline.txt`,
        `printf '[all]\\n' > ${mountDir}/boot/config.txt`,
        `mkdir -p ${mountDir}/root/etc/ssh/sshd_config.d ${mountDir}/root/etc/NetworkManager/system-connections ${mountDir}/root/home`,
        `printf 'raspberrypi\\n' > ${mountDir}/root/etc/hostname`,
        `printf '127.0.0.1\\tlocalhost\\n127.0.1.1\\traspberrypi\\n' > ${mountDir}/root/etc/hosts`,
      ].join(' && '),
    ]);
  } finally {
    execFileSync('umount', [`${mountDir}/boot`]);
    execFileSync('umount', [`${mountDir}/root`]);
  }
}
