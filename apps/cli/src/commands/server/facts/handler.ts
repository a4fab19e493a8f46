import { collectServerFacts, type HostFactsResult } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import { ExitCode } from '../../../cli/errors';
import { asCliError, openInfraSession } from '../../../session/infra-session';
import { interruptSignal } from '../../../session/interrupt-signal';
import { renderFacts } from './render-facts';

interface FactsOptionValues {
  infra?: string;
  servers?: string;
  parallel?: number;
  acceptNewHostKeys?: boolean;
}

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as FactsOptionValues;
  const session = await openInfraSession(ctx, options);
  const interrupt = interruptSignal();
  try {
    const hosts = session.infra.servers
      .map((server) => server.name)
      .filter((name) => !session.servers || session.servers.has(name));
    const results: HostFactsResult[] = await collectServerFacts({
      hosts,
      executorFor: (host) => session.pool.executor(host),
      parallel: session.settings.run.parallelism ?? 10,
      timeoutMs: (session.settings.run.timeout ?? 60) * 1000,
      signal: interrupt.signal,
    });
    ctx.out.result({ infra: session.infra.name, hosts: results }, renderFacts);
    return results.some((result) => result.error) ? ExitCode.error : ExitCode.ok;
  } catch (error) {
    throw asCliError(error);
  } finally {
    interrupt.dispose();
    await session.close();
  }
}
