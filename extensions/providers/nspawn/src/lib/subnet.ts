/** The bridge address (.1) and host addresses (.2-.254) of a /24 written `a.b.c.0/24`. */
export function subnetPrefix(subnet: string): string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/.exec(subnet);
  if (!match || match.slice(1).some((octet) => Number(octet) > 255))
    throw new Error(`subnet "${subnet}" is not a /24 such as 10.161.0.0/24`);
  return match.slice(1, 4).join('.');
}

export function gatewayAddress(subnet: string): string {
  return `${subnetPrefix(subnet)}.1`;
}

/** The lowest host address of the subnet not in `taken`; throws when all 253 are used. */
export function freeAddress(subnet: string, taken: ReadonlySet<string>): string {
  const prefix = subnetPrefix(subnet);
  for (let last = 2; last <= 254; last++) if (!taken.has(`${prefix}.${last}`)) return `${prefix}.${last}`;
  throw new Error(
    `subnet ${subnet} has no free address left (253 hosts); delete hosts or give new ones another bridge and subnet`,
  );
}
