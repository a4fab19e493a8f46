import { clusters, providers, taskservs } from '@provisioning/builtin-extensions';
import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TOKEN_FILE } from './auth/token-file';
import { startOrchestrator } from './server/start-orchestrator';

/**
 * `orchestrator start|token`: the durable workflow service as its own process (the CLI's
 * `provisioning orchestrator` commands run this). Exits 0 after a graceful SIGTERM/SIGINT.
 */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('orchestrator')
    .description('Durable batch workflows over the Provisioning engine, with an HTTP API.')
    .exitOverride();
  program
    .command('start')
    .description('Serve the API and run workers until SIGTERM.')
    .addOption(
      new Option(
        '--workspace <dir>',
        'the workspace: its .provisioning/ holds the token and the default store; steps run in it',
      )
        .env('PROVISIONING_WORKSPACE')
        .default('.'),
    )
    .addOption(
      new Option(
        '--store <location>',
        'sqlite:PATH (embedded, the default) or postgres://user@host/db (shared by several workers)',
      ).env('PROVISIONING_ORCHESTRATOR_STORE'),
    )
    .addOption(
      new Option('--workers <n>', 'workers in this process')
        .env('PROVISIONING_ORCHESTRATOR_WORKERS')
        .default('1')
        .argParser(positive('--workers')),
    )
    .addOption(
      new Option(
        '--listen <host:port>',
        'where the API listens; keep 127.0.0.1 unless a proxy with TLS fronts it',
      )
        .env('PROVISIONING_ORCHESTRATOR_LISTEN')
        .default('127.0.0.1:9090'),
    )
    .addOption(
      new Option(
        '--lease-ms <ms>',
        "how long a worker's hold on a running step lasts without renewal: a dead worker's steps are taken over after this",
      )
        .env('PROVISIONING_ORCHESTRATOR_LEASE_MS')
        .default('30000')
        .argParser(positive('--lease-ms')),
    )
    .action(
      async (options: {
        workspace: string;
        store?: string;
        workers: number | string;
        listen: string;
        leaseMs: number | string;
      }) => {
        const running = await startOrchestrator({
          workspace: options.workspace,
          store: options.store,
          workers: Number(options.workers),
          listen: options.listen,
          leaseMs: Number(options.leaseMs),
          // What the CLI ships with: workflow steps reach the same taskservs, providers and clusters.
          taskservs: byName(taskservs),
          providers: byName(providers),
          clusters: byName(clusters),
        });
        await new Promise<void>((done) => {
          const stop = () => void running.stop().then(done);
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
        });
      },
    );
  program
    .command('token')
    .description('Print the API token of a workspace (created by the first start).')
    .addOption(new Option('--workspace <dir>', 'the workspace').env('PROVISIONING_WORKSPACE').default('.'))
    .action((options: { workspace: string }) => {
      process.stdout.write(readFileSync(join(resolve(options.workspace), TOKEN_FILE), 'utf8'));
    });
  await program.parseAsync(argv, { from: 'user' });
}

function positive(flag: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a whole number ≥ 1, not "${value}"`);
    return n;
  };
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error & { code?: string; exitCode?: number }) => {
    if (error.code?.startsWith('commander.')) process.exit(error.exitCode ?? 2);
    process.stderr.write(`orchestrator: ${error.message}\n`);
    process.exit(1);
  });
}

function byName<T extends { name: string }>(definitions: readonly T[]): ReadonlyMap<string, T> {
  return new Map(definitions.map((definition) => [definition.name, definition]));
}
