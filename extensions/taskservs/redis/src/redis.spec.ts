import { TaskservParamsError } from '@provisioning/sdk';
import { DROP_IN, redis, REDIS_CONF } from './redis';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';

const password = 's3cr"et\\x';

describe('redis install', () => {
  it('installs the package, writes the drop-in, includes it from redis.conf and keeps the service running', () => {
    const operations = resolveOperations(redis, {});
    expect(operations.map((operation) => operation.id)).toEqual([
      'package:redis-server',
      'file:redis-drop-in',
      'line:redis-include',
      'service:redis-server',
    ]);
    expect(operationById(operations, 'package:redis-server', 'package').names).toEqual(['redis-server']);
    expect(operationById(operations, 'line:redis-include', 'line')).toMatchObject({
      path: REDIS_CONF,
      line: `include ${DROP_IN}`,
      create: false,
    });
  });

  it('writes bind, port, maxmemory and policy with redis defaults when params are not given', () => {
    const dropIn = operationById(resolveOperations(redis, {}), 'file:redis-drop-in', 'file');
    expect(dropIn).toMatchObject({
      path: DROP_IN,
      mode: '0640',
      owner: 'redis',
      group: 'redis',
      sensitive: false,
    });
    expect(dropIn.content?.split('\n').slice(1)).toEqual([
      'bind 127.0.0.1',
      'port 6379',
      'maxmemory 0',
      'maxmemory-policy noeviction',
      '',
    ]);
  });

  it('writes requirepass quoted for redis.conf and hides the file from diffs', () => {
    const dropIn = operationById(resolveOperations(redis, { password }), 'file:redis-drop-in', 'file');
    expect(dropIn.content).toContain('\nrequirepass "s3cr\\"et\\\\x"\n');
    expect(dropIn.sensitive).toBe(true);
  });

  it('restarts redis-server when the drop-in or the include line changed, and plans it after the package', () => {
    const unit = operationById(resolveOperations(redis, {}), 'service:redis-server', 'service');
    expect(unit).toMatchObject({
      name: 'redis-server',
      enabled: true,
      state: 'started',
      restartOn: ['file:redis-drop-in', 'line:redis-include'],
    });
    expect(unit.after).toContain('package:redis-server');
  });
});

describe('redis remove', () => {
  it('drops the include before removing the package, so a reinstall starts with a working redis.conf', () => {
    const operations = resolveOperations(redis, {}, { action: 'remove' });
    expect(operations.map((operation) => operation.id)).toEqual([
      'line:redis-include',
      'package:redis-server',
      'absent:redis-drop-in',
    ]);
    expect(operationById(operations, 'line:redis-include', 'line').state).toBe('absent');
    expect(operationById(operations, 'package:redis-server', 'package').state).toBe('absent');
  });
});

describe('redis params', () => {
  it.each([
    ['port', { port: 70000 }],
    ['port', { port: '6379' }],
    ['bind', { bind: '0.0.0.0; flushall' }],
    ['maxmemory', { maxmemory: 'lots' }],
    ['maxmemory_policy', { maxmemory_policy: 'lru' }],
    ['password', { password: 'a\nbind 0.0.0.0' }],
    ['password', { password: '' }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(redis, params)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(redis, params)).toThrow(new RegExp(`${field}: `));
  });

  it('never puts the password value into the error it raises', () => {
    expect(() => resolveOperations(redis, { password: 'hunter2\n' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});

describe('redis: changing one param changes exactly the expected operations', () => {
  it.each([
    ['port', { port: 6380 }],
    ['bind', { bind: '0.0.0.0' }],
    ['maxmemory', { maxmemory: '1gb' }],
    ['maxmemory_policy', { maxmemory_policy: 'allkeys-lru' }],
    ['password', { password }],
  ])('%s changes only the drop-in', (_param, change) => {
    expect(changedOperationIds(resolveOperations(redis, {}), resolveOperations(redis, change))).toEqual([
      'file:redis-drop-in',
    ]);
  });
});

describe('redis operation references', () => {
  it.each([{}, { password }])(
    'every after and restartOn names an earlier operation, install and remove (%j)',
    (params) => {
      for (const action of ['install', 'remove'] as const) {
        expect(danglingReferences(resolveOperations(redis, params, { ...{}, action }))).toEqual([]);
      }
    },
  );
});
