import { bridgeName, DEFAULT_SUBNET, hostName, testbedSettings } from './settings';

describe('testbedSettings', () => {
  it('defaults to the ptb instance under /var/lib and the cache under /var/cache', () => {
    const settings = testbedSettings({});
    expect(settings).toEqual({
      name: 'ptb',
      subnet: DEFAULT_SUBNET,
      stateDir: '/var/lib/provisioning-testbed/ptb',
      cacheDir: '/var/cache/provisioning-testbed',
      bootTimeoutSeconds: 120,
    });
    expect(bridgeName(settings)).toBe('ptb-br0');
    expect(hostName(settings, 3)).toBe('ptb-h3');
  });

  it('takes the instance name, subnet and directories from the environment', () => {
    const settings = testbedSettings({
      TESTBED_NAME: 'ci2',
      TESTBED_SUBNET: '10.148.0.0/24',
      TESTBED_STATE_ROOT: '/tmp/s',
      TESTBED_CACHE: '/tmp/c',
    });
    expect(settings.stateDir).toBe('/tmp/s/ci2');
    expect(settings.cacheDir).toBe('/tmp/c');
    expect(settings.subnet).toBe('10.148.0.0/24');
  });

  it('rejects an instance name that would make interface names longer than Linux allows', () => {
    expect(() => testbedSettings({ TESTBED_NAME: 'muchtoolong' })).toThrow(/1-6 lowercase/);
  });

  it('rejects a boot timeout that is not a positive number', () => {
    expect(() => testbedSettings({ TESTBED_BOOT_TIMEOUT: 'soon' })).toThrow(/TESTBED_BOOT_TIMEOUT/);
  });
});
