import { pkg, service, template } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

/**
 * Needs root and systemd as PID 1: run by the testbed e2e suite. The config names redis's data
 * directory: without `dir`, redis runs in / (read-only under the unit's ProtectSystem), cannot
 * save on shutdown, and a restart hangs until systemd's stop timeout (found on the testbed).
 */
export const serviceExamples: OperationExample[] = [
  {
    title: 'Install redis, configure it, keep it enabled and running, restart it when its config changes',
    runsOn: 'systemd-host',
    operations: () => [
      pkg({ id: 'redis-pkg', names: ['redis-server'] }),
      template({
        id: 'redis-conf',
        path: '/etc/redis/redis.conf',
        template: 'bind 127.0.0.1\nport <%= it.port %>\ndir /var/lib/redis\n',
        params: { port: 6379 },
        owner: 'redis',
        group: 'redis',
        mode: '0640',
      }),
      service({ name: 'redis-server', enabled: true, state: 'started', restartOn: ['redis-conf'] }),
    ],
  },
];
