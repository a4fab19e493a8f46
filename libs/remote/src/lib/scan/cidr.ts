import { RemoteConfigError } from '../errors';

/** Largest range scanned without `force` (a /22), and the largest ever (a /16). */
export const DEFAULT_MAX_SCAN_ADDRESSES = 1024;
export const ABSOLUTE_MAX_SCAN_ADDRESSES = 65_536;

export interface Ipv4Range {
  /** The range as given, normalised (`192.168.1.0/24`). */
  cidr: string;
  /** Addresses that are scanned: every address, without network and broadcast for prefixes up to /30. */
  addresses: string[];
}

/**
 * Parses an IPv4 CIDR (or a single address) into the addresses a scan visits. Ranges larger than
 * `maxAddresses` are refused with the flag that lifts the limit; nothing past a /16 is ever scanned.
 */
export function parseIpv4Range(text: string, options: { maxAddresses?: number } = {}): Ipv4Range {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text.trim());
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match?.[5] === undefined ? 32 : Number(match[5]);
  if (!match || octets.some((octet) => octet > 255) || prefix > 32) {
    throw new RemoteConfigError(
      'scan',
      `"${text}" is not an IPv4 CIDR`,
      'give a network like 192.168.1.0/24, or one address like 192.168.1.20',
    );
  }
  const size = 2 ** (32 - prefix);
  const limit = Math.min(options.maxAddresses ?? DEFAULT_MAX_SCAN_ADDRESSES, ABSOLUTE_MAX_SCAN_ADDRESSES);
  if (size > limit) {
    const beyond = size > ABSOLUTE_MAX_SCAN_ADDRESSES;
    throw new RemoteConfigError(
      'scan',
      `${text} holds ${size} addresses, more than the ${beyond ? 'absolute ' : ''}limit of ${limit}`,
      beyond
        ? 'scan the /16 networks you mean one at a time'
        : 'narrow the range, or pass --force to scan up to a /16',
    );
  }
  const ip = octets.reduce((value, octet) => value * 256 + octet, 0);
  const network = ip - (ip % size);
  const first = prefix <= 30 ? network + 1 : network;
  const last = prefix <= 30 ? network + size - 2 : network + size - 1;
  const addresses: string[] = [];
  for (let value = first; value <= last; value++) addresses.push(formatIpv4(value));
  return { cidr: `${formatIpv4(network)}/${prefix}`, addresses };
}

function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}
