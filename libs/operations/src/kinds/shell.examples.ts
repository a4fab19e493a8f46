import { command, shell } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

export const shellExamples: OperationExample[] = [
  {
    title: 'A one-time initialisation guarded by the file it creates',
    runsOn: 'local',
    operations: (root) => [
      shell({
        id: 'init-db',
        command: `${command('mkdir', '-p', `${root}/db`)} && ${command('touch', `${root}/db/initialised`)}`,
        creates: `${root}/db/initialised`,
      }),
    ],
  },
  {
    title: 'A command that runs only while a check fails (unless)',
    runsOn: 'local',
    operations: (root) => [
      shell({
        id: 'add-marker',
        command: `echo enabled >> ${command(`${root}/features`)}`,
        unless: command('grep', '-qx', 'enabled', `${root}/features`),
      }),
    ],
  },
];
