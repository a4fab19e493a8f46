import { template } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

export const templateExamples: OperationExample[] = [
  {
    title: 'A config rendered from an eta template with params',
    runsOn: 'local',
    operations: (root) => [
      template({
        id: 'redis-conf',
        path: `${root}/etc/redis/redis.conf`,
        template:
          'bind <%= it.bind %>\nport <%= it.port %>\n<% if (it.password) { %>requirepass <%= it.password %>\n<% } %>',
        params: { bind: '127.0.0.1', port: 6379, password: 's3cret' },
        mode: '0640',
      }),
    ],
  },
];
