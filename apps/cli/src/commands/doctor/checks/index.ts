import type { Check } from './check';
import { knownHostsCheck } from './known-hosts';
import { nodeVersionCheck } from './node-version';
import { sshAgentCheck } from './ssh-agent';
import { sshClientCheck } from './ssh-client';
import { sshKeysCheck } from './ssh-keys';
import { stateStoreCheck } from './state-store';
import { workspaceCheck } from './workspace';

/** In order: the workspace check sets the root that known_hosts and the state store use. */
export const doctorChecks: Check[] = [
  nodeVersionCheck,
  sshClientCheck,
  sshAgentCheck,
  sshKeysCheck,
  workspaceCheck,
  knownHostsCheck,
  stateStoreCheck,
];
