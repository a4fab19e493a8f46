import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { clientTokenLabel, hostKeyUserData } from './cloud-init';
import { derivedHostKey, md5Fingerprint } from './host-key';
import { pollUntil } from './poll';
import { createOnce } from './idempotent-create';
import { HttpError } from '../http/http-error';

describe('derivedHostKey', () => {
  it('gives the same key for the same secret and token, and another for another token', () => {
    const key = derivedHostKey('api-token', 'dev/web-1/abc');
    expect(derivedHostKey('api-token', 'dev/web-1/abc')).toEqual(key);
    expect(derivedHostKey('api-token', 'dev/web-1/abd').publicKey).not.toBe(key.publicKey);
    expect(derivedHostKey('other-token', 'dev/web-1/abc').publicKey).not.toBe(key.publicKey);
    expect(key.publicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43}$/);
  });

  it('writes a private key OpenSSH reads, whose public half is the one reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'host-key-'));
    try {
      const key = derivedHostKey('api-token', 'dev/web-1/abc');
      writeFileSync(join(dir, 'key'), key.privateKey, { mode: 0o600 });
      const derived = execFileSync('ssh-keygen', ['-y', '-f', join(dir, 'key')])
        .toString()
        .trim();
      expect(derived.split(' ').slice(0, 2).join(' ')).toBe(key.publicKey);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('md5Fingerprint', () => {
  it('matches ssh-keygen -l -E md5', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-'));
    try {
      const key = derivedHostKey('s', 't').publicKey;
      writeFileSync(join(dir, 'key.pub'), `${key} comment\n`);
      const listed = execFileSync('ssh-keygen', ['-l', '-E', 'md5', '-f', join(dir, 'key.pub')]).toString();
      expect(listed).toContain(`MD5:${md5Fingerprint(readFileSync(join(dir, 'key.pub'), 'utf8'))}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hostKeyUserData and clientTokenLabel', () => {
  it('is cloud-config carrying the host key and deleting the generated ones', () => {
    const key = derivedHostKey('s', 't');
    const config = parse(hostKeyUserData(key));
    expect(hostKeyUserData(key).startsWith('#cloud-config\n')).toBe(true);
    expect(config).toEqual({
      ssh_deletekeys: true,
      ssh_genkeytypes: [],
      ssh_keys: { ed25519_private: key.privateKey, ed25519_public: key.publicKey },
    });
  });
  it('turns a client token into 40 hex characters a label value accepts', () => {
    expect(clientTokenLabel('dev/web-1/0a1b2c')).toMatch(/^[0-9a-f]{40}$/);
    expect(clientTokenLabel('dev/web-1/0a1b2c')).not.toBe(clientTokenLabel('dev/web-1/0a1b2d'));
  });
});

describe('pollUntil', () => {
  it('returns the first defined value, and undefined after the timeout', async () => {
    let calls = 0;
    expect(
      await pollUntil(async () => (++calls === 3 ? 'done' : undefined), { timeoutMs: 1000, intervalMs: 5 }),
    ).toBe('done');
    expect(await pollUntil(async () => undefined, { timeoutMs: 30, intervalMs: 10 })).toBeUndefined();
  });
  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(
      pollUntil(async () => undefined, { timeoutMs: 5000, intervalMs: 10, signal: controller.signal }),
    ).rejects.toThrow('stop');
  });
});

describe('createOnce', () => {
  const serverError = () =>
    new HttpError({
      message: 'POST /servers failed: 503',
      kind: 'status',
      method: 'POST',
      path: '/servers',
      status: 503,
      attempts: 1,
    });

  it('after a 5xx returns the server the lost request made, without sending it again', async () => {
    let sent = 0;
    const made = await createOnce({
      send: async () => {
        sent++;
        throw serverError();
      },
      find: async () => 'server-7',
      log: () => undefined,
      what: 'web-1',
    });
    expect(made).toBe('server-7');
    expect(sent).toBe(1);
  });

  it('sends again after a 5xx when nothing was made, and throws other errors at once', async () => {
    let sent = 0;
    const logs: string[] = [];
    const made = await createOnce({
      send: async () => (++sent === 1 ? Promise.reject(serverError()) : 'server-8'),
      find: async () => undefined,
      log: (line) => logs.push(line),
      what: 'web-1',
      backoffMs: 1,
    });
    expect(made).toBe('server-8');
    expect(logs[0]).toMatch(
      /^create of web-1 answered POST \/servers failed: 503; nothing was made, trying again in/,
    );
    const quota = new HttpError({
      message: '403',
      kind: 'status',
      method: 'POST',
      path: '/servers',
      status: 403,
      attempts: 1,
    });
    await expect(
      createOnce({
        send: () => Promise.reject(quota),
        find: async () => 'x',
        log: () => undefined,
        what: 'w',
      }),
    ).rejects.toBe(quota);
  });
});
