import type { CommandContext } from '../../../cli/command-definition';
import { ExitCode } from '../../../cli/errors';
import { asCliError, openInfraFor } from '../../../engine/open-infra-for-command';
import { interruptSignal } from '../../../prompt/interrupt-signal';
import { renderFacts } from './render-facts';

interface FactsOptionValues {
  infra?: string;
  servers?: string;
  parallel?: number;
  acceptNewHostKeys?: boolean;
}

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as FactsOptionValues;
  const infra = await openInfraFor(ctx, options);
  const interrupt = interruptSignal();
  try {
    const hosts = await infra.serverFacts({ servers: options.servers, signal: interrupt.signal });
    ctx.out.result({ infra: infra.name, hosts }, renderFacts);
    return hosts.some((result) => result.error) ? ExitCode.error : ExitCode.ok;
  } catch (error) {
    throw asCliError(error);
  } finally {
    interrupt.dispose();
    await infra.close();
  }
}
