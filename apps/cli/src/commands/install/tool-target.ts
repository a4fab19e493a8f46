import { HOST_TOOL_LAYOUT, localToolLayout, type ToolLayout } from '@provisioning/distribution';
import { LOCAL_SERVER, localExecutor, localInfra, type RunContext } from '@provisioning/engine';
import type { Executor } from '@provisioning/sdk';
import { homedir } from 'node:os';
import type { CommandContext } from '../../cli/command-definition';
import { type InfraSession, openInfraSession } from '../../session/infra-session';
import type { TargetOptionValues } from './install-options';

/** Where tools are installed: this machine (no workspace needed) or the selected servers of an infra. */
export interface ToolTarget {
  layout: ToolLayout;
  hosts: string[];
  executorFor(host: string): Executor;
  runContext(action: RunContext['action'], extra: Partial<RunContext>): RunContext;
  /** Present for servers: the run is recorded and asks before changing hosts. */
  session?: InfraSession;
  close(): Promise<void>;
}

export async function openToolTarget(ctx: CommandContext, options: TargetOptionValues): Promise<ToolTarget> {
  if (options.servers === undefined) {
    const executor = localExecutor();
    const infra = localInfra();
    return {
      layout: localToolLayout(ctx.env.HOME ?? homedir()),
      hosts: [LOCAL_SERVER],
      executorFor: () => executor,
      runContext: (action, extra) => ({
        infra,
        workspaceName: 'local',
        resolveTaskserv: () => undefined,
        executorFor: () => executor,
        action,
        parallel: 1,
        env: ctx.env,
        ...extra,
      }),
      close: async () => undefined,
    };
  }
  const session = await openInfraSession(ctx, {
    ...options,
    servers: options.servers === 'all' ? undefined : options.servers,
  });
  const hosts = session.infra.servers
    .map((server) => server.name)
    .filter((name) => !session.servers || session.servers.has(name));
  return {
    layout: HOST_TOOL_LAYOUT,
    hosts,
    executorFor: (host) => session.pool.executor(host),
    runContext: (action, extra) => session.runContext(action, extra),
    session,
    close: () => session.close(),
  };
}
