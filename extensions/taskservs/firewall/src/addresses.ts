/** An IPv4 or IPv6 address as a number and its width, or undefined when it is neither. */
function parseAddress(text: string): { value: bigint; bits: 32 | 128 } | undefined {
  if (/^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((part) => part > 255)) return undefined;
    return { value: parts.reduce((sum, part) => (sum << 8n) + BigInt(part), 0n), bits: 32 };
  }
  if (!text.includes(':')) return undefined;
  const [head, tail, extra] = text.split('::');
  if (extra !== undefined) return undefined;
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const all = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (all.some((group) => !/^[0-9A-Fa-f]{1,4}$/.test(group))) return undefined;
  return { value: all.reduce((sum, group) => (sum << 16n) + BigInt(parseInt(group, 16)), 0n), bits: 128 };
}

export function isIpv6(cidr: string): boolean {
  return cidr.includes(':');
}

/** Whether `address` lies in `cidr` (an address or a network); false when either does not parse. */
export function cidrContains(cidr: string, address: string): boolean {
  const [network, prefixText] = cidr.split('/');
  const net = parseAddress(network);
  const host = parseAddress(address.replace(/^::ffff:(?=[0-9.]+$)/, ''));
  if (!net || !host || net.bits !== host.bits) return false;
  const prefix = prefixText === undefined ? net.bits : Number(prefixText);
  if (prefix > net.bits) return false;
  const shift = BigInt(net.bits - prefix);
  return net.value >> shift === host.value >> shift;
}
