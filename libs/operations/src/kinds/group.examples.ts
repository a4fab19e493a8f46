import { group } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

/** Needs root: run by the testbed e2e suite. */
export const groupExamples: OperationExample[] = [
  {
    title: 'A system group with a fixed gid',
    runsOn: 'systemd-host',
    operations: () => [group({ name: 'app', system: true, gid: 4242 })],
  },
];
