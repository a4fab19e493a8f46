import { resolveSettings, type Settings } from '@provisioning/config';
import { addFoundHosts, type FoundSshHost, scanNetwork, type ScanResult } from '@provisioning/engine';
import type { CommandContext } from '../../cli/command-definition';
import { CliError, ExitCode, UsageError } from '../../cli/errors';
import { asCliError } from '../../engine/open-infra-for-command';
import { workspaceRootFor } from '../../engine/workspace-root';
import { confirm } from '../../prompt/confirm';
import { interruptSignal } from '../../prompt/interrupt-signal';
import { renderScan } from './render-scan';

interface ScanOptionValues {
  cidr: string;
  port: number;
  timeout: number;
  concurrency: number;
  force?: boolean;
  addTo?: string;
  namePrefix: string;
  user?: string;
  label?: string[] | string;
}

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as unknown as ScanOptionValues;
  const labels = parseLabels(options.label);
  const root = await workspaceRootFor(ctx, { required: Boolean(options.addTo) });
  const settings: Settings | undefined = root
    ? resolveSettings({ workspaceRoot: root, infra: options.addTo, env: ctx.env }).settings
    : undefined;
  const interrupt = interruptSignal();
  let result: ScanResult;
  try {
    const progress = ctx.out.liveTerminal(ctx.env);
    result = await scanNetwork({
      cidr: options.cidr,
      port: options.port,
      timeoutMs: options.timeout,
      concurrency: options.concurrency,
      maxAddresses: options.force ? 65_536 : undefined,
      signal: interrupt.signal,
      workspace: root && settings ? { root, settings } : undefined,
      onProgress: progress
        ? (done, total) => progress.write(`\r\u001b[2Kscanned ${done}/${total}`)
        : undefined,
    });
    progress?.write('\r\u001b[2K');
  } catch (error) {
    throw asCliError(error);
  } finally {
    interrupt.dispose();
  }
  if (!options.addTo || !root || !settings) {
    ctx.out.result(result, renderScan);
    return ExitCode.ok;
  }
  const additions = result.found.map((found) => ({
    found,
    server: {
      name: serverName(options.namePrefix, found),
      address: found.address,
      ...(found.port !== 22 ? { port: found.port } : {}),
      user: options.user,
      labels,
    },
  }));
  if (additions.length === 0) {
    ctx.out.result({ ...result, added: [] }, renderScan);
    return ExitCode.ok;
  }
  if (ctx.global.check) {
    ctx.out.result({ ...result, added: [] }, renderScan);
    ctx.out.info(`--check: would add ${additions.length} server(s) to infra ${options.addTo}`);
    return ExitCode.usageOrChanges;
  }
  if (!ctx.global.yes) {
    await confirm(
      ctx,
      renderScan(result, ctx.out.errStyle),
      `Add these ${additions.length} host(s) to infra ${options.addTo} and trust the host keys shown?`,
      {
        message: `adding hosts trusts their host keys and nobody is there to confirm the fingerprints`,
        hint: 'compare the fingerprints above with each host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then pass --yes',
      },
    );
  }
  try {
    const added = addFoundHosts({ workspaceRoot: root, settings, infra: options.addTo, hosts: additions });
    ctx.out.result(
      {
        ...result,
        added: added.added,
        skipped: added.skipped,
        file: added.file,
        knownHostsFile: added.knownHostsFile,
      },
      (data, style) =>
        [
          renderScan(result, style),
          `Added ${data.added.length} server(s) to ${data.file}${data.added.length ? `: ${data.added.map((s) => s.name).join(', ')}` : ''}; keys recorded in ${data.knownHostsFile}.`,
          ...data.skipped.map((skip) => style.yellow(`skipped ${skip.server.address}: ${skip.reason}`)),
          '',
        ].join('\n'),
    );
    return ExitCode.ok;
  } catch (error) {
    throw error instanceof Error && !('hint' in error)
      ? new CliError(error.message, 'nothing was added; fix the infra files and scan again')
      : asCliError(error);
  }
}

function serverName(prefix: string, found: FoundSshHost): string {
  return `${prefix}-${found.address.replace(/\./g, '-')}${found.port === 22 ? '' : `-${found.port}`}`;
}

function parseLabels(value: string[] | string | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter(Boolean);
  const bad = items.find((item) => !/^[^=]+=[^=]*$/.test(item));
  if (bad)
    throw new UsageError(`--label ${bad} is not key=value`, 'e.g. --label role=pi --label site=garage');
  return Object.fromEntries(items.map((item) => item.split('=', 2) as [string, string]));
}
