import { z } from 'zod';

const HOST = /^([0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*|[A-Za-z0-9][A-Za-z0-9.-]*)$/;
const HOST_MESSAGE = 'must be a host name or an IP address';
const CIDR = /^(all|[0-9]{1,3}(\.[0-9]{1,3}){3}(\/[0-9]{1,2})?|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(\/[0-9]{1,3})?)$/;

export const chronyParams = z.strictObject({
  pools: z
    .array(z.string().regex(HOST, HOST_MESSAGE))
    .default(['2.debian.pool.ntp.org'])
    .describe('NTP pools (several servers behind one name), used with iburst.'),
  servers: z
    .array(
      z.strictObject({
        address: z.string().regex(HOST, HOST_MESSAGE).describe('Host name or address.'),
        iburst: z
          .boolean()
          .default(true)
          .describe('Send a burst of requests at start for a fast first sync.'),
        prefer: z.boolean().default(false).describe('Prefer this source over others of similar quality.'),
      }),
    )
    .default([])
    .describe('Individual NTP servers (e.g. the site’s own).'),
  allow: z
    .array(z.string().regex(CIDR, 'must be a network such as 10.0.0.0/8, an address, or all'))
    .default([])
    .describe('Networks this host serves time to (NTP server); empty: client only.'),
  makestep: z
    .strictObject({ threshold: z.number().positive().default(1), limit: z.number().int().min(-1).default(3) })
    .default({ threshold: 1, limit: 3 })
    .describe(
      'Step the clock when off by more than threshold seconds, during the first limit updates (-1: always).',
    ),
  control_clock: z
    .boolean()
    .default(true)
    .describe(
      'Set the system clock. false runs chronyd with -x (no clock control) and without the unit’s CAP_SYS_TIME condition: for containers, whose host keeps the time.',
    ),
});

export type ChronyParams = z.output<typeof chronyParams>;
