import { user } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

/** Needs root: run by the testbed e2e suite. */
export const userExamples: OperationExample[] = [
  {
    title: 'A system user for a daemon, without a login shell',
    runsOn: 'systemd-host',
    operations: () => [
      user({
        name: 'app',
        group: 'app',
        system: true,
        shell: '/usr/sbin/nologin',
        home: '/var/lib/app',
        after: ['group:app'],
      }),
    ],
  },
  {
    title: 'An operator added to the adm group (other groups left alone)',
    runsOn: 'systemd-host',
    operations: () => [user({ name: 'ops', groups: ['adm'], shell: '/bin/bash' })],
  },
];
