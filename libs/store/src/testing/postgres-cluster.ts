import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** Use a server you already run instead of a throwaway cluster: a superuser URL (its databases are created and dropped). */
export const TEST_POSTGRES_URL_VAR = 'PROVISIONING_TEST_POSTGRES_URL';

export interface TestPostgres {
  /** A fresh, empty database on the cluster; its connection URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster for a test suite: `initdb` in a temp dir and `pg_ctl start` on
 * 127.0.0.1 with a free port (run as the `postgres` user when the suite runs as root, since the
 * server refuses root), stopped and deleted by `stop()`. Debian's `postgresql` package provides
 * the binaries (tools/scripts/install-test-prerequisites.sh installs it).
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const external = process.env[TEST_POSTGRES_URL_VAR];
  if (external) return databasesOn(external, async () => undefined);
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'provisioning-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, command), args, { stdio: 'pipe' });
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const data = join(dir, 'data');
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    run('pg_ctl', [
      '-D',
      data,
      '-o',
      `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=on`,
      '-l',
      join(dir, 'log'),
      '-w',
      'start',
    ]);
  } catch (error) {
    const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a test PostgreSQL cluster: ${(error as Error).message}\n${log}`);
  }
  return databasesOn(`postgres://postgres@127.0.0.1:${port}/postgres`, async () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

function databasesOn(adminUrl: string, stopServer: () => Promise<void>): TestPostgres {
  const created: string[] = [];
  const admin = async <T>(work: (client: Client) => Promise<T>) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `provisioning_test_${process.pid}_${created.length}_${Date.now() % 100000}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      if (process.env[TEST_POSTGRES_URL_VAR]) {
        await admin(async (client) => {
          for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      }
      await stopServer();
    },
  };
}

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `No PostgreSQL server binaries under ${root}: the PostgreSQL workflow-store tests need them. ` +
        `Run tools/scripts/install-test-prerequisites.sh as root (it installs Debian's postgresql), or set ${TEST_POSTGRES_URL_VAR} to a superuser URL of a server you run.`,
    );
  }
  return join(root, versions[0], 'bin');
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line)
    throw new Error(
      "No postgres user on this machine; Debian's postgresql package creates it (tools/scripts/install-test-prerequisites.sh).",
    );
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
