import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generateHostKey, hostKeyUserData } from './host-key';

describe('generateHostKey', () => {
  it("writes a private key that OpenSSH's ssh-keygen reads back to the same public key", () => {
    const dir = mkdtempSync(join(tmpdir(), 'host-key-'));
    try {
      const key = generateHostKey('root@web-1');
      writeFileSync(join(dir, 'key'), key.privateKey, { mode: 0o600 });
      const derived = execFileSync('ssh-keygen', ['-y', '-f', join(dir, 'key')])
        .toString()
        .trim();
      expect(derived.split(' ').slice(0, 2).join(' ')).toBe(key.publicKey);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes a different key every time', () => {
    expect(generateHostKey('a').publicKey).not.toBe(generateHostKey('a').publicKey);
  });
});

describe('hostKeyUserData', () => {
  it('is cloud-config whose ssh_keys carry exactly the generated ed25519 pair', () => {
    const key = generateHostKey('root@web-1');
    const text = hostKeyUserData(key);
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    expect(parse(text)).toEqual({
      ssh_deletekeys: true,
      ssh_genkeytypes: [],
      ssh_keys: { ed25519_private: key.privateKey, ed25519_public: key.publicKey },
    });
  });
});
