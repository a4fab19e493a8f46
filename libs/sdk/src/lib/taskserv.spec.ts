import { z } from 'zod';
import { DefinitionError } from './operations/errors';
import { file, pkg } from './operations/builders';
import {
  defineTaskserv,
  parseTaskservParams,
  resolveTaskservOperations,
  TaskservParamsError,
} from './taskserv';
import type { HostFacts } from './taskserv';

const host: HostFacts = {
  hostname: 'web-1',
  osFamily: 'debian',
  osId: 'debian',
  osVersion: '12',
  arch: 'x86_64',
};
const context = (params: unknown) => ({ params, host, secrets: {}, outputs: () => undefined });

const redis = defineTaskserv({
  name: 'redis',
  version: '1.0.0',
  params: z.object({ port: z.number().int().default(6379) }),
  install: ({ params }) => [
    pkg({ names: ['redis-server'] }),
    file({ path: '/etc/redis/port', content: `${params.port}\n` }),
  ],
});

describe('defineTaskserv', () => {
  it('fills optional parts so the engine can call them unconditionally', () => {
    expect(redis.dependsOn).toEqual([]);
    expect(redis.remove(context({ port: 1 }) as never)).toEqual([]);
    expect(redis.outputs).toEqual({});
  });

  it('rejects a bad name and version together', () => {
    expect(() =>
      defineTaskserv({ name: 'Redis!', version: 'one', params: z.object({}), install: () => [] }),
    ).toThrow(/name "Redis!" must be lowercase[\s\S]*version "one" must be a semantic version/);
  });

  it('gives a task service declared without params an empty schema that refuses any param', () => {
    const plain = defineTaskserv({ name: 'plain', version: '1.0.0', install: () => [] });
    expect(parseTaskservParams(plain, undefined, 'web-1')).toEqual({});
    expect(() => parseTaskservParams(plain, { port: 1 }, 'web-1')).toThrow(/Params of task service "plain"/);
  });

  it('refuses params that are not a schema, naming the field', () => {
    expect(() =>
      defineTaskserv({ name: 'bad', version: '1.0.0', params: { port: 1 } as never, install: () => [] }),
    ).toThrow(/params must be a zod schema/);
  });
});

describe('resolveTaskservOperations', () => {
  it('hands install the validated params with defaults applied', () => {
    const ops = resolveTaskservOperations(redis, 'install', context({}));
    expect(ops[1]).toMatchObject({ path: '/etc/redis/port', content: '6379\n' });
  });

  it('names the task service, host and field when params are wrong', () => {
    expect(() => resolveTaskservOperations(redis, 'install', context({ port: 'x' }))).toThrow(
      TaskservParamsError,
    );
    expect(() => resolveTaskservOperations(redis, 'install', context({ port: 'x' }))).toThrow(
      /"redis" for host "web-1"[\s\S]*port/,
    );
  });

  it('refuses duplicate operation ids, which would make plans ambiguous', () => {
    const twice = defineTaskserv({
      name: 'twice',
      version: '0.1.0',
      params: z.object({}),
      install: () => [file({ path: '/a', content: '1' }), file({ path: '/a', content: '2' })],
    });
    expect(() => resolveTaskservOperations(twice, 'install', context({}))).toThrow(DefinitionError);
    expect(() => resolveTaskservOperations(twice, 'install', context({}))).toThrow(/file:\/a/);
  });
});
