import { command, quote } from '@provisioning/sdk';
import { execInHost, status, testbedSettings } from '@provisioning/testbed';
import { createHash, randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { waitUntil } from '../support/wait-until';

// Checks of the testbed itself, made out of band (nsenter), so they hold whatever libs/remote does.
describeOnTestbed('testbed hosts', (testbed) => {
  const settings = testbedSettings();
  const inHost = async (host: string, script: string, timeoutMs?: number): Promise<string> =>
    (await execInHost(settings, host, script, timeoutMs)).stdout.trim();

  it('runs real systemd as PID 1 in every host, with no failed units', async () => {
    for (const host of testbed().hosts) {
      expect(await inHost(host.name, 'cat /proc/1/comm')).toBe('systemd');
      expect(await inHost(host.name, 'systemctl is-system-running --wait || true')).toBe('running');
    }
  });

  it('gives every host its own hostname and machine-id', async () => {
    const hosts = testbed().hosts;
    const names = await Promise.all(hosts.map((host) => inHost(host.name, 'hostname')));
    const ids = await Promise.all(hosts.map((host) => inHost(host.name, 'cat /etc/machine-id')));
    expect(names).toEqual(hosts.map((host) => host.name));
    expect(new Set(ids).size).toBe(hosts.length);
  });

  it('lets hosts reach each other on the bridge but routes nothing off it', async () => {
    const [first, second] = [hostAt(testbed(), 1), hostAt(testbed(), 2)];
    expect(
      await inHost(second.name, `exec 3<>${quote(`/dev/tcp/${first.address}/22`)} && head -c 4 <&3`),
    ).toBe('SSH-');
    expect(await inHost(first.name, 'ip -4 route show default')).toBe('');
  });

  it('serves artifacts over HTTP on the bridge for hosts to download and verify', async () => {
    const { artifacts } = testbed();
    const name = `artifact-${randomBytes(4).toString('hex')}.bin`;
    const content = randomBytes(64 * 1024);
    writeFileSync(join(artifacts.dir, name), content);
    try {
      const download =
        'import hashlib,sys,urllib.request; print(hashlib.sha256(urllib.request.urlopen(sys.argv[1]).read()).hexdigest())';
      const fetched = await inHost(
        hostAt(testbed(), 1).name,
        command('python3', '-c', download, `${artifacts.url}${name}`),
      );
      expect(fetched).toBe(createHash('sha256').update(content).digest('hex'));
    } finally {
      rmSync(join(artifacts.dir, name));
    }
  });

  it('comes back after a reboot inside the host, keeping its identity (nspawn exit code 133 is relaunched)', async () => {
    const host = hostAt(testbed(), 3).name;
    // nspawn gives every container boot its own boot_id
    // nsenter into a host that is going down can hang: each probe gets 5 s
    const bootId = (): Promise<string | undefined> =>
      inHost(host, 'cat /proc/sys/kernel/random/boot_id', 5000).catch(() => undefined);
    const before = await bootId();
    const machineId = await inHost(host, 'cat /etc/machine-id');
    await execInHost(settings, host, 'systemctl reboot').catch(() => undefined); // nsenter may lose its target mid-call
    await waitUntil(
      async () => ![undefined, before].includes(await bootId()),
      `${host} booted again`,
      60_000,
    );
    await waitUntil(
      async () => (await status(settings)).hosts.find((entry) => entry.name === host)?.sshAnswers === true,
      `${host} answers SSH again`,
      60_000,
    );
    expect(await inHost(host, 'cat /etc/machine-id')).toBe(machineId);
    expect(await inHost(host, 'systemctl is-system-running --wait || true')).toBe('running');
  });
});
