import { z } from 'zod';

const DURATION = /^[0-9]+[smhdw]?$/;
const DURATION_MESSAGE = 'must be a duration such as 600, 10m, 1h or 1d';
const CIDR = /^([0-9]{1,3}(\.[0-9]{1,3}){3}(\/[0-9]{1,2})?|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(\/[0-9]{1,3})?)$/;
const NAME = /^[a-z0-9][a-z0-9_-]*$/;
const PORTS = /^[a-z0-9:,-]+$/;
const PATH = /^\/[A-Za-z0-9._*/-]+$/;

export const jailParams = z.strictObject({
  name: z
    .string()
    .regex(NAME, 'must be a jail name such as sshd')
    .describe('Jail name; also the filter (filter.d/<name>.conf) unless filter is set.'),
  filter: z
    .string()
    .regex(NAME, 'must be a filter name from /etc/fail2ban/filter.d')
    .optional()
    .describe('Filter to use.'),
  port: z
    .string()
    .regex(PORTS, 'must be ports or service names separated by commas, such as ssh or 80,443')
    .optional()
    .describe('Ports the ban closes (default: the filter’s).'),
  logpath: z
    .string()
    .regex(PATH, 'must be an absolute path (globs allowed)')
    .optional()
    .describe('Read this log file instead of the systemd journal.'),
  maxretry: z.number().int().min(1).optional().describe('Failures before a ban (default: the global one).'),
  bantime: z
    .string()
    .regex(DURATION, DURATION_MESSAGE)
    .optional()
    .describe('Ban length (default: the global one).'),
});

export type JailParams = z.output<typeof jailParams>;

export const fail2banParams = z
  .strictObject({
    bantime: z
      .string()
      .regex(DURATION, DURATION_MESSAGE)
      .default('10m')
      .describe('How long an address stays banned.'),
    findtime: z
      .string()
      .regex(DURATION, DURATION_MESSAGE)
      .default('10m')
      .describe('Window in which maxretry failures cause a ban.'),
    maxretry: z.number().int().min(1).default(5).describe('Failures within findtime before a ban.'),
    ignoreip: z
      .array(z.string().regex(CIDR, 'must be an address or network such as 10.0.0.0/8'))
      .default([])
      .describe('Addresses never banned (loopback always is).'),
    ignore_engine: z
      .boolean()
      .default(true)
      .describe('Never ban the address this run connects from (the control machine).'),
    jails: z
      .array(jailParams)
      .default([{ name: 'sshd' }])
      .describe('Jails to enable; others stay off.'),
  })
  .superRefine((params, ctx) => {
    if (new Set(params.jails.map((jail) => jail.name)).size !== params.jails.length)
      ctx.addIssue({ code: 'custom', path: ['jails'], message: 'jail names must be unique' });
  });

export type Fail2banParams = z.output<typeof fail2banParams>;
