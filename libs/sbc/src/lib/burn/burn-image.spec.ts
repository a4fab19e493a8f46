import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { attachLoopDevice, type LoopDevice, loopDevicesUnavailable } from '../../testing/loop-device';
import { assertSafeToOverwrite, inspectBlockDevice } from './block-device';
import { burnImage } from './burn-image';

jest.setTimeout(60_000);

const unavailable = loopDevicesUnavailable();
const describeWithLoop = unavailable ? describe.skip : describe;
if (unavailable) console.warn(`burn tests SKIPPED: ${unavailable}`);

describeWithLoop('burnImage on a loop device', () => {
  let dir: string;
  let loop: LoopDevice;
  const image = randomBytes(1024 * 1024 + 12345);
  const written = (length = image.length) => readFileSync(loop.file).subarray(0, length);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'burn-'));
    loop = attachLoopDevice(join(dir, 'card.img'), 8);
  });
  afterEach(() => {
    loop.detach();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['a raw image', 'none', (file: string) => writeFileSync(file, image)],
    ['a gzip image', 'gzip', (file: string) => writeFileSync(file, gzipSync(image))],
    [
      'an xz image',
      'xz',
      (file: string) =>
        writeFileSync(file, execFileSync('xz', ['-c', '-0'], { input: image, maxBuffer: 1 << 26 })),
    ],
  ])('writes %s decompressed, reads it back and reports progress', async (_name, compression, make) => {
    const file = join(dir, 'image');
    make(file);
    const phases = new Set<string>();
    const result = await burnImage({
      image: file,
      device: loop.device,
      onProgress: (p) => phases.add(p.phase),
    });
    expect(result).toMatchObject({ device: loop.device, compression, bytesWritten: image.length });
    expect(written().equals(image)).toBe(true);
    expect([...phases]).toEqual(['write', 'verify']);
  });

  it('checks the sha256 of the image before writing anything', async () => {
    const file = join(dir, 'image.img');
    writeFileSync(file, image);
    await expect(burnImage({ image: file, device: loop.device, sha256: 'f'.repeat(64) })).rejects.toThrow(
      /has sha256 [0-9a-f]{64}, not f{64}/,
    );
    expect(written().every((byte) => byte === 0)).toBe(true);
    const ok = await burnImage({
      image: file,
      device: loop.device,
      sha256: execFileSync('sha256sum', [file], { encoding: 'utf8' }).slice(0, 64),
    });
    expect(ok.imageSha256).toHaveLength(64);
  });

  it('refuses an image larger than the device', async () => {
    const file = join(dir, 'big.img.gz');
    writeFileSync(file, gzipSync(Buffer.alloc(9 * 1024 * 1024, 1)));
    await expect(burnImage({ image: file, device: loop.device })).rejects.toThrow(/larger than/);
  });

  it('refuses a device with a mounted filesystem', async () => {
    execFileSync('mkfs.ext4', ['-q', loop.device]);
    mkdirSync(join(dir, 'mnt'));
    execFileSync('mount', [loop.device, join(dir, 'mnt')]);
    try {
      writeFileSync(join(dir, 'image.img'), image);
      await expect(burnImage({ image: join(dir, 'image.img'), device: loop.device })).rejects.toThrow(
        new RegExp(`${loop.device} is in use: mounted on ${join(dir, 'mnt')}`),
      );
    } finally {
      execFileSync('umount', [join(dir, 'mnt')]);
    }
  });

  it('refuses a partition and a file, naming what to give instead', () => {
    writeFileSync(join(dir, 'x'), '');
    expect(() => inspectBlockDevice(join(dir, 'x'))).toThrow(/is not a block device/);
    expect(() => inspectBlockDevice('/dev/does-not-exist')).toThrow(/does not exist/);
  });
});

// The disk this machine runs from, when / is on a block device (not in a container's overlay).
const rootDisk = readFileSync('/proc/self/mounts', 'utf8')
  .split('\n')
  .map((line) => line.split(' '))
  .find(([source, where]) => where === '/' && source.startsWith('/dev/'))?.[0];

(rootDisk ? it : it.skip)(
  `refuses the system disk (${rootDisk ?? 'root is not on a block device here'})`,
  () => {
    const name =
      execFileSync('lsblk', ['-n', '-o', 'PKNAME', rootDisk as string], { encoding: 'utf8' }).trim() ||
      (rootDisk as string).replace('/dev/', '');
    const disk = readdirSync('/sys/class/block').includes(name) ? `/dev/${name}` : (rootDisk as string);
    expect(() => assertSafeToOverwrite(inspectBlockDevice(disk))).toThrow(/holds this machine's own system/);
  },
);
