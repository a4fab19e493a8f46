import { Option, type Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError, UsageError } from '../../../cli/errors';
import { HttpWorkflowClient } from './http-workflow-client';
import { LocalWorkflowClient } from './local-workflow-client';
import type { WorkflowClient } from './workflow-client';

export interface ClientOptionValues {
  orchestrator?: string;
  token?: string;
}

/** `--orchestrator URL` and `--token`, on every workflow subcommand. */
export function addClientOptions(command: Command): void {
  command
    .addOption(
      new Option(
        '--orchestrator <url>',
        "an orchestrator to talk to (http://host:port); without it, the workspace's embedded store, run in this process",
      ).env('PROVISIONING_ORCHESTRATOR_URL'),
    )
    .addOption(
      new Option(
        '--token <token>',
        "the orchestrator's API token (default: the workspace's .provisioning/orchestrator.token)",
      ).env('PROVISIONING_ORCHESTRATOR_TOKEN'),
    );
}

/** The orchestrator's client when one is named, else the workspace's embedded store in-process. */
export async function openWorkflowClient(
  ctx: CommandContext,
  options: ClientOptionValues,
): Promise<WorkflowClient> {
  const { findWorkspaceRoot } = await import('@provisioning/config');
  const workspace = ctx.global.workspace ? join(ctx.cwd, ctx.global.workspace) : findWorkspaceRoot(ctx.cwd);
  if (options.orchestrator) {
    let url: URL;
    try {
      url = new URL(options.orchestrator);
    } catch {
      throw new UsageError(
        `--orchestrator ${options.orchestrator} is not a URL`,
        'e.g. --orchestrator http://127.0.0.1:9090',
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new UsageError(`--orchestrator must be an http:// or https:// URL, not ${url.protocol}`);
    const tokenFile = workspace ? join(workspace, '.provisioning', 'orchestrator.token') : undefined;
    const token =
      options.token ??
      (tokenFile && existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
    if (!token)
      throw new CliError(
        `no API token for ${url.origin}`,
        "pass --token (or PROVISIONING_ORCHESTRATOR_TOKEN); 'provisioning orchestrator token' prints it on the orchestrator's machine",
      );
    return new HttpWorkflowClient(url.origin + url.pathname.replace(/\/$/, ''), token);
  }
  if (!workspace)
    throw new CliError(
      `no provisioning.yaml in ${ctx.cwd} or any parent directory`,
      'run inside a workspace (its .provisioning/workflows.db holds the workflows), or name an orchestrator with --orchestrator URL',
    );
  const [{ builtinTaskservs }, { builtinClusters, builtinProviders }] = await Promise.all([
    import('../../../engine/builtin-taskservs.js'),
    import('../../../engine/builtin-providers.js'),
  ]);
  return LocalWorkflowClient.open(workspace, {
    env: ctx.env,
    taskservs: ctx.taskservs ?? builtinTaskservs(),
    providers: ctx.providers ?? builtinProviders(),
    clusters: ctx.clusters ?? builtinClusters(),
  });
}
