import type { RedisParams } from './params';

/** Redis reads double-quoted values with backslash escapes. */
function redisQuoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The drop-in included last from redis.conf, so its values win over the packaged ones. */
export function redisDropIn(params: RedisParams): string {
  return [
    '# Managed by provisioning (taskserv redis); changes here are overwritten on the next apply.',
    `bind ${params.bind}`,
    `port ${params.port}`,
    `maxmemory ${params.maxmemory}`,
    `maxmemory-policy ${params.maxmemory_policy}`,
    ...(params.password === undefined ? [] : [`requirepass ${redisQuoted(params.password)}`]),
    '',
  ].join('\n');
}
