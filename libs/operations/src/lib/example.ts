import type { Operation } from '@provisioning/sdk';

/**
 * Documentation that is tested: each operation kind exports examples as data. `local` examples
 * are planned, applied and re-planned against this machine inside a temp dir (`root`);
 * `systemd-host` examples need a real Debian host with systemd and root (the testbed e2e suite
 * runs them), and are syntax-checked here.
 */
export interface OperationExample {
  title: string;
  runsOn: 'local' | 'systemd-host';
  operations(root: string): Operation[];
}
