import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  attachLoopDevice,
  buildPiImageLayout,
  type LoopDevice,
  loopDevicesUnavailable,
  readFatFile,
} from '../../testing/loop-device';
import { attachImageFile } from '../burn/block-device';
import { configureImage } from './configure-image';
import { wpaPsk } from './first-boot-config';

jest.setTimeout(60_000);

const unavailable = loopDevicesUnavailable();
const describeWithLoop = unavailable ? describe.skip : describe;
if (unavailable) console.warn(`image configure tests SKIPPED: ${unavailable}`);

const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGxBDuVQOZbdVbbXOfjfW4zZ5d3ZV9xLZ0w1GPrkG9P6 me@laptop';

describeWithLoop('configureImage on a Raspberry Pi OS partition layout', () => {
  let dir: string;
  let loop: LoopDevice;
  // The ext4 root is checked mounted; the FAT boot partition through mtools (this kernel has no vfat).
  const mountAndRead = (check: (boot: (path: string) => string, root: string) => void) => {
    const again = attachImageFile(loop.file);
    const mnt = join(dir, 'check');
    mkdirSync(join(mnt, 'root'), { recursive: true });
    execFileSync('mount', ['-o', 'ro', `${again}p2`, join(mnt, 'root')]);
    try {
      check((path) => readFatFile(`${again}p1`, path), join(mnt, 'root'));
    } finally {
      execFileSync('umount', [join(mnt, 'root')]);
      execFileSync('losetup', ['-d', again]);
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'configure-'));
    loop = attachLoopDevice(join(dir, 'raspios.img'), 96);
    buildPiImageLayout(loop, join(dir, 'build'));
  });
  afterEach(() => {
    loop.detach();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes hostname, key-only SSH for the user, Wi-Fi with a hashed passphrase and a static address into an image file', () => {
    loop.detach();
    const result = configureImage({
      image: loop.file,
      config: {
        hostname: 'pi-garage',
        user: { name: 'ops', sshKeys: [key] },
        wifi: { country: 'DE', ssid: 'Lab Net', password: 'correct horse battery' },
        staticIp: {
          interface: 'wlan0',
          address: '192.168.1.40/24',
          gateway: '192.168.1.1',
          dns: ['192.168.1.1', '9.9.9.9'],
        },
      },
    });
    expect(result.written).toEqual(
      expect.arrayContaining([
        'boot:/ssh',
        'boot:/userconf.txt',
        'boot:/cmdline.txt',
        'root:/etc/hostname',
        'root:/etc/hosts',
      ]),
    );
    expect(execFileSync('losetup', ['-j', loop.file], { encoding: 'utf8' })).toBe('');
    mountAndRead((boot, root) => {
      expect(boot('ssh')).toBe('');
      expect(boot('userconf.txt')).toMatch(/^ops:\$6\$[^:\s]+\n$/);
      expect(boot('cmdline.txt')).toMatch(/rootwait quiet init=\S+ cfg80211\.ieee80211_regdom=DE\n$/);
      expect(readFileSync(join(root, 'etc/hostname'), 'utf8')).toBe('pi-garage\n');
      expect(readFileSync(join(root, 'etc/hosts'), 'utf8')).toBe(
        '127.0.0.1\tlocalhost\n127.0.1.1\tpi-garage\n',
      );
      expect(readFileSync(join(root, 'etc/ssh/authorized_keys/ops'), 'utf8')).toBe(`${key}\n`);
      expect(readFileSync(join(root, 'etc/ssh/sshd_config.d/50-provisioning.conf'), 'utf8')).toContain(
        'PasswordAuthentication no',
      );
      const wifi = join(root, 'etc/NetworkManager/system-connections/provisioning-wifi.nmconnection');
      expect(statSync(wifi).mode & 0o777).toBe(0o600);
      const text = readFileSync(wifi, 'utf8');
      expect(text).toContain('ssid=Lab Net\n');
      expect(text).toContain(`psk=${wpaPsk('Lab Net', 'correct horse battery')}\n`);
      expect(text).not.toContain('correct horse battery');
      expect(text).toContain(
        'method=manual\naddress1=192.168.1.40/24,192.168.1.1\ndns=192.168.1.1;9.9.9.9;\n',
      );
    });
  });

  it('configures a card (device) for DHCP without Wi-Fi, and a second run replaces rather than repeats', () => {
    const config = { hostname: 'pi-1', user: { name: 'pi', sshKeys: [key] } };
    configureImage({ device: loop.device, config });
    configureImage({ device: loop.device, config: { ...config, hostname: 'pi-2' } });
    loop.detach();
    mountAndRead((boot, root) => {
      expect(readFileSync(join(root, 'etc/hosts'), 'utf8')).toBe('127.0.0.1\tlocalhost\n127.0.1.1\tpi-2\n');
      expect(boot('cmdline.txt')).not.toContain('cfg80211');
      expect(() =>
        statSync(join(root, 'etc/NetworkManager/system-connections/provisioning-wifi.nmconnection')),
      ).toThrow(/ENOENT/);
    });
  });

  it('refuses a mounted card and a configuration without an SSH key, changing nothing', () => {
    expect(() =>
      configureImage({
        device: loop.device,
        config: { hostname: 'pi-1', user: { name: 'pi', sshKeys: [] } },
      }),
    ).toThrow(/at least one SSH public key/);
    mkdirSync(join(dir, 'm'));
    execFileSync('mount', [`${loop.device}p2`, join(dir, 'm')]);
    try {
      expect(() =>
        configureImage({
          device: loop.device,
          config: { hostname: 'pi-1', user: { name: 'pi', sshKeys: [key] } },
        }),
      ).toThrow(/is in use: mounted on/);
    } finally {
      execFileSync('umount', [join(dir, 'm')]);
    }
  });
});
