/** The per-host files written into a host's overlay before it boots (pure text builders). */

export function hostsFile(name: string): string {
  // the host's own name must resolve, or sudo prints "unable to resolve host" on every call
  return `127.0.0.1\tlocalhost\n127.0.1.1\t${name}\n::1\tlocalhost ip6-localhost ip6-loopback\n`;
}

/** systemd-networkd file for the container side of the veth; it overrides the image's DHCP default. */
export function networkFile(address: string): string {
  // no Gateway: hosts reach the bridge and each other, nothing else
  return [
    '[Match]',
    'Name=host0',
    '',
    '[Network]',
    `Address=${address}/24`,
    'LinkLocalAddressing=no',
    'LLDP=no',
    'IPv6AcceptRA=no',
    '',
  ].join('\n');
}
