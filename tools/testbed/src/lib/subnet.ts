/** Address arithmetic for the testbed's private /24: .1 is the bridge, host N is .(10 + N). */
export interface Subnet {
  readonly cidr: string;
  /** First three octets, e.g. "10.147.0". */
  readonly prefix: string;
}

export const FIRST_HOST_OCTET = 10;
export const MAX_HOSTS = 200;

export function parseSubnet(cidr: string): Subnet {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/.exec(cidr);
  if (!match || match.slice(1).some((octet) => Number(octet) > 255)) {
    throw new Error(`testbed subnet "${cidr}" is not a /24 like 10.147.0.0/24 (set TESTBED_SUBNET)`);
  }
  const [a, b] = [Number(match[1]), Number(match[2])];
  const isPrivate = a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  if (!isPrivate) {
    throw new Error(
      `testbed subnet "${cidr}" is not a private (RFC 1918) range; traffic must stay on this machine`,
    );
  }
  return { cidr, prefix: `${match[1]}.${match[2]}.${match[3]}` };
}

export function gatewayAddress(subnet: Subnet): string {
  return `${subnet.prefix}.1`;
}

export function hostAddress(subnet: Subnet, index: number): string {
  if (!Number.isInteger(index) || index < 1 || index > MAX_HOSTS) {
    throw new Error(`host index ${index} is outside 1..${MAX_HOSTS}`);
  }
  return `${subnet.prefix}.${FIRST_HOST_OCTET + index}`;
}

/** One row of `ip -j route show table all`, reduced to what the overlap check needs. */
export interface RouteEntry {
  readonly dst: string;
  readonly dev?: string;
}

function toNumber(address: string): number {
  return address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function range(cidr: string): [number, number] | undefined {
  if (cidr === 'default') return [0, 2 ** 32 - 1];
  const [address, bitsText] = cidr.split('/');
  if (!address || !/^\d+\.\d+\.\d+\.\d+$/.test(address)) return undefined;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const size = 2 ** (32 - bits);
  const start = Math.floor(toNumber(address) / size) * size;
  return [start, start + size - 1];
}

/**
 * Routes that already cover part of the subnet, other than the default route (which covers
 * everything and only means "the internet") and routes on the testbed's own bridge.
 */
export function conflictingRoutes(
  subnet: Subnet,
  routes: readonly RouteEntry[],
  ownBridge: string,
): RouteEntry[] {
  const [start, end] = range(subnet.cidr) as [number, number];
  return routes.filter((route) => {
    if (route.dst === 'default' || route.dev === ownBridge) return false;
    const other = range(route.dst);
    return other !== undefined && other[0] <= end && start <= other[1];
  });
}
