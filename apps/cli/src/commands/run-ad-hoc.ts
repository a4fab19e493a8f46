import type { CommandContext } from '../cli/command-definition';
import { ExitCode } from '../cli/errors';
import { asCliError, openInfraFor } from '../engine/open-infra-for-command';
import type { AdHocOptionValues } from '../options/run-options';
import { interruptSignal } from '../prompt/interrupt-signal';
import { renderAdHocResult } from '../render/render-ad-hoc-result';

/** `run` and `server exec`: one command line on the selected servers through the engine, output streamed per host. */
export async function runAdHoc(
  ctx: CommandContext,
  command: string,
  options: AdHocOptionValues & { servers?: string },
): Promise<number> {
  const infra = await openInfraFor(ctx, options);
  const interrupt = interruptSignal();
  try {
    const width = Math.max(...infra.selectServers(options.servers).map((host) => host.length));
    const result = await infra.runCommand(command, {
      servers: options.servers,
      sudo: options.sudo,
      ...(options.timeout ? { timeoutMs: options.timeout * 1000 } : {}),
      signal: interrupt.signal,
      onEvent: (event) => {
        const style = event.stream === 'stdout' ? ctx.out.style : ctx.out.errStyle;
        ctx.out.resultLine(`${style.dim(`${event.host.padEnd(width)} |`)} ${event.line}`, event.stream);
      },
    });
    ctx.out.result(result, renderAdHocResult);
    return result.failed > 0 ? ExitCode.error : ExitCode.ok;
  } catch (error) {
    throw asCliError(error);
  } finally {
    interrupt.dispose();
    await infra.close();
  }
}
