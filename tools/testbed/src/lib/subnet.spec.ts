import { conflictingRoutes, gatewayAddress, hostAddress, parseSubnet } from './subnet';

describe('parseSubnet', () => {
  it('accepts a private /24 and derives the bridge and host addresses from it', () => {
    const subnet = parseSubnet('10.147.0.0/24');
    expect(gatewayAddress(subnet)).toBe('10.147.0.1');
    expect(hostAddress(subnet, 1)).toBe('10.147.0.11');
    expect(hostAddress(subnet, 16)).toBe('10.147.0.26');
  });

  it.each(['10.147.0.0/16', '10.147.0.5/24', '10.300.0.0/24', 'nonsense'])(
    'rejects %s, which is not a /24 network',
    (cidr) => {
      expect(() => parseSubnet(cidr)).toThrow(/not a \/24/);
    },
  );

  it('rejects a public range, because testbed traffic must stay on this machine', () => {
    expect(() => parseSubnet('8.8.8.0/24')).toThrow(/not a private/);
  });

  it('refuses host indexes outside the address plan', () => {
    const subnet = parseSubnet('192.168.77.0/24');
    expect(() => hostAddress(subnet, 0)).toThrow(/outside/);
    expect(() => hostAddress(subnet, 201)).toThrow(/outside/);
  });
});

describe('conflictingRoutes', () => {
  const subnet = parseSubnet('10.147.0.0/24');

  it('ignores the default route and routes on the testbed bridge itself', () => {
    const routes = [
      { dst: 'default', dev: 'eth0' },
      { dst: '10.147.0.0/24', dev: 'ptb-br0' },
      { dst: '192.0.2.0/24', dev: 'eth0' },
    ];
    expect(conflictingRoutes(subnet, routes, 'ptb-br0')).toEqual([]);
  });

  it('reports a route for the same /24 on another interface', () => {
    expect(conflictingRoutes(subnet, [{ dst: '10.147.0.0/24', dev: 'wg0' }], 'ptb-br0')).toEqual([
      { dst: '10.147.0.0/24', dev: 'wg0' },
    ]);
  });

  it('reports a wider route and a single-address route that overlap the subnet', () => {
    const routes = [
      { dst: '10.0.0.0/8', dev: 'vpn0' },
      { dst: '10.147.0.99', dev: 'tun0' },
      { dst: '10.148.0.0/24', dev: 'x' },
    ];
    expect(conflictingRoutes(subnet, routes, 'ptb-br0').map((route) => route.dst)).toEqual([
      '10.0.0.0/8',
      '10.147.0.99',
    ]);
  });
});
