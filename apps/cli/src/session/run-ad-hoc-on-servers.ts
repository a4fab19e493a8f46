import type { CommandContext } from '../cli/command-definition';
import { ExitCode } from '../cli/errors';
import { runAdHocCommand } from './ad-hoc-command';
import type { AdHocOptionValues } from './ad-hoc-options';
import { asCliError, openInfraSession } from './infra-session';
import { interruptSignal } from './interrupt-signal';
import { renderAdHocResult } from './render-ad-hoc-result';

/** Opens the infra, runs the command on the selected servers (all when `servers` is undefined), prints the result. */
export async function runAdHocOnServers(ctx: CommandContext, command: string, servers: string | undefined, options: AdHocOptionValues): Promise<number> {
  const session = await openInfraSession(ctx, { infra: options.infra, servers, parallel: options.parallel, acceptNewHostKeys: options.acceptNewHostKeys });
  const interrupt = interruptSignal();
  try {
    const hosts = session.infra.servers.map((server) => server.name).filter((name) => !session.servers || session.servers.has(name));
    const timeoutSeconds = options.timeout ?? session.settings.run.timeout;
    const result = await runAdHocCommand(session.pool, ctx.out, {
      command,
      hosts,
      sudo: options.sudo,
      timeoutMs: timeoutSeconds ? timeoutSeconds * 1000 : undefined,
      parallel: session.settings.run.parallelism ?? 10,
      signal: interrupt.signal,
    });
    ctx.out.result(result, renderAdHocResult);
    return result.failed > 0 ? ExitCode.error : ExitCode.ok;
  } catch (error) {
    throw asCliError(error);
  } finally {
    interrupt.dispose();
    await session.close();
  }
}
