import { z } from 'zod';

const ADDRESSES = /^-?[0-9A-Fa-f:.*]+( -?[0-9A-Fa-f:.*]+)*$/;
const MEMORY = /^[0-9]+([kKmMgG][bB]?)?$/;
// No control characters: a line break would end the requirepass directive (and start another).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SINGLE_LINE = new RegExp('^[^\\u0000-\\u001f\\u007f]+$');

export const MAXMEMORY_POLICIES = [
  'noeviction',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
] as const;

export const redisParams = z.strictObject({
  bind: z
    .string()
    .regex(ADDRESSES, 'must be one or more IP addresses separated by spaces, such as "127.0.0.1 -::1"')
    .default('127.0.0.1')
    .describe('Addresses redis listens on (redis "bind"); 0.0.0.0 for every IPv4 interface.'),
  port: z.number().int().min(1).max(65535).default(6379).describe('TCP port.'),
  maxmemory: z
    .string()
    .regex(MEMORY, 'must be a size such as 0, 512mb or 2gb')
    .default('0')
    .describe('Memory limit for data; 0 means no limit (redis default).'),
  maxmemory_policy: z
    .enum(MAXMEMORY_POLICIES)
    .default('noeviction')
    .describe('What redis evicts when maxmemory is reached.'),
  password: z
    .string()
    .regex(SINGLE_LINE, 'must be one line of printable characters')
    .optional()
    .describe(
      'requirepass; write it as "{{secret.NAME}}" so it comes from the secret store and is masked everywhere. Unset means no password.',
    ),
});

export type RedisParams = z.output<typeof redisParams>;
