import { pbkdf2Sync, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SbcError } from '../errors';

const ipv4 = z.string().regex(/^(\d{1,3})(\.\d{1,3}){3}$/, 'an IPv4 address like 192.168.1.20');

export const firstBootConfigSchema = z.strictObject({
  hostname: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, 'a host name: letters, digits and dashes, at most 63'),
  user: z.strictObject({
    name: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a Linux user name (lowercase, at most 32)'),
    /** Public keys, one per entry (`ssh-ed25519 AAAA... comment`). */
    sshKeys: z
      .array(
        z
          .string()
          .regex(
            /^(ssh-(ed25519|rsa)|ecdsa-sha2-nistp(256|384|521)|sk-\S+) [A-Za-z0-9+/=]+( [^\n]*)?$/,
            'an OpenSSH public key line',
          ),
      )
      .min(1, 'at least one SSH public key (password login is disabled)'),
  }),
  wifi: z
    .strictObject({
      /** ISO 3166 country code: sets the regulatory domain (the radio stays off without it). */
      country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code like GB or DE'),
      ssid: z
        .string()
        .min(1)
        .max(32)
        .regex(/^[^\n\r]+$/, 'an SSID without line breaks'),
      password: z
        .string()
        .min(8, 'a WPA passphrase of 8 to 63 characters')
        .max(63, 'a WPA passphrase of 8 to 63 characters'),
    })
    .optional(),
  /** Absent: DHCP everywhere. */
  staticIp: z
    .strictObject({
      interface: z.enum(['eth0', 'wlan0']).default('eth0'),
      address: z
        .string()
        .regex(/^(\d{1,3})(\.\d{1,3}){3}\/\d{1,2}$/, 'an address with prefix like 192.168.1.20/24'),
      gateway: ipv4,
      dns: z.array(ipv4).default([]),
    })
    .optional(),
});
export type FirstBootConfig = z.input<typeof firstBootConfigSchema>;
type Parsed = z.output<typeof firstBootConfigSchema>;

export interface ImageFile {
  content: string;
  mode: number;
}

export interface FirstBootFiles {
  /** On the FAT boot partition (Raspberry Pi OS reads `ssh` and `userconf.txt` at first boot). */
  boot: Record<string, ImageFile>;
  /** On the root filesystem, owned by root. */
  root: Record<string, ImageFile>;
  /** Kernel command line parameters to set in cmdline.txt (`key=value`, replacing the same key). */
  cmdline: string[];
}

export function parseFirstBootConfig(input: unknown): Parsed {
  const parsed = firstBootConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SbcError(
      `${issue.path.join('.') || 'configuration'}: ${issue.message}`,
      'fix that value; docs/sbc.md lists every setting',
    );
  }
  if (parsed.data.staticIp?.interface === 'wlan0' && !parsed.data.wifi)
    throw new SbcError(
      'a static address on wlan0 needs Wi-Fi settings',
      'pass --wifi-ssid, --wifi-country and the password secret, or use eth0',
    );
  return parsed.data;
}

/**
 * The files that make a Raspberry Pi OS (Bookworm: NetworkManager, userconf) image boot into a
 * configured host: SSH on with key login only, the user (its password a random hash nobody
 * knows), hostname, Wi-Fi with the passphrase stored as its WPA-PSK hash, static IP or DHCP.
 * `passwordHash` is a crypt(3) hash of a random password (from `randomPasswordHash`).
 */
export function firstBootFiles(input: FirstBootConfig, passwordHash: string): FirstBootFiles {
  const config = parseFirstBootConfig(input);
  const root: Record<string, ImageFile> = {
    'etc/hostname': { content: `${config.hostname}\n`, mode: 0o644 },
    'etc/ssh/sshd_config.d/50-provisioning.conf': {
      content: [
        '# Written by provisioning sbc image configure: key login only.',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin no',
        // Keys live outside the home directory, so they work before first boot creates the user.
        'AuthorizedKeysFile .ssh/authorized_keys /etc/ssh/authorized_keys/%u',
        '',
      ].join('\n'),
      mode: 0o644,
    },
    [`etc/ssh/authorized_keys/${config.user.name}`]: {
      content: `${config.user.sshKeys.join('\n')}\n`,
      mode: 0o644,
    },
  };
  const staticFor = (name: 'eth0' | 'wlan0') =>
    config.staticIp?.interface === name ? config.staticIp : undefined;
  if (config.wifi) {
    root['etc/NetworkManager/system-connections/provisioning-wifi.nmconnection'] = {
      content: nmConnection('provisioning-wifi', 'wifi', 'wlan0', staticFor('wlan0'), [
        '[wifi]',
        'mode=infrastructure',
        `ssid=${keyfileString(config.wifi.ssid)}`,
        '',
        '[wifi-security]',
        'key-mgmt=wpa-psk',
        `psk=${wpaPsk(config.wifi.ssid, config.wifi.password)}`,
      ]),
      mode: 0o600,
    };
  }
  if (staticFor('eth0')) {
    root['etc/NetworkManager/system-connections/provisioning-eth0.nmconnection'] = {
      content: nmConnection('provisioning-eth0', 'ethernet', 'eth0', staticFor('eth0'), []),
      mode: 0o600,
    };
  }
  return {
    boot: {
      ssh: { content: '', mode: 0o644 },
      'userconf.txt': { content: `${config.user.name}:${passwordHash}\n`, mode: 0o644 },
    },
    root,
    cmdline: config.wifi ? [`cfg80211.ieee80211_regdom=${config.wifi.country}`] : [],
  };
}

/** The 64-hex WPA-PSK NetworkManager accepts instead of the passphrase (PBKDF2-SHA1, SSID as salt, 4096 rounds). */
export function wpaPsk(ssid: string, passphrase: string): string {
  return pbkdf2Sync(passphrase, ssid, 4096, 32, 'sha1').toString('hex');
}

/** Sets `key=value` parameters on a kernel command line (one line), replacing any with the same key. */
export function withCmdlineParameters(cmdline: string, parameters: readonly string[]): string {
  const keys = new Set(parameters.map((parameter) => parameter.split('=')[0]));
  const kept = cmdline
    .trim()
    .split(/\s+/)
    .filter((word) => word && !keys.has(word.split('=')[0]));
  return `${[...kept, ...parameters].join(' ')}\n`;
}

/** Replaces the 127.0.1.1 line of /etc/hosts (Debian's own-name line), or adds one. */
export function withHostname(hosts: string, hostname: string): string {
  const lines = hosts.split('\n').filter((line) => !/^127\.0\.1\.1\s/.test(line));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return `${[...lines, `127.0.1.1\t${hostname}`].join('\n')}\n`;
}

function nmConnection(
  id: string,
  type: 'wifi' | 'ethernet',
  iface: string,
  staticIp: Parsed['staticIp'],
  body: string[],
): string {
  const ipv4 = staticIp
    ? [
        'method=manual',
        `address1=${staticIp.address},${staticIp.gateway}`,
        ...(staticIp.dns.length ? [`dns=${staticIp.dns.join(';')};`] : []),
      ]
    : ['method=auto'];
  return [
    '[connection]',
    `id=${id}`,
    `uuid=${randomUUID()}`,
    `type=${type}`,
    `interface-name=${iface}`,
    'autoconnect=true',
    '',
    ...(body.length ? [...body, ''] : []),
    '[ipv4]',
    ...ipv4,
    '',
    '[ipv6]',
    'method=auto',
    '',
  ].join('\n');
}

/** NetworkManager keyfile string escaping (GKeyFile): backslash, leading space, control characters. */
function keyfileString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/^ /, '\\s').replace(/\t/g, '\\t');
}
