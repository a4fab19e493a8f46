import { directory, link } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

export const linkExamples: OperationExample[] = [
  {
    title: 'A release directory and a "current" symlink pointing to it',
    runsOn: 'local',
    operations: (root) => [
      directory({ path: `${root}/opt/app/releases/2.0.0` }),
      link({ path: `${root}/opt/app/current`, target: `${root}/opt/app/releases/2.0.0` }),
    ],
  },
];
