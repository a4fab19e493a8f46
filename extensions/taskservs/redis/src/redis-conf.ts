import { TaskservParamsError } from '@provisioning/sdk';
import type { RedisParams } from './params';

/** Redis reads double-quoted values with backslash escapes; a line break would end the directive. */
function redisQuoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function requirePassword(params: RedisParams, secrets: Readonly<Record<string, string>>, host: string): string | undefined {
  if (params.password_secret === undefined) return undefined;
  const password = secrets[params.password_secret];
  const problem =
    password === undefined
      ? `password_secret: no secret named "${params.password_secret}" is defined; add it to the workspace secrets`
      : password === '' || [...password].some((character) => character.charCodeAt(0) < 0x20)
        ? `password_secret: the secret "${params.password_secret}" is empty or holds control characters, which redis.conf cannot carry`
        : undefined;
  if (problem) throw new TaskservParamsError(`Params of task service "redis" for host "${host}" are invalid; fix them in the infra definition`, [problem]);
  return password;
}

/** The drop-in included last from redis.conf, so its values win over the packaged ones. */
export function redisDropIn(params: RedisParams, password: string | undefined): string {
  return [
    '# Managed by provisioning (taskserv redis); changes here are overwritten on the next apply.',
    `bind ${params.bind}`,
    `port ${params.port}`,
    `maxmemory ${params.maxmemory}`,
    `maxmemory-policy ${params.maxmemory_policy}`,
    ...(password === undefined ? [] : [`requirepass ${redisQuoted(password)}`]),
    '',
  ].join('\n');
}
