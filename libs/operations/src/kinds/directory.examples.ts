import { directory } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

export const directoryExamples: OperationExample[] = [
  {
    title: 'A data directory with a restrictive mode',
    runsOn: 'local',
    operations: (root) => [directory({ path: `${root}/var/lib/app`, mode: '0750' })],
  },
];
