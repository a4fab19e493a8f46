/** The per-host files written into a host's overlay before it boots (pure text builders). */

export function hostsFile(name: string, peers: readonly { name: string; address: string }[]): string {
  // the host's own name must resolve, or sudo prints "unable to resolve host" on every call
  const lines = ['127.0.0.1\tlocalhost', `127.0.1.1\t${name}`, '::1\tlocalhost ip6-localhost ip6-loopback'];
  for (const peer of peers) if (peer.name !== name) lines.push(`${peer.address}\t${peer.name}`);
  return `${lines.join('\n')}\n`;
}

/** systemd-networkd file for the container side of the veth; it overrides the image's DHCP default. */
export function networkFile(address: string): string {
  // no Gateway: the hosts reach the bridge and each other, nothing else (an air-gapped site)
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

/** uid and gid of a user in a passwd file's text. */
export function passwdIds(passwd: string, user: string): { uid: number; gid: number } {
  const line = passwd.split('\n').find((entry) => entry.startsWith(`${user}:`));
  const fields = line?.split(':');
  if (!fields || fields.length < 4)
    throw new Error(`user ${user} is missing from the base image's /etc/passwd; rebuild the base`);
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}
