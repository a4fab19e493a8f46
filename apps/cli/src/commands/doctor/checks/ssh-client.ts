import { spawnSync } from 'node:child_process';
import type { Check } from './check';

export const sshClientCheck: Check = {
  id: 'ssh-client',
  title: 'OpenSSH client',
  async run(context) {
    const result = spawnSync('ssh', ['-V'], { encoding: 'utf8', env: context.env, timeout: 5000 });
    if (result.error) {
      return {
        status: 'warning',
        detail: 'ssh was not found on PATH',
        hint: "Provisioning connects with its built-in client; install openssh-client for 'provisioning server ssh' and ssh-keygen",
      };
    }
    return { status: 'ok', detail: (result.stderr || result.stdout).trim().split('\n')[0] };
  },
};
