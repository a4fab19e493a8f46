import { pkg } from '@provisioning/sdk';
import type { OperationExample } from '../lib/example';

/** Needs root and a package repository: run by the testbed e2e suite. */
export const packageExamples: OperationExample[] = [
  {
    title: 'Packages installed with whatever manager the host has (apt, dnf, apk)',
    runsOn: 'systemd-host',
    operations: () => [pkg({ names: ['curl', 'ca-certificates'] })],
  },
  {
    title: 'A package removed',
    runsOn: 'systemd-host',
    operations: () => [pkg({ names: ['telnet'], state: 'absent' })],
  },
];
