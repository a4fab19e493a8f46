// `npm run bench:extensions`: installing 20 extensions from a registry served over HTTP on
// 127.0.0.1 by `provisioning registry serve`, cold (empty cache) and from the cache (a second workspace,
// --frozen, server stopped), through the built CLI; then the CLI's start-up inside a workspace with
// 50 installed extensions beside a bare `node -e 0`. Writes docs/benchmarks.md (section extensions).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateSigningKeyPair, privateKeyObject, publishToDirectory } from '@provisioning/extensions';
import { testTaskservTarball } from '@provisioning/extensions/testing';

const root = resolve(__dirname, '../..');
const cli = join(root, 'dist/apps/cli/main.mjs');
const RUNS = Number(process.env.RUNS ?? 15);

function time(args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function workspace(dir: string, url: string, publicKey: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'provisioning.yaml'),
    `name: bench\nregistries:\n  - name: team\n    url: ${url}\n    public_key: ${publicKey}\n`,
  );
  return dir;
}

async function main(): Promise<void> {
  if (!existsSync(cli))
    throw new Error('dist/apps/cli/main.mjs is missing: run `npx nx run cli:build` first.');
  const sandbox = mkdtempSync(join(tmpdir(), 'bench-extensions-'));
  try {
    const key = generateSigningKeyPair();
    const registry = join(sandbox, 'registry');
    const names = Array.from({ length: 50 }, (_, i) => `bench-${String(i + 1).padStart(2, '0')}`);
    for (const name of names)
      await publishToDirectory(
        registry,
        testTaskservTarball({ name, version: '1.0.0' }),
        privateKeyObject(key.privateKeyPem, 'key'),
      );

    // `registry serve` in its own process: the timed CLI runs block this one.
    const server = spawn(
      process.execPath,
      [cli, 'registry', 'serve', registry, '--listen', '127.0.0.1:0', '--output', 'json'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const served = {
      url: await new Promise<string>((resolvePromise, reject) => {
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /"url": "([^"]+)"/.exec(out);
          if (match) resolvePromise(match[1]);
        });
        server.once('exit', (code) => reject(new Error(`registry serve exited ${code}`)));
      }),
      close: async () => void server.kill('SIGTERM'),
    };
    const twenty = names.slice(0, 20);
    const cold: number[] = [];
    const cached: number[] = [];
    const runs = Number(process.env.INSTALL_RUNS ?? 5);
    try {
      for (let run = 0; run < runs; run++) {
        const home = join(sandbox, `home-${run}`);
        const ws = workspace(join(sandbox, `cold-${run}`), served.url, key.publicKey);
        cold.push(time([cli, 'extension', 'install', ...twenty], ws, { PROVISIONING_HOME: home }));
        const again = workspace(join(sandbox, `cached-${run}`), served.url, key.publicKey);
        copyFileSync(join(ws, 'provisioning.lock'), join(again, 'provisioning.lock'));
        cached.push(time([cli, 'extension', 'install', '--frozen'], again, { PROVISIONING_HOME: home }));
      }
      // 50 installed for the start-up figures.
      const fifty = workspace(join(sandbox, 'fifty'), served.url, key.publicKey);
      time([cli, 'extension', 'install', ...names], fifty, {
        PROVISIONING_HOME: join(sandbox, 'home-fifty'),
      });
    } finally {
      await served.close();
    }

    const fifty = join(sandbox, 'fifty');
    const env = { PROVISIONING_HOME: join(sandbox, 'home-fifty') };
    const startup = [
      ['node -e 0 (baseline)', ['-e', '0']],
      ['provisioning --version', [cli, '--version']],
      ['provisioning taskserv --help', [cli, 'taskserv', '--help']],
      ['provisioning extension list (reads 50 manifests, loads no code)', [cli, 'extension', 'list']],
    ] as const;
    const startupRows = startup.map(([name, args]) => {
      for (let i = 0; i < 3; i++) time([...args], fifty, env);
      return { name, median: median(Array.from({ length: RUNS }, () => time([...args], fifty, env))) };
    });
    const baseline = startupRows[0].median;

    const table = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (load average ${loadavg()[0].toFixed(1)} at the end), Node ${process.version}.`,
      '',
      `| install 20 extensions over HTTP (127.0.0.1), median of ${runs} | ms |`,
      '| --- | ---: |',
      `| cold: empty cache, resolve + fetch + verify + extract + load-check (\`extension install\` x20) | ${median(cold).toFixed(0)} |`,
      `| cached: second workspace, \`install --frozen\` from the lock, tarballs from the cache | ${median(cached).toFixed(0)} |`,
      '',
      `| start-up in a workspace with 50 installed extensions, median of ${RUNS} | ms | minus bare node |`,
      '| --- | ---: | ---: |',
      ...startupRows.map(
        (row) => `| \`${row.name}\` | ${row.median.toFixed(1)} | ${(row.median - baseline).toFixed(1)} |`,
      ),
    ].join('\n');
    console.log(table);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { replaceSection } = require('../../tools/scripts/benchmarks-doc');
    replaceSection(join(root, 'docs/benchmarks.md'), 'extensions', table);
    console.log('\nwrote docs/benchmarks.md (section extensions)');
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
