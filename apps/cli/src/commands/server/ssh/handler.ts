import { spawn } from 'node:child_process';
import { constants, homedir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError, UsageError } from '../../../cli/errors';
import { asCliError, openInfraFor } from '../../../engine/open-infra-for-command';
import { sshArgv } from './ssh-argv';

export async function run(ctx: CommandContext): Promise<number> {
  const name = ctx.args[0];
  if (/[,=]/.test(name))
    throw new UsageError(
      `server ssh takes one server name, not the selection "${name}"`,
      "list them with 'provisioning server list'",
    );
  const infra = await openInfraFor(ctx, { infra: ctx.options.infra as string | undefined });
  let argv: string[];
  try {
    infra.selectServers(name);
    const server = infra.servers.find((candidate) => candidate.name === name);
    if (server?.provider === 'local') {
      throw new CliError(
        `${name} is this machine (provider local): there is nothing to ssh into`,
        `run commands on it with 'provisioning server exec ${name} -- CMD'`,
      );
    }
    const spec = infra.hostSpecs().find((candidate) => candidate.name === name);
    if (!spec)
      throw new CliError(
        `no connection settings for ${name}`,
        "check its entry with 'provisioning validate'",
      );
    const ssh = infra.settings.ssh;
    argv = sshArgv(spec, {
      knownHostsFiles: [infra.workspaceKnownHosts, join(ctx.env.HOME ?? homedir(), '.ssh', 'known_hosts')],
      strictHostKeyChecking: ssh.strict_host_key_checking === 'accept-new' ? 'accept-new' : 'yes',
    });
  } catch (error) {
    throw asCliError(error);
  } finally {
    await infra.close();
  }
  ctx.out.debug(`ssh ${argv.join(' ')}`);
  return runInteractive(argv, ctx);
}

/**
 * The terminal belongs to ssh until it exits; its exit code is ours (255: ssh itself failed).
 * Ctrl-C reaches ssh and us alike: we ignore it meanwhile, so ssh decides what it means.
 */
function runInteractive(argv: string[], ctx: CommandContext): Promise<number> {
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  return new Promise<number>((resolve, reject) => {
    const child = spawn('ssh', argv, { stdio: 'inherit', env: ctx.env, cwd: ctx.cwd });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new CliError(
              'the ssh client is not installed: no "ssh" on PATH',
              "install OpenSSH (Debian/Ubuntu: apt-get install openssh-client; RHEL: dnf install openssh-clients; macOS has it), or use 'provisioning server exec'",
            )
          : new CliError(
              `could not start ssh: ${error.message}`,
              'check that "ssh" on PATH is an executable OpenSSH client',
            ),
      );
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  }).finally(() => process.removeListener('SIGINT', ignore));
}
