import type { TaskservScenario } from '@provisioning/sdk';

const common = {
  bind: '127.0.0.1',
  port: 6379,
  maxmemory: '64mb',
  maxmemory_policy: 'allkeys-lru',
  password: '{{secret.redis_password}}',
};
const cli = 'redis-cli -a scenario-secret --no-auth-warning';

export const redisScenarios: readonly TaskservScenario[] = [
  {
    name: 'redis: password from a secret, memory limit raised, then removed',
    taskserv: 'redis',
    description:
      'Raising maxmemory rewrites the drop-in and restarts redis-server once; the include line stays.',
    hosts: 1,
    apply: { params: common, secrets: { redis_password: 'scenario-secret' } },
    checks: [
      { description: 'redis answers with the password', command: `${cli} ping`, expect: 'PONG' },
      { description: 'redis refuses without it', command: 'redis-cli ping 2>&1 || true', expect: 'NOAUTH' },
      { description: 'the memory limit applies', command: `${cli} config get maxmemory`, expect: '67108864' },
      {
        description: 'the policy applies',
        command: `${cli} config get maxmemory-policy`,
        expect: 'allkeys-lru',
      },
      {
        description: 'the service is enabled',
        command: 'systemctl is-enabled redis-server',
        expect: 'enabled',
      },
    ],
    change: {
      params: { ...common, maxmemory: '128mb' },
      changes: ['file:redis-drop-in', 'service:redis-server'],
    },
    removed: [
      {
        description: 'the package is removed',
        command: "dpkg-query -W -f='${Status}' redis-server 2>&1 || true",
        expect: 'deinstall',
      },
      {
        description: 'the drop-in is gone',
        command: 'test ! -e /etc/redis/provisioning.conf && echo gone',
        expect: 'gone',
      },
    ],
  },
];
