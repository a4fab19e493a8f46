import { RemoteConfigError } from '../errors';
import { parseIpv4Range } from './cidr';

describe('parseIpv4Range', () => {
  it('lists the hosts of a /24 without network and broadcast addresses', () => {
    const range = parseIpv4Range('192.168.1.77/24');
    expect(range.cidr).toBe('192.168.1.0/24');
    expect(range.addresses).toHaveLength(254);
    expect(range.addresses[0]).toBe('192.168.1.1');
    expect(range.addresses.at(-1)).toBe('192.168.1.254');
  });

  it.each([
    ['10.0.0.5', ['10.0.0.5']],
    ['10.0.0.4/31', ['10.0.0.4', '10.0.0.5']],
    ['10.0.0.4/30', ['10.0.0.5', '10.0.0.6']],
  ])('treats %s as %j', (cidr, addresses) => {
    expect(parseIpv4Range(cidr).addresses).toEqual(addresses);
  });

  it.each(['192.168.1.0/33', '192.168.256.0/24', 'fe80::/64', 'lan', '10.0.0/24'])(
    'refuses %j as not an IPv4 CIDR',
    (cidr) => {
      expect(() => parseIpv4Range(cidr)).toThrow(/is not an IPv4 CIDR/);
    },
  );

  it('refuses a range above the limit, saying how to lift it, and accepts it with a larger limit', () => {
    expect(() => parseIpv4Range('10.0.0.0/21')).toThrow(RemoteConfigError);
    expect(() => parseIpv4Range('10.0.0.0/21')).toThrow(
      /2048 addresses, more than the limit of 1024[\s\S]*--force/,
    );
    expect(parseIpv4Range('10.0.0.0/21', { maxAddresses: 65_536 }).addresses).toHaveLength(2046);
  });

  it('never scans more than a /16, whatever the limit asked for', () => {
    expect(() => parseIpv4Range('10.0.0.0/15', { maxAddresses: 1e9 })).toThrow(/absolute limit of 65536/);
  });
});
