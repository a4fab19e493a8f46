import { line } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

export const lineExamples: OperationExample[] = [
  {
    title: 'Set keys in a config that packages own, replacing whatever value each had',
    runsOn: 'local',
    operations: (root) => [
      line({
        id: 'sshd-password',
        path: `${root}/etc/ssh/sshd_config`,
        regex: '^#?PasswordAuthentication ',
        line: 'PasswordAuthentication no',
      }),
      line({
        id: 'sshd-root',
        path: `${root}/etc/ssh/sshd_config`,
        regex: '^#?PermitRootLogin ',
        line: 'PermitRootLogin prohibit-password',
      }),
    ],
  },
  {
    title: 'Make sure a hosts entry exists, and an old one does not',
    runsOn: 'local',
    operations: (root) => [
      line({ path: `${root}/etc/hosts`, line: '10.0.0.10 db.internal' }),
      line({ id: 'drop-old-db', path: `${root}/etc/hosts`, regex: '^10\\.0\\.0\\.9 ', state: 'absent' }),
    ],
  },
];
