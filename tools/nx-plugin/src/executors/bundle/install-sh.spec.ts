import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { writeDeterministicTarball } from '@provisioning/extensions';
import { collectBundleContents } from '../../lib/bundle-contents';

// A real CLI build and real installs, on a loaded machine.
jest.setTimeout(60_000);

const repo = join(__dirname, '..', '..', '..', '..', '..');
const installer = join(repo, 'libs', 'distribution', 'install', 'install.sh');

/**
 * install.sh as a new user meets it: a real bundle (the CLI built by apps/cli/build.js, a package,
 * versions.yaml), installed into an empty prefix with a bare PATH and HOME, ending with
 * `provisioning --version` found on the prefix's bin.
 */
describe('install.sh', () => {
  let sandbox: string;
  let bundle: string;
  const bareEnv = (extra: Record<string, string> = {}) => ({
    HOME: join(sandbox, 'home'),
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    ...extra,
  });
  const install = (...args: string[]) =>
    spawnSync('sh', [installer, ...args], { encoding: 'utf8', cwd: sandbox, env: bareEnv() });

  beforeAll(async () => {
    mkdirSync(join(repo, 'tmp'), { recursive: true });
    sandbox = mkdtempSync(join(repo, 'tmp', 'install-sh-'));
    const workspace = join(sandbox, 'workspace');
    mkdirSync(join(workspace, 'dist', 'packages', 'taskserv-redis'), { recursive: true });
    execFileSync(process.execPath, [join(repo, 'apps', 'cli', 'build.js')], {
      env: { ...process.env, PROVISIONING_CLI_OUTDIR: join(workspace, 'dist', 'apps', 'cli') },
    });
    copyFileSync(join(repo, 'versions.yaml'), join(workspace, 'versions.yaml'));
    writeFileSync(
      join(workspace, 'dist', 'packages', 'taskserv-redis', 'taskserv-redis-0.1.0.tgz'),
      'a package',
    );
    const collected = collectBundleContents(workspace, {
      name: 'stable',
      version: '0.1.0',
      coreVersion: '0.1.0',
      cliDir: 'dist/apps/cli',
      extensions: [{ id: 'taskserv-redis', version: '0.1.0' }],
      templates: [],
      packagesPath: 'dist/packages',
    });
    if (!collected.ok) throw new Error(collected.errors.join('\n'));
    bundle = (await writeDeterministicTarball(collected.entries, join(sandbox, 'out', 'stable-0.1.0.tgz')))
      .file;
    mkdirSync(join(sandbox, 'home'));
  }, 180_000);
  afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

  it('installs a local bundle into a prefix, and provisioning --version runs from its bin on PATH', () => {
    const prefix = join(sandbox, 'prefix');
    const run = install('--prefix', prefix, bundle);
    expect(`${run.status}\n${run.stderr}`).toBe('0\n');
    expect(run.stdout).toContain(
      `installed provisioning stable 0.1.0 into ${prefix}/lib/provisioning/stable-0.1.0`,
    );
    expect(readdirSync(join(prefix, 'lib', 'provisioning', 'current', 'extensions'))).toEqual([
      'taskserv-redis-0.1.0.tgz',
    ]);
    const version = spawnSync('sh', ['-c', 'provisioning --version'], {
      encoding: 'utf8',
      cwd: join(sandbox, 'home'),
      env: bareEnv({ PATH: `${prefix}/bin:${bareEnv().PATH}` }),
    });
    expect(`${version.status} ${version.stdout}${version.stderr}`).toBe(
      `0 ${JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version}\n`,
    );
    const check = spawnSync('sh', ['-c', 'provisioning version --check --output json'], {
      encoding: 'utf8',
      cwd: join(sandbox, 'home'),
      env: bareEnv({ PATH: `${prefix}/bin:${bareEnv().PATH}` }),
    });
    expect(JSON.parse(check.stdout)).toMatchObject({
      coreKnown: true,
      matrix: `${prefix}/lib/provisioning/stable-0.1.0/versions.yaml`,
      problems: 0,
    });
  });

  it('installs from a URL, taking the sha256 from BUNDLE.sha256 beside it', async () => {
    const server = createServer((request, response) => {
      const file = join(sandbox, 'out', (request.url ?? '/').slice(1));
      if (existsSync(file)) response.end(readFileSync(file));
      else response.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stable-0.1.0.tgz`;
      const result = await new Promise<{ status: number | null; stderr: string }>((done) => {
        const child = spawn('sh', [installer, '--prefix', join(sandbox, 'from-url'), url], {
          env: bareEnv(),
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
        child.on('close', (status: number | null) => done({ status, stderr }));
      });
      expect(`${result.status}\n${result.stderr}`).toBe('0\n');
      expect(existsSync(join(sandbox, 'from-url', 'bin', 'provisioning'))).toBe(true);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('refuses a bundle whose sha256 differs and installs nothing', () => {
    const tampered = join(sandbox, 'tampered.tgz');
    const bytes = readFileSync(bundle);
    bytes[bytes.length - 30] ^= 0xff;
    writeFileSync(tampered, bytes);
    copyFileSync(`${bundle}.sha256`, `${tampered}.sha256`);
    const run = install('--prefix', join(sandbox, 'refused'), tampered);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /the bundle's sha256 is [0-9a-f]{64}, expected [0-9a-f]{64}: refused, nothing installed/,
    );
    expect(existsSync(join(sandbox, 'refused'))).toBe(false);
  });

  it('refuses a bundle whose content does not match its SHA256SUMS, even with a matching outer sha256', async () => {
    const collected = collectBundleContents(join(sandbox, 'workspace'), {
      name: 'stable',
      version: '0.1.0',
      coreVersion: '0.1.0',
      cliDir: 'dist/apps/cli',
      extensions: [],
      templates: [],
      packagesPath: 'dist/packages',
    });
    if (!collected.ok) throw new Error(collected.errors.join('\n'));
    const entries = collected.entries.map((entry) =>
      entry.path === 'bundle/bundle.yaml' ? { ...entry, content: `${entry.content}# altered\n` } : entry,
    );
    const altered = await writeDeterministicTarball(entries, join(sandbox, 'altered', 'stable-0.1.0.tgz'));
    const run = install('--prefix', join(sandbox, 'refused-2'), altered.file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/does not match SHA256SUMS: refused, nothing installed/);
    expect(existsSync(join(sandbox, 'refused-2'))).toBe(false);
  });
});
