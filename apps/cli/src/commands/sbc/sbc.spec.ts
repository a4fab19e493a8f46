import {
  attachLoopDevice,
  buildPiImageLayout,
  type LoopDevice,
  loopDevicesUnavailable,
  readFatFile,
} from '@provisioning/sbc/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCliForTest } from '../../testing/run-cli-for-test';

jest.setTimeout(90_000);

const unavailable = loopDevicesUnavailable();
const describeWithLoop = unavailable ? describe.skip : describe;
if (unavailable) console.warn(`sbc CLI tests SKIPPED: ${unavailable}`);

describeWithLoop('provisioning sbc image', () => {
  let dir: string;
  let loop: LoopDevice;
  const cli = (...args: string[]) =>
    runCliForTest([...args, '--no-color'], {
      cwd: dir,
      env: { HOME: dir, PROVISIONING_SECRET_WIFI: 'very secret passphrase' },
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-sbc-'));
    loop = attachLoopDevice(join(dir, 'card.img'), 96);
  });
  afterEach(() => {
    loop.detach();
    rmSync(dir, { recursive: true, force: true });
  });

  it('burns a gzip image with --yes and reports the verified read-back', async () => {
    const image = randomBytes(512 * 1024);
    writeFileSync(join(dir, 'os.img.gz'), gzipSync(image));
    const run = await cli('sbc', 'image', 'burn', '--image', 'os.img.gz', '--device', loop.device, '--yes');
    expect(`${run.code}\n${run.stderr}`).toMatch(/^0\n/);
    expect(run.stdout).toMatch(
      new RegExp(
        `^Wrote 512 KiB \\(gzip\\) to ${loop.device} and read it back: sha256 [0-9a-f]{16}… matches`,
      ),
    );
    expect(readFileSync(loop.file).subarray(0, image.length).equals(image)).toBe(true);
  });

  it('refuses to overwrite a device unattended without --yes, and --check only says what would happen', async () => {
    writeFileSync(join(dir, 'os.img'), randomBytes(4096));
    const refused = await cli('sbc', 'image', 'burn', '--image', 'os.img', '--device', loop.device);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`this would overwrite ${loop.device} and nobody is there to confirm`);
    const check = await cli('sbc', 'image', 'burn', '--image', 'os.img', '--device', loop.device, '--check');
    expect(check.code).toBe(2);
    expect(
      readFileSync(loop.file)
        .subarray(0, 4096)
        .every((byte) => byte === 0),
    ).toBe(true);
  });

  it('configures a card with Wi-Fi from a secret, never printing the passphrase', async () => {
    buildPiImageLayout(loop, join(dir, 'build'));
    writeFileSync(
      join(dir, 'key.pub'),
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGxBDuVQOZbdVbbXOfjfW4zZ5d3ZV9xLZ0w1GPrkG9P6 me@laptop\n',
    );
    const run = await cli(
      'sbc',
      'image',
      'configure',
      '--device',
      loop.device,
      '--hostname',
      'pi-7',
      '--user',
      'ops',
      '--ssh-key',
      'key.pub',
      '--wifi-country',
      'gb',
      '--wifi-ssid',
      'Home',
      '--wifi-password-secret',
      'WIFI',
    );
    expect(`${run.code}\n${run.stderr}`).toMatch(/^0\n/);
    expect(run.stdout).toContain(
      'root:/etc/NetworkManager/system-connections/provisioning-wifi.nmconnection',
    );
    expect(run.stdout + run.stderr).not.toContain('very secret passphrase');
    expect(readFatFile(`${loop.device}p1`, 'cmdline.txt')).toContain('cfg80211.ieee80211_regdom=GB');
  });

  it('says which secret is missing and where it is looked for', async () => {
    writeFileSync(
      join(dir, 'key.pub'),
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGxBDuVQOZbdVbbXOfjfW4zZ5d3ZV9xLZ0w1GPrkG9P6 me@laptop\n',
    );
    const run = await cli(
      'sbc',
      'image',
      'configure',
      '--device',
      loop.device,
      '--hostname',
      'pi-7',
      '--user',
      'ops',
      '--ssh-key',
      'key.pub',
      '--wifi-country',
      'GB',
      '--wifi-ssid',
      'Home',
      '--wifi-password-secret',
      'NOPE',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no secret NOPE');
    expect(run.stderr).toContain('PROVISIONING_SECRET_NOPE');
  });
});
