import { absent } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

export const absentExamples: OperationExample[] = [
  {
    title: 'An old release removed with everything in it, and a stray file',
    runsOn: 'local',
    operations: (root) => [
      absent({ path: `${root}/opt/app/releases/1.0.0`, recursive: true }),
      absent({ path: `${root}/etc/app.conf.dpkg-old` }),
    ],
  },
];
