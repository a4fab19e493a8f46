import { inventoryFiles } from '@provisioning/testbed';
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, CLI_BUNDLE, provisioning, type CliRun } from '../support/cli';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { recordedPool, rootSpec } from '../support/remote-pool';

// An extension's whole life against a real host: made outside any repository with `extension new`,
// linked into a workspace and applied; packed, signed and published to a registry served over
// HTTP by `registry serve`; installed by a second workspace from the first one's lock file and
// applied; then a new version published, updated to, and planned: the plan shows exactly the one
// operation the new version adds.
describeOnTestbed(
  'provisioning extensions: new, link, publish, serve, install from the lock, update',
  (testbed) => {
    let sandbox: string;
    let target: string;
    let server: ChildProcess | undefined;
    let registryUrl: string;
    const env = () => ({ PROVISIONING_HOME: join(sandbox, 'home') });
    const run = (cwd: string, ...args: string[]): Promise<CliRun> => provisioning(cwd, args, env());
    const ok = async (cwd: string, ...args: string[]): Promise<CliRun> => {
      const result = await run(cwd, ...args);
      if (result.code !== 0)
        throw new Error(
          `provisioning ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`,
        );
      return result;
    };
    const extensionDir = () => join(sandbox, 'src', 'hello-e2e');
    const onHost = async (command: string) => {
      const { pool } = recordedPool([rootSpec(testbed(), hostAt(testbed(), 3))]);
      try {
        return await pool.exec(target, command);
      } finally {
        await pool.close();
      }
    };

    function workspace(name: string, registries: string): string {
      const root = join(sandbox, name);
      mkdirSync(join(root, 'infra', 'testbed'), { recursive: true });
      writeFileSync(join(root, 'provisioning.yaml'), `name: ${name}\ndefault_infra: testbed\n${registries}`);
      copyFileSync(inventoryFiles().yaml, join(root, 'infra', 'testbed', 'servers.yaml'));
      writeFileSync(
        join(root, 'infra', 'testbed', 'taskservs.yaml'),
        `taskservs:\n  - name: hello-e2e\n    version: ^0.1.0\n    servers: [${target}]\n`,
      );
      return root;
    }

    beforeAll(async () => {
      assertCliBuilt();
      sandbox = mkdtempSync(join(tmpdir(), 'e2e-extensions-'));
      target = hostAt(testbed(), 3).name;
      await onHost('rm -rf /etc/hello-e2e');
    });
    afterAll(async () => {
      server?.kill('SIGTERM');
      await onHost('rm -rf /etc/hello-e2e').catch(() => undefined);
      rmSync(sandbox, { recursive: true, force: true });
    });

    it('creates an extension outside the repository, links it and applies it to a host', async () => {
      await ok(sandbox, 'extension', 'new', 'hello-e2e', '--kind', 'taskserv', '--dir', extensionDir());
      const first = workspace('first', '');
      await ok(first, 'extension', 'link', extensionDir());
      expect((await ok(first, 'taskserv', 'list')).stdout).toMatch(/^hello-e2e\s+0\.1\.0\s+linked\s/m);
      await ok(first, 'apply', '--yes');
      expect((await onHost('stat -c %F /etc/hello-e2e')).stdout).toBe('directory\n');
    });

    it('publishes it signed to a registry that `registry serve` serves over HTTP', async () => {
      const key = JSON.parse(
        (await ok(sandbox, 'registry', 'keygen', '--out', join(sandbox, 'keys', 'team'), '--output', 'json'))
          .stdout,
      );
      const packed = JSON.parse(
        (
          await ok(
            sandbox,
            'extension',
            'pack',
            extensionDir(),
            '--out',
            join(sandbox, 'out'),
            '--output',
            'json',
          )
        ).stdout,
      );
      await ok(
        sandbox,
        'registry',
        'publish',
        packed.file,
        '--registry',
        join(sandbox, 'registry'),
        '--key',
        key.privateKey,
      );
      server = spawn(
        process.execPath,
        [
          CLI_BUNDLE,
          'registry',
          'serve',
          join(sandbox, 'registry'),
          '--listen',
          '127.0.0.1:0',
          '--output',
          'json',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      registryUrl = await new Promise<string>((resolve, reject) => {
        let out = '';
        server?.stdout?.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /"url": "([^"]+)"/.exec(out);
          if (match) resolve(match[1]);
        });
        server?.once('exit', (code) => reject(new Error(`registry serve exited ${code}`)));
      });
      writeFileSync(
        join(sandbox, 'registries.yaml'),
        `registries:\n  - name: team\n    url: ${registryUrl}\n    public_key: ${key.publicKey}\n`,
      );
      const first = join(sandbox, 'first');
      writeFileSync(
        join(first, 'provisioning.yaml'),
        `name: first\ndefault_infra: testbed\n${readFileSync(join(sandbox, 'registries.yaml'), 'utf8')}`,
      );
      await ok(first, 'extension', 'unlink', 'hello-e2e');
      const installed = JSON.parse(
        (await ok(first, 'extension', 'install', 'hello-e2e@^0.1.0', '--output', 'json')).stdout,
      );
      expect(installed.changes).toEqual([
        { name: 'hello-e2e', kind: 'taskserv', to: '0.1.0', registry: 'team' },
      ]);
    });

    it('installs a second workspace from the lock file alone and applies it (nothing left to change)', async () => {
      const second = workspace('second', readFileSync(join(sandbox, 'registries.yaml'), 'utf8'));
      copyFileSync(join(sandbox, 'first', 'provisioning.lock'), join(second, 'provisioning.lock'));
      await ok(second, 'extension', 'install', '--frozen');
      expect((await ok(second, 'taskserv', 'list')).stdout).toMatch(/^hello-e2e\s+0\.1\.0\s+workspace\s/m);
      await ok(second, 'apply', '--yes');
      expect((await run(second, 'plan', '--detailed-exitcode')).code).toBe(0);
    });

    it('updates to a new version, and the plan shows exactly the operation that version adds', async () => {
      const source = join(extensionDir(), 'src', 'index.ts');
      const scaffolded = readFileSync(source, 'utf8');
      const directoryLine = "    directory({ path: params.config_dir, mode: '0755' }),\n";
      // The scaffold's text is this test's input: if `extension new` changes it, say so here rather
      // than publish an unchanged 0.1.1 and fail on an empty plan.
      expect(scaffolded).toContain(directoryLine);
      expect(scaffolded).toContain("version: '0.1.0'");
      const code = scaffolded
        .replace("version: '0.1.0'", "version: '0.1.1'")
        .replace(
          directoryLine,
          `${directoryLine}    file({ path: \`\${params.config_dir}/version\`, content: '0.1.1\\n', mode: '0644' }),\n`,
        );
      writeFileSync(source, code);
      const manifest = join(extensionDir(), 'manifest.yaml');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('version: 0.1.0', 'version: 0.1.1'));
      const key = join(sandbox, 'keys', 'team');
      const packed = JSON.parse(
        (
          await ok(
            sandbox,
            'extension',
            'pack',
            extensionDir(),
            '--out',
            join(sandbox, 'out'),
            '--output',
            'json',
          )
        ).stdout,
      );
      await ok(
        sandbox,
        'registry',
        'publish',
        packed.file,
        '--registry',
        join(sandbox, 'registry'),
        '--key',
        key,
      );

      const second = join(sandbox, 'second');
      const updated = JSON.parse((await ok(second, 'extension', 'update', '--output', 'json')).stdout);
      expect(updated.changes).toEqual([
        { name: 'hello-e2e', kind: 'taskserv', from: '0.1.0', to: '0.1.1', registry: 'team' },
      ]);
      const planned = await run(second, 'plan', '--detailed-exitcode', '--output', 'json');
      expect(`exit ${planned.code}\n${planned.stderr}`).toMatch(/^exit 2\n/);
      const plan = JSON.parse(planned.stdout);
      const changed = plan.hosts.flatMap(
        (host: { host: string; operations: { id: string; status: string; reason?: string }[] }) =>
          host.operations
            .filter((op) => op.status !== 'unchanged')
            .map((op) => `${host.host} ${op.id} ${op.status}${op.reason ? ` ${op.reason}` : ''}`),
      );
      expect(changed).toEqual([`${target} hello-e2e/file:/etc/hello-e2e/version change`]);
      await ok(second, 'apply', '--yes');
      expect((await onHost('cat /etc/hello-e2e/version')).stdout).toBe('0.1.1\n');
    });
  },
);
