import {
  defineTaskserv,
  file,
  line,
  link,
  type Operation,
  pkg,
  quote,
  service,
  shell,
} from '@provisioning/sdk';
import { z } from 'zod';

const HOSTNAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const TIMEZONE = /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/;
const CONFIG_KEY = /^[A-Za-z0-9_]+(?:\[[^\]\n]*\])?$/;

export const rpiNodeParams = z.strictObject({
  hostname: z
    .string()
    .regex(HOSTNAME, 'must be a host name: letters, digits and dashes')
    .optional()
    .describe('Host name (/etc/hostname, the 127.0.1.1 line of /etc/hosts, and the running name).'),
  timezone: z
    .string()
    .regex(TIMEZONE, 'must be a tz name such as Europe/Berlin')
    .optional()
    .describe('Time zone from /usr/share/zoneinfo.'),
  config_txt: z
    .record(
      z.string().regex(CONFIG_KEY, 'must be a config.txt key such as gpu_mem or dtparam'),
      z.string().regex(/^[^\n]*$/, 'must be one line'),
    )
    .default({})
    .describe(
      'Settings in config.txt as key: value (each replaces the line setting that key); they take effect at the next reboot.',
    ),
  config_txt_path: z
    .string()
    .startsWith('/')
    .default('/boot/firmware/config.txt')
    .describe('config.txt (Bookworm: /boot/firmware; older images: /boot).'),
  ssh_password_auth: z.boolean().default(false).describe('Allow SSH password login (off: keys only).'),
  packages: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9+.-]*$/, 'must be a Debian package name'))
    .default([])
    .describe('Packages to install.'),
});

/**
 * Settles a running Raspberry Pi: hostname, timezone, config.txt settings and key-only SSH.
 * Keep `name`, `version` and `params` in step with manifest.yaml (the spec checks name and version).
 */
export const rpiNode = defineTaskserv({
  name: 'rpi-node',
  version: '0.1.0',
  description: 'Settles a running Raspberry Pi: hostname, timezone, config.txt settings and key-only SSH.',
  params: rpiNodeParams,
  install: ({ params }) => {
    const ops: Operation[] = [];
    if (params.packages.length) ops.push(pkg({ id: 'package:rpi-node', names: params.packages }));
    if (params.hostname) {
      ops.push(
        file({ id: 'file:hostname', path: '/etc/hostname', content: `${params.hostname}\n`, mode: '0644' }),
        line({
          id: 'line:hosts',
          path: '/etc/hosts',
          regex: '^127\\.0\\.1\\.1\\s',
          line: `127.0.1.1\t${params.hostname}`,
        }),
        shell({
          id: 'shell:hostname',
          command: `hostname ${quote(params.hostname)}`,
          unless: `[ "$(hostname)" = ${quote(params.hostname)} ]`,
        }),
      );
    }
    if (params.timezone) {
      ops.push(
        link({
          id: 'link:localtime',
          path: '/etc/localtime',
          target: `/usr/share/zoneinfo/${params.timezone}`,
        }),
        file({ id: 'file:timezone', path: '/etc/timezone', content: `${params.timezone}\n`, mode: '0644' }),
      );
    }
    for (const [key, value] of Object.entries(params.config_txt).sort(([a], [b]) => a.localeCompare(b))) {
      const escaped = key.replace(/[[\]]/g, '\\$&');
      ops.push(
        line({
          id: `line:config-txt:${key}`,
          path: params.config_txt_path,
          regex: `^${escaped}=`,
          line: `${key}=${value}`,
        }),
      );
    }
    ops.push(
      file({
        id: 'file:sshd-provisioning',
        path: '/etc/ssh/sshd_config.d/50-provisioning.conf',
        content: params.ssh_password_auth
          ? '# Written by the rpi-node taskserv.\nPasswordAuthentication yes\n'
          : '# Written by the rpi-node taskserv: key login only.\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n',
        mode: '0644',
      }),
      service({ id: 'service:ssh', name: 'ssh', restartOn: ['file:sshd-provisioning'] }),
    );
    return ops;
  },
});
