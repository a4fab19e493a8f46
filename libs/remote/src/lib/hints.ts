import { command, quote } from '@provisioning/sdk';

/**
 * What the errors of this library tell a user to do next. Hints speak the workspace's language:
 * keys a user can paste into a server entry or `settings:` (docs/workspace.md), and commands that
 * run as printed (each argument quoted). They never name fields of the host descriptor, which only
 * the engine sees. hints.spec.ts runs every command here against a real sshd and known_hosts file.
 */
export const HINTS = {
  noAuthMethod:
    'set ssh_key, ssh_agent: true or ssh_password: "{{secret.NAME}}" on the server (or ssh.key, ssh.agent, ssh.password in settings), or start ssh-agent',
  unreadableKey: 'fix ssh_key of the server (or ssh.key in settings): a readable private key file',
  encryptedKey: 'use a key without a passphrase or load it into ssh-agent (ssh-add) and set ssh_agent: true',
  authRefused:
    'check the login user (user of the server, or ssh.user), that its public key is in ~/.ssh/authorized_keys on the host, or the secret ssh_password names',
  secretUnavailable:
    'make the secret available: set PROVISIONING_SECRET_<NAME> or add it to .provisioning/secrets.yaml (mode 0600)',
  sudoAsks:
    'set sudo_password: "{{secret.NAME}}" on the server (or ssh.sudo_password in settings), or allow this user NOPASSWD in sudoers',
  sudoRejects:
    'check the secret that sudo_password (or ssh.sudo_password) names, and that the user may use sudo on the host',
  handshakeTimeout:
    'check address, port and the firewall, or raise ssh.connect_timeout (seconds) for slow links',
  commandTimeout:
    'raise run.timeout (seconds) if the command is legitimately slow, or look at what it waits for',
  connectionLost:
    'the command may or may not have completed on the host; check the host (network, sshd, OOM killer) and re-run: operations are idempotent',
} as const;

/** `ssh-keyscan [-p PORT] -- ADDRESS >> FILE`: `-p` only when the port is not 22, as ssh does. */
export function keyscanCommand(address: string, port: number, knownHostsFile: string): string {
  return `${command('ssh-keyscan', ...(port === 22 ? [] : ['-p', String(port)]), '--', address)} >> ${quote(knownHostsFile)}`;
}

/** `ssh-keygen -R NAME -f FILE`: the file alone, never `file:line` (ssh-keygen would not find it). */
export function removeKeyCommand(lookupName: string, knownHostsFile: string): string {
  return command('ssh-keygen', '-R', lookupName, '-f', knownHostsFile);
}

/** What to run on the host to see its key's fingerprint, to compare out of band. */
export function fingerprintCommand(keyType: string): string {
  return command('ssh-keygen', '-lf', `/etc/ssh/ssh_host_${shortKeyType(keyType)}_key.pub`);
}

function shortKeyType(keyType: string): string {
  if (keyType === 'ssh-ed25519') return 'ed25519';
  if (keyType === 'ssh-rsa' || keyType.startsWith('rsa-')) return 'rsa';
  if (keyType.startsWith('ecdsa-')) return 'ecdsa';
  return keyType;
}
