import { createHash, pbkdf2Sync } from 'node:crypto';
import { defineTaskserv, file, type Operation, quote, shell } from '@provisioning/sdk';
import { z } from 'zod';

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;
const CIDR = /^(\d{1,3})(\.\d{1,3}){3}\/\d{1,2}$/;

export const rpiNetworkParams = z
  .strictObject({
    interface: z.enum(['eth0', 'wlan0']).default('eth0').describe('The interface this connection is for.'),
    address: z
      .string()
      .regex(CIDR, 'must be an IPv4 address with prefix such as 192.168.1.40/24')
      .optional()
      .describe('Static IPv4 address with prefix; absent: DHCP.'),
    gateway: z
      .string()
      .regex(IPV4, 'must be an IPv4 address')
      .optional()
      .describe('Default gateway (with address).'),
    dns: z
      .array(z.string().regex(IPV4, 'must be an IPv4 address'))
      .default([])
      .describe('DNS servers (with address).'),
    wifi: z
      .strictObject({
        country: z
          .string()
          .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as GB')
          .describe('Regulatory country.'),
        ssid: z
          .string()
          .min(1)
          .max(32)
          .regex(/^[^\n\r]+$/, 'must be one line')
          .describe('Network name.'),
        password: z
          .string()
          .min(8)
          .max(63)
          .describe(
            'WPA passphrase; use "{{secret.NAME}}" so it never sits in the infra file. Stored on the host as its WPA-PSK hash.',
          ),
      })
      .optional()
      .describe('Wi-Fi settings (interface wlan0).'),
    activate: z
      .boolean()
      .default(false)
      .describe(
        'Bring the connection up now (an address change can cut the SSH session this runs over); otherwise it applies at the next boot or link change.',
      ),
  })
  .refine((params) => (params.address === undefined) === (params.gateway === undefined), {
    message: 'address and gateway go together',
    path: ['gateway'],
  })
  .refine((params) => params.interface === 'eth0' || params.wifi !== undefined, {
    message: 'wlan0 needs wifi settings',
    path: ['wifi'],
  });

export type RpiNetworkParams = z.output<typeof rpiNetworkParams>;

/**
 * Network of a running Raspberry Pi through NetworkManager: static IPv4 or DHCP, Wi-Fi.
 * Keep `name`, `version` and `params` in step with manifest.yaml (the spec checks name and version).
 */
export const rpiNetwork = defineTaskserv({
  name: 'rpi-network',
  version: '0.1.0',
  description: 'Network of a running Raspberry Pi through NetworkManager: static IPv4 or DHCP, Wi-Fi.',
  params: rpiNetworkParams,
  install: ({ params }) => {
    const id = `provisioning-${params.interface}`;
    const path = `/etc/NetworkManager/system-connections/${id}.nmconnection`;
    const applied = `/var/lib/provisioning/rpi-network/${id}.applied`;
    const ops: Operation[] = [
      file({
        id: `file:${id}`,
        path,
        content: connectionFile(id, params),
        mode: '0600',
        owner: 'root',
        group: 'root',
      }),
    ];
    if (params.wifi) {
      ops.push(
        shell({
          id: 'shell:wifi-country',
          command: `raspi-config nonint do_wifi_country ${quote(params.wifi.country)}`,
          onlyIf: 'command -v raspi-config >/dev/null',
          unless: `[ "$(raspi-config nonint get_wifi_country 2>/dev/null)" = ${quote(params.wifi.country)} ]`,
        }),
      );
    }
    // NetworkManager reads connection files on reload; the copy of what was last loaded makes this run only after a change.
    ops.push(
      shell({
        id: `shell:reload-${id}`,
        command: [
          `nmcli connection reload`,
          ...(params.activate ? [`nmcli connection up ${quote(id)}`] : []),
          `mkdir -p ${quote(applied.replace(/\/[^/]+$/, ''))}`,
          `cp ${quote(path)} ${quote(applied)}`,
        ].join(' && '),
        onlyIf: 'command -v nmcli >/dev/null',
        unless: `cmp -s ${quote(path)} ${quote(applied)}`,
      }),
    );
    return ops;
  },
  remove: ({ params }) => {
    const id = `provisioning-${params.interface}`;
    return [
      shell({
        id: `shell:remove-${id}`,
        command: `rm -f ${quote(`/etc/NetworkManager/system-connections/${id}.nmconnection`)} ${quote(`/var/lib/provisioning/rpi-network/${id}.applied`)} && { ! command -v nmcli >/dev/null || nmcli connection reload; }`,
        onlyIf: `[ -e ${quote(`/etc/NetworkManager/system-connections/${id}.nmconnection`)} ]`,
      }),
    ];
  },
});

/** A NetworkManager keyfile. The uuid is derived from the id, so the file (and the plan) is stable across runs. */
export function connectionFile(id: string, params: RpiNetworkParams): string {
  const hex = createHash('sha1').update(`provisioning:${id}`).digest('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  const wifi = params.wifi
    ? [
        '[wifi]',
        'mode=infrastructure',
        `ssid=${params.wifi.ssid.replace(/\\/g, '\\\\')}`,
        '',
        '[wifi-security]',
        'key-mgmt=wpa-psk',
        `psk=${pbkdf2Sync(params.wifi.password, params.wifi.ssid, 4096, 32, 'sha1').toString('hex')}`,
        '',
      ]
    : [];
  const ipv4 = params.address
    ? [
        'method=manual',
        `address1=${params.address},${params.gateway}`,
        ...(params.dns.length ? [`dns=${params.dns.join(';')};`] : []),
      ]
    : ['method=auto'];
  return [
    '[connection]',
    `id=${id}`,
    `uuid=${uuid}`,
    `type=${params.interface === 'wlan0' ? 'wifi' : 'ethernet'}`,
    `interface-name=${params.interface}`,
    'autoconnect=true',
    '',
    ...wifi,
    '[ipv4]',
    ...ipv4,
    '',
    '[ipv6]',
    'method=auto',
    '',
  ].join('\n');
}
