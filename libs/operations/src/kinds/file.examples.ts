import { file, template } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

export const fileExamples: OperationExample[] = [
  {
    title: 'A config file with mode, written atomically',
    runsOn: 'local',
    operations: (root) => [file({ path: `${root}/etc/motd`, content: 'Managed by provisioning\n', mode: '0644' })],
  },
  {
    title: 'A secret file whose content never appears in a diff',
    runsOn: 'local',
    operations: (root) => [file({ path: `${root}/etc/app/token`, content: 'tok-123\n', mode: '0600', sensitive: true })],
  },
  {
    title: 'A config rendered from an eta template with params',
    runsOn: 'local',
    operations: (root) => [
      template({
        id: 'redis-conf',
        path: `${root}/etc/redis/redis.conf`,
        template: 'bind <%= it.bind %>\nport <%= it.port %>\n<% if (it.password) { %>requirepass <%= it.password %>\n<% } %>',
        params: { bind: '127.0.0.1', port: 6379, password: 's3cret' },
        mode: '0640',
      }),
    ],
  },
];
