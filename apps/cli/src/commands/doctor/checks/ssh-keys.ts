import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from './check';

const KEY_NAMES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export const sshKeysCheck: Check = {
  id: 'ssh-keys',
  title: 'SSH keys',
  async run(context) {
    const found = KEY_NAMES.map((name) => join(context.home, '.ssh', name)).filter((path) =>
      existsSync(path),
    );
    if (found.length > 0) return { status: 'ok', detail: found.join(', ') };
    if (context.env.SSH_AUTH_SOCK) {
      return { status: 'ok', detail: 'no key files in ~/.ssh; the agent will be used' };
    }
    return {
      status: 'warning',
      detail: `none of ${KEY_NAMES.join(', ')} in ${join(context.home, '.ssh')} and no agent`,
      hint: "create one with 'ssh-keygen -t ed25519', or name yours with 'provisioning config set ssh.key PATH' (one server's own: ssh_key: in its entry under servers:)",
    };
  },
};
