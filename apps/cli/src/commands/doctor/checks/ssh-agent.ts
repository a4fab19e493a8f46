import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import type { Check } from './check';

const START_AGENT = 'eval "$(ssh-agent)" && ssh-add';

export const sshAgentCheck: Check = {
  id: 'ssh-agent',
  title: 'ssh-agent',
  async run(context) {
    const socket = context.env.SSH_AUTH_SOCK;
    if (!socket) {
      return {
        status: 'warning',
        detail: 'SSH_AUTH_SOCK is not set',
        hint: `start an agent with '${START_AGENT}', or use a key file: 'provisioning config set ssh.key ~/.ssh/id_ed25519'`,
      };
    }
    if (!isSocket(socket)) {
      return {
        status: 'warning',
        detail: `SSH_AUTH_SOCK points to ${socket}, which is not a socket`,
        hint: `the agent has gone away: start one with '${START_AGENT}', or run 'unset SSH_AUTH_SOCK' and 'provisioning config set ssh.key ~/.ssh/id_ed25519'`,
      };
    }
    const listed = spawnSync('ssh-add', ['-l'], { encoding: 'utf8', env: context.env, timeout: 5000 });
    if (listed.error) return { status: 'ok', detail: `agent socket at ${socket}` };
    if (listed.status === 1) {
      return {
        status: 'warning',
        detail: 'the agent holds no keys',
        hint: "add one with 'ssh-add ~/.ssh/id_ed25519'",
      };
    }
    if (listed.status !== 0) {
      return {
        status: 'warning',
        detail: `cannot talk to the agent at ${socket}`,
        hint: `start a new agent with '${START_AGENT}'`,
      };
    }
    const count = listed.stdout.trim().split('\n').filter(Boolean).length;
    return { status: 'ok', detail: `${count} key${count === 1 ? '' : 's'} in the agent` };
  },
};

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}
