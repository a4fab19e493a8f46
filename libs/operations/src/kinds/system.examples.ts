import { group, pkg, service, template, user } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

/** Need root, a package manager and systemd as PID 1: run by the testbed e2e suite. */
export const systemExamples: OperationExample[] = [
  {
    title: 'A system user and group for a daemon',
    runsOn: 'systemd-host',
    operations: () => [group({ name: 'app', system: true }), user({ name: 'app', group: 'app', system: true, shell: '/usr/sbin/nologin', home: '/var/lib/app' })],
  },
  {
    title: 'Install redis, configure it, keep it enabled and running, restart it when its config changes',
    runsOn: 'systemd-host',
    operations: () => [
      pkg({ id: 'redis-pkg', names: ['redis-server'] }),
      template({ id: 'redis-conf', path: '/etc/redis/redis.conf', template: 'bind 127.0.0.1\nport <%= it.port %>\n', params: { port: 6379 }, owner: 'redis', group: 'redis', mode: '0640' }),
      service({ name: 'redis-server', enabled: true, state: 'started', restartOn: ['redis-conf'] }),
    ],
  },
];
