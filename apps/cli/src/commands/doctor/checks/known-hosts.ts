import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from './check';

export const knownHostsCheck: Check = {
  id: 'known-hosts',
  title: 'known_hosts',
  async run(context) {
    const candidates = [join(context.home, '.ssh', 'known_hosts')];
    if (context.workspaceRoot) candidates.push(join(context.workspaceRoot, '.provisioning', 'known_hosts'));
    const found = candidates.filter((path) => existsSync(path));
    if (found.length > 0) return { status: 'ok', detail: found.join(', ') };
    return {
      status: 'warning',
      detail: `no known_hosts file (looked for ${candidates.join(', ')})`,
      hint: "host keys are verified: run 'provisioning plan --accept-new-host-keys' once (it prints each fingerprint it records; compare them with the hosts'), or add a key with 'ssh-keyscan -p PORT HOST >> .provisioning/known_hosts' in the workspace",
    };
  },
};
