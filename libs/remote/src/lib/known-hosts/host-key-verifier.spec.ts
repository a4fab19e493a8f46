import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { HostKeyChangedError, HostKeyUnknownError } from '../errors';
import { sha256Fingerprint } from './host-key';
import { preferredHostKeyAlgorithms, verifyHostKey, type HostKeyCheck } from './host-key-verifier';

function newKey(type: 'ed25519' | 'ecdsa' = 'ed25519'): { line: string; blob: Buffer } {
  const pair =
    type === 'ed25519'
      ? utils.generateKeyPairSync('ed25519')
      : utils.generateKeyPairSync('ecdsa', { bits: 256 });
  const [keyType, base64] = pair.public.split(' ');
  return { line: `${keyType} ${base64}`, blob: Buffer.from(base64 ?? '', 'base64') };
}

let dir: string;
let file: string;
let check: HostKeyCheck;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'host-key-'));
  file = join(dir, 'known_hosts');
  check = {
    host: 'web1',
    address: '10.0.0.5',
    port: 2222,
    knownHostsFiles: [join(dir, 'missing'), file],
    acceptNew: false,
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('verifyHostKey', () => {
  it('accepts the key recorded for [address]:port in any of the files', () => {
    const key = newKey();
    writeFileSync(file, `[10.0.0.5]:2222 ${key.line}\n`);
    expect(verifyHostKey(check, key.blob)).toEqual({
      ok: true,
      accepted: false,
      fingerprint: sha256Fingerprint(key.blob),
    });
  });

  it('refuses an unknown key with its SHA256 fingerprint and what to do', () => {
    const key = newKey();
    const verdict = verifyHostKey(check, key.blob);
    expect(verdict.ok).toBe(false);
    const error = !verdict.ok ? verdict.error : undefined;
    expect(error).toBeInstanceOf(HostKeyUnknownError);
    expect(error?.message).toContain(sha256Fingerprint(key.blob));
    expect(error?.hint).toMatch(/ssh-keyscan|acceptNewHostKeys/);
  });

  it('refuses a changed key of the same type, naming the file and line of the recorded one', () => {
    writeFileSync(file, `# header\n[10.0.0.5]:2222 ${newKey().line}\n`);
    const offered = newKey();
    const verdict = verifyHostKey(check, offered.blob);
    const error = !verdict.ok ? verdict.error : undefined;
    expect(error).toBeInstanceOf(HostKeyChangedError);
    expect(error?.message).toContain(`${file}:2`);
    expect(error?.message).toContain(sha256Fingerprint(offered.blob));
    expect(error?.hint).toContain('ssh-keygen -R');
  });

  it('never lets trust-on-first-use override a changed key', () => {
    writeFileSync(file, `[10.0.0.5]:2222 ${newKey().line}\n`);
    const verdict = verifyHostKey({ ...check, acceptNew: true }, newKey().blob);
    expect(!verdict.ok && verdict.error).toBeInstanceOf(HostKeyChangedError);
  });

  it('records an unknown key in the first file with acceptNew, and trusts it next time', () => {
    const key = newKey();
    const first = { ...check, knownHostsFiles: [file] };
    expect(verifyHostKey({ ...first, acceptNew: true }, key.blob)).toMatchObject({
      ok: true,
      accepted: true,
    });
    expect(readFileSync(file, 'utf8')).toBe(`[10.0.0.5]:2222 ${key.line}\n`);
    expect(verifyHostKey(first, key.blob)).toMatchObject({ ok: true, accepted: false });
  });

  it('refuses a key marked @revoked even when it is also recorded as valid', () => {
    const key = newKey();
    writeFileSync(file, `[10.0.0.5]:2222 ${key.line}\n@revoked * ${key.line}\n`);
    const verdict = verifyHostKey(check, key.blob);
    expect(!verdict.ok && verdict.error).toBeInstanceOf(HostKeyChangedError);
  });

  it('does not auto-accept a new key type when another type is on record (no downgrade)', () => {
    writeFileSync(file, `[10.0.0.5]:2222 ${newKey('ecdsa').line}\n`);
    const verdict = verifyHostKey({ ...check, acceptNew: true }, newKey('ed25519').blob);
    const error = !verdict.ok ? verdict.error : undefined;
    expect(error).toBeInstanceOf(HostKeyUnknownError);
    expect(error?.message).toContain('ecdsa-sha2-nistp256');
  });
});

describe('preferredHostKeyAlgorithms', () => {
  it('offers the recorded key types first', () => {
    writeFileSync(file, `[10.0.0.5]:2222 ${newKey('ecdsa').line}\n`);
    expect(preferredHostKeyAlgorithms(check, ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'rsa-sha2-512'])).toEqual(
      ['ecdsa-sha2-nistp256', 'ssh-ed25519', 'rsa-sha2-512'],
    );
  });
});
