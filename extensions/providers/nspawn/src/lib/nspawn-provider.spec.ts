import { parseProviderOptions } from '@provisioning/sdk';
import { machineIdFor, nspawn } from './nspawn-provider';
import { freeAddress, gatewayAddress } from './subnet';

// Each test starts servers or processes: generous on a loaded machine (5 s timed out at load 70).
jest.setTimeout(60_000);

describe('nspawn provider, without booting anything', () => {
  it('derives one short machine id per client token, so a retried create finds its host', () => {
    expect(machineIdFor('prod/web-1/1')).toBe(machineIdFor('prod/web-1/1'));
    expect(machineIdFor('prod/web-1/1')).not.toBe(machineIdFor('prod/web-2/1'));
    // nspawn names the veth vb-<machine> and cuts it to 15 characters
    expect(`vb-${machineIdFor('x')}`.length).toBeLessThanOrEqual(15);
  });

  it('works with no provider_options at all: its own bridge, subnet and state directory', () => {
    const options = parseProviderOptions(nspawn, undefined, 'web-1');
    expect(options).toMatchObject({
      bridge: 'pnsp-br0',
      subnet: '10.161.0.0/24',
      state_dir: '/var/lib/provisioning-nspawn',
      suite: 'bookworm',
      bind_ro: [],
    });
    expect(nspawn.placement(options)).toEqual({
      zone: 'local:pnsp-br0 (10.161.0.0/24)',
      plan: 'container',
      image: 'debian-bookworm',
    });
  });

  it('names the field of provider_options that cannot work', () => {
    expect(() =>
      parseProviderOptions(nspawn, { bridge: 'a-bridge-name-too-long', rootfs: 'relative/path' }, 'web-1'),
    ).toThrow(
      /bridge: bridge must be an interface name of 1-15[\s\S]*rootfs: rootfs must be an absolute path/,
    );
  });

  it('refuses an id that is not one of its machines before touching any path', async () => {
    const ctx = { options: parseProviderOptions(nspawn, {}, 'x'), secrets: {}, log: () => undefined };
    await expect(nspawn.get(ctx, '../../etc')).rejects.toThrow('"../../etc" is not an nspawn machine id');
  });
});

describe('subnet addresses', () => {
  it('gives the bridge .1 and hosts the lowest free address from .2', () => {
    expect(gatewayAddress('10.161.0.0/24')).toBe('10.161.0.1');
    expect(freeAddress('10.161.0.0/24', new Set(['10.161.0.2', '10.161.0.4']))).toBe('10.161.0.3');
  });

  it('says so when all 253 host addresses are taken', () => {
    const all = new Set(Array.from({ length: 253 }, (_, index) => `10.161.0.${index + 2}`));
    expect(() => freeAddress('10.161.0.0/24', all)).toThrow('subnet 10.161.0.0/24 has no free address left');
  });
});
