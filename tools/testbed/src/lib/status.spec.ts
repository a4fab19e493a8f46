import { formatStatus, type TestbedStatus } from './status';
import { testbedSettings } from './settings';

describe('formatStatus', () => {
  const settings = testbedSettings({});

  it('says down when no testbed is recorded', () => {
    expect(formatStatus(settings, { up: false, healthy: false, hosts: [] })).toBe('testbed ptb: down');
  });

  it('flags an unhealthy testbed and names the host that does not answer SSH', () => {
    const result: TestbedStatus = {
      up: true,
      healthy: false,
      bridge: { name: 'ptb-br0', present: true },
      artifactServer: { url: 'http://10.147.0.1:8080/', running: true },
      hosts: [
        { name: 'ptb-h1', address: '10.147.0.11', running: true, sshAnswers: true, memoryKiB: 13 * 1024 },
        { name: 'ptb-h2', address: '10.147.0.12', running: true, sshAnswers: false, memoryKiB: 12 * 1024 },
      ],
    };
    const lines = formatStatus(settings, result).split('\n');
    expect(lines[0]).toContain('up, UNHEALTHY');
    expect(lines[3]).toMatch(/ptb-h1 +10\.147\.0\.11 +ssh ok +13\.0 MiB PSS/);
    expect(lines[4]).toMatch(/ptb-h2 +10\.147\.0\.12 +NO SSH/);
  });
});
