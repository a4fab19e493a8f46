import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { utils } from 'ssh2';

export const SSH_KEYGEN = '/usr/bin/ssh-keygen';

/** Creates an unencrypted (or passphrase-protected) ed25519 key pair at `path` / `path.pub`; returns the public line. */
export function generateEd25519Key(path: string, passphrase = '', comment = 'provisioning-test'): string {
  if (existsSync(SSH_KEYGEN)) {
    execFileSync(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', passphrase, '-C', comment, '-f', path]);
  } else {
    const pair = utils.generateKeyPairSync('ed25519', {
      comment,
      ...(passphrase ? { passphrase, cipher: 'aes256-ctr' } : {}),
    });
    writeFileSync(path, pair.private, { mode: 0o600 });
    writeFileSync(`${path}.pub`, `${pair.public}\n`);
  }
  return readFileSync(`${path}.pub`, 'utf8').trim();
}
