import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { LocalTestExecutor } from '../testing/local-executor';
import { gatherServerFacts, parseServerFacts } from './server-facts';

const sh = (command: string) => execFileSync('sh', ['-c', command], { encoding: 'utf8' }).trim();

describe('server facts', () => {
  it('reads OS, kernel, CPU, memory, filesystems and uptime of this machine in one round trip', async () => {
    const executor = new LocalTestExecutor();
    const facts = await gatherServerFacts(executor);
    expect(executor.calls).toHaveLength(1);
    expect(facts.kernel).toBe(sh('uname -r'));
    expect(facts.arch).toBe(sh('uname -m'));
    expect(facts.os.id).toBe('debian');
    expect(facts.os.prettyName).toMatch(/Debian/);
    expect(facts.cpu.count).toBe(Number(sh('nproc')));
    expect(facts.cpu.model).toBe(cpus()[0].model.trim().replace(/\s+/g, ' '));
    expect(facts.memory.totalBytes).toBe(totalmem());
    expect(facts.memory.availableBytes).toBeGreaterThan(0);
    expect(facts.filesystems.find((fs) => fs.mount === '/')?.sizeBytes).toBeGreaterThan(0);
    expect(facts.uptimeSeconds).toBeGreaterThan(0);
  });

  it('parses lsblk disks, ip addresses and df lines, leaving out partitions and loopback', () => {
    const facts = parseServerFacts(
      [
        'disk=NAME="sda" SIZE="512110190592" TYPE="disk" MODEL="Samsung SSD 860"',
        'disk=NAME="loop0" SIZE="4096" TYPE="loop" MODEL=""',
        'disk=NAME="mmcblk0" SIZE="31914983424" TYPE="disk" MODEL=""',
        'addr=lo\tinet\t127.0.0.1/8',
        'addr=eth0@if12\tinet\t10.0.0.5/24',
        'addr=eth0@if12\tinet6\tfe80::1/64',
        'fs=/boot/firmware\t/dev/mmcblk0p1\t522224\t62048',
        'rootfs=/\toverlay\t1000\t500',
        'mem_total_kb=2048',
        'uptime=12.5',
        'cpus=4',
      ].join('\n'),
    );
    expect(facts.disks).toEqual([
      { name: 'sda', sizeBytes: 512110190592, model: 'Samsung SSD 860' },
      { name: 'mmcblk0', sizeBytes: 31914983424, model: '' },
    ]);
    expect(facts.addresses).toEqual([
      { interface: 'eth0', family: 'inet', address: '10.0.0.5', prefix: 24 },
      { interface: 'eth0', family: 'inet6', address: 'fe80::1', prefix: 64 },
    ]);
    expect(facts.filesystems).toEqual([
      {
        mount: '/boot/firmware',
        source: '/dev/mmcblk0p1',
        sizeBytes: 522224 * 1024,
        usedBytes: 62048 * 1024,
      },
      { mount: '/', source: 'overlay', sizeBytes: 1024000, usedBytes: 512000 },
    ]);
    expect(facts.memory).toEqual({ totalBytes: 2048 * 1024, availableBytes: null });
    expect(facts.uptimeSeconds).toBe(13);
    expect(facts.cpu).toEqual({ model: null, count: 4 });
  });
});
