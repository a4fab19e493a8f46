import { defineTaskserv } from '@provisioning/sdk';
import { accounts } from './accounts';
import { baseParams } from './params';
import { sshdHardening, sshdHardeningRemoval } from './sshd';
import { hostname, packages, timezone } from './system';

/**
 * What every host gets first: packages, host name, time zone, login users with their keys, and an
 * sshd drop-in that turns password logins off. Remove takes back only the sshd drop-in: users,
 * packages and names may be in use by anything installed since.
 */
export const base = defineTaskserv({
  name: 'base',
  version: '0.1.0',
  description: 'Host basics: packages, host name, time zone, users with SSH keys, sshd hardening.',
  params: baseParams,
  install: ({ params, host }) => [
    ...packages(params.packages),
    ...(params.hostname ? hostname(params.hostname) : []),
    ...(params.timezone ? timezone(params.timezone) : []),
    ...accounts(params.users),
    ...sshdHardening(params, host),
  ],
  remove: ({ host }) => sshdHardeningRemoval(host),
});
