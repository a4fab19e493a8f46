import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEd25519Key } from '../../testing/keys';
import { startLoopbackSshd, willUseOpenSsh, type LoopbackSshd } from '../../testing/loopback-sshd';
import { ensureSudoTestUser } from '../../testing/test-user';
import { AuthError, RemoteConfigError } from '../errors';
import { ConnectionPool } from '../pool/connection-pool';
import type { PoolEvent } from '../pool/events';
import type { HostSpecInput } from '../host-spec';

let sshd: LoopbackSshd;
// real users, passwords and sudo need real sshd (the in-process fallback runs everything as the current user)
const sudoUser = willUseOpenSsh() ? ensureSudoTestUser() : undefined;

beforeAll(async () => {
  sshd = await startLoopbackSshd();
});
afterAll(() => sshd?.stop());

async function withPool<T>(
  spec: HostSpecInput,
  work: (pool: ConnectionPool, events: PoolEvent[]) => Promise<T>,
): Promise<T> {
  const events: PoolEvent[] = [];
  const pool = new ConnectionPool({
    hosts: [spec],
    connectRetry: { attempts: 1 },
    onEvent: (event) => events.push(event),
  });
  try {
    return await work(pool, events);
  } finally {
    await pool.close();
  }
}

describe('key files', () => {
  it('uses an encrypted key with the passphrase from a callback', async () => {
    const keyPath = join(sshd.dir, 'id_encrypted');
    appendFileSync(
      join(sshd.dir, 'authorized_keys'),
      `${generateEd25519Key(keyPath, 'correct horse battery')}\n`,
    );
    const result = await withPool(
      sshd.hostSpec({ name: 'enc', privateKey: keyPath, passphrase: () => 'correct horse battery' }),
      (pool) => pool.exec('enc', 'echo in'),
    );
    expect(result.stdout).toBe('in\n');
  });

  it('explains that an encrypted key needs a passphrase', async () => {
    const keyPath = join(sshd.dir, 'id_encrypted_2');
    generateEd25519Key(keyPath, 'secret words');
    const error = await withPool(sshd.hostSpec({ name: 'enc', privateKey: keyPath }), (pool) =>
      pool.exec('enc', 'true'),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).hint).toMatch(/passphrase/);
  });

  it('fails with AuthError naming the methods tried when the server refuses the key', async () => {
    const keyPath = join(sshd.dir, 'id_not_authorized');
    generateEd25519Key(keyPath);
    const error = await withPool(sshd.hostSpec({ name: 'nokey', privateKey: keyPath }), (pool) =>
      pool.exec('nokey', 'true'),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain(`publickey ${keyPath}`);
  });
});

describe('passwords', () => {
  it('refuses a plain-string password in the host descriptor', () => {
    expect(() => new ConnectionPool({ hosts: [{ name: 'h', password: 'hunter2' as never }] })).toThrow(
      RemoteConfigError,
    );
  });

  const withUser = sudoUser ? it : it.skip;
  withUser('logs in with a password read from a secret', async () => {
    process.env['PROVISIONING_TEST_PASSWORD'] = sudoUser?.password;
    const spec = sshd.hostSpec({
      name: 'pw',
      user: sudoUser?.name,
      privateKey: undefined,
      agent: false,
      password: { env: 'PROVISIONING_TEST_PASSWORD' },
    });
    const result = await withPool(spec, (pool) => pool.exec('pw', 'id -un'));
    expect(result.stdout).toBe(`${sudoUser?.name}\n`);
  });
});

describe('sudo', () => {
  const withUser = sudoUser ? it : it.skip;

  withUser('runs as root with the password fed on stdin, and the caller stdin after it', async () => {
    const spec = sshd.hostSpec({
      name: 'app',
      user: sudoUser?.name,
      sudoPassword: { value: sudoUser?.password ?? '' },
    });
    await withPool(spec, async (pool, events) => {
      const result = await pool.exec('app', 'id -u; cat', { sudo: true, stdin: 'payload\n' });
      expect(result).toMatchObject({ code: 0, stdout: '0\npayload\n', stderr: '' });
      const plain = await pool.exec('app', 'id -u');
      expect(plain.stdout).not.toBe('0\n');
      expect(JSON.stringify(events)).not.toContain(sudoUser?.password);
    });
  });

  withUser(
    'runs every command through sudo when the host says sudo: true, unless a command says sudo: false',
    async () => {
      const spec = sshd.hostSpec({
        name: 'app',
        user: sudoUser?.name,
        sudo: true,
        sudoPassword: { value: sudoUser?.password ?? '' },
      });
      await withPool(spec, async (pool) => {
        expect((await pool.executor('app').exec('id -u')).stdout).toBe('0\n');
        expect((await pool.exec('app', 'id -u', { sudo: false })).stdout).not.toBe('0\n');
      });
    },
  );

  withUser('fails with AuthError when sudo rejects the password, without leaking it', async () => {
    const spec = sshd.hostSpec({
      name: 'app',
      user: sudoUser?.name,
      sudoPassword: { value: 'Wrong-pw-2718' },
    });
    await withPool(spec, async (pool, events) => {
      const error = await pool
        .exec('app', 'id -u', { sudo: true, timeoutMs: 20_000 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      expect((error as Error).message).toMatch(/sudo rejected the password/);
      expect(JSON.stringify(events) + String(error)).not.toContain('Wrong-pw-2718');
    });
  });

  withUser('fails with AuthError when sudo asks and no password is configured', async () => {
    const spec = sshd.hostSpec({ name: 'app', user: sudoUser?.name });
    const error = await withPool(spec, (pool) => pool.exec('app', 'true', { sudo: true })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).hint).toMatch(/sudo_password/);
  });

  (willUseOpenSsh() ? it : it.skip)(
    'never feeds the password into the command when sudo does not ask for one (root, NOPASSWD)',
    async () => {
      const spec = sshd.hostSpec({ name: 'root', sudoPassword: { value: 'Not-asked-pw-1618' } });
      const result = await withPool(spec, (pool) =>
        pool.exec('root', 'cat', { sudo: true, stdin: 'only this' }),
      );
      expect(result.stdout).toBe('only this');
    },
  );
});

describe('canary secret', () => {
  it('never appears in results, errors or events, whichever way a command touches it', async () => {
    const canary = `canary-${process.pid}-Zx9`;
    const events: PoolEvent[] = [];
    const pool = new ConnectionPool({
      hosts: [sshd.hostSpec({ name: 'c' })],
      secrets: [canary],
      onEvent: (event) => events.push(event),
    });
    const seen: string[] = [];
    try {
      const echoed = await pool.exec('c', `echo ${canary}; echo ${canary} >&2`, { env: { TOKEN: canary } });
      seen.push(echoed.stdout, echoed.stderr);
      const viaEnv = await pool.exec('c', 'printf "%s\\n" "$TOKEN"', { env: { TOKEN: canary } });
      seen.push(viaEnv.stdout);
      for (const failing of [
        pool.exec('c', `sleep 5 # ${canary}`, { timeoutMs: 200 }),
        pool.exec('c', `echo ${canary}; sleep 5`, { timeoutMs: 300 }),
        pool.exec('c', 'true', { env: { [`BAD-${canary}`]: 'x' } }),
      ]) {
        const error = await failing.catch((e: unknown) => e);
        seen.push(String(error), JSON.stringify(error), (error as Error).stack ?? '');
      }
      const fileError = await pool
        .files('c')
        .readFile(`/nonexistent/${canary}`, { sudo: true })
        .catch((e: unknown) => e);
      seen.push(String(fileError));
    } finally {
      await pool.close();
    }
    seen.push(JSON.stringify(events));
    expect(seen.join('\n')).toContain('***');
    expect(seen.join('\n')).not.toContain(canary);
    expect(readFileSync('/proc/self/cmdline', 'utf8')).not.toContain(canary);
  });
});

describe('missing secrets', () => {
  it('reports an unset password variable as AuthError naming the variable, not as a lost connection', async () => {
    delete process.env['PROVISIONING_UNSET_SECRET'];
    const spec = sshd.hostSpec({
      name: 'nosecret',
      privateKey: undefined,
      agent: false,
      password: { env: 'PROVISIONING_UNSET_SECRET' },
    });
    const error = await withPool(spec, (pool) => pool.exec('nosecret', 'true')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain('PROVISIONING_UNSET_SECRET');
  });

  it('reports an unreadable sudo password file as AuthError', async () => {
    const spec = sshd.hostSpec({ name: 'nosudo', sudoPassword: { file: '/nonexistent/sudo-password' } });
    const error = await withPool(spec, (pool) => pool.exec('nosudo', 'true', { sudo: true })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain('/nonexistent/sudo-password');
  });
});

describe('ssh-agent', () => {
  const hasAgent = existsSync('/usr/bin/ssh-agent') && existsSync('/usr/bin/ssh-add');
  (hasAgent ? it : it.skip)(
    'authenticates with a key held only by the agent (the key file is not given)',
    async () => {
      const socket = join(sshd.dir, 'agent.sock');
      const agent = spawn('/usr/bin/ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
      try {
        for (let attempt = 0; attempt < 100 && !existsSync(socket); attempt++)
          await new Promise((resolve) => setTimeout(resolve, 20));
        execFileSync('/usr/bin/ssh-add', ['-q', sshd.clientKeyPath], {
          env: { ...process.env, SSH_AUTH_SOCK: socket },
          stdio: 'ignore',
        });
        const spec = sshd.hostSpec({ name: 'agent', privateKey: undefined, agent: socket });
        await expect(withPool(spec, (pool) => pool.exec('agent', 'echo via-agent'))).resolves.toMatchObject({
          stdout: 'via-agent\n',
        });
      } finally {
        agent.kill();
      }
    },
  );
});
