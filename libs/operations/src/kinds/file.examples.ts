import { file } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

export const fileExamples: OperationExample[] = [
  {
    title: 'A config file with mode, written atomically',
    runsOn: 'local',
    operations: (root) => [
      file({ path: `${root}/etc/motd`, content: 'Managed by provisioning\n', mode: '0644' }),
    ],
  },
  {
    title: 'A secret file whose content never appears in a diff',
    runsOn: 'local',
    operations: (root) => [
      file({ path: `${root}/etc/app/token`, content: 'tok-123\n', mode: '0600', sensitive: true }),
    ],
  },
];
