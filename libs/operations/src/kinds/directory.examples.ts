import { absent, directory, link } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

export const directoryExamples: OperationExample[] = [
  {
    title: 'A data directory with a restrictive mode',
    runsOn: 'local',
    operations: (root) => [directory({ path: `${root}/var/lib/app`, mode: '0750' })],
  },
  {
    title: 'A release directory, a "current" symlink to it, and an old release removed',
    runsOn: 'local',
    operations: (root) => [
      directory({ path: `${root}/opt/app/releases/2.0.0` }),
      link({ path: `${root}/opt/app/current`, target: `${root}/opt/app/releases/2.0.0` }),
      absent({ path: `${root}/opt/app/releases/1.0.0`, recursive: true }),
    ],
  },
];
