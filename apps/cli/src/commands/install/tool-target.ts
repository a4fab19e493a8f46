import { HOST_TOOL_LAYOUT, localToolLayout, type ToolLayout } from '@provisioning/distribution';
import {
  apply,
  type EngineEventListener,
  LOCAL_SERVER,
  localExecutor,
  localInfra,
  plan,
  resolverFor,
  type RunAction,
  type RunPlan,
  type RunResult,
  withAdHocTaskservs,
} from '@provisioning/engine';
import type { Executor, TaskservDefinition } from '@provisioning/sdk';
import { homedir } from 'node:os';
import type { CommandContext } from '../../cli/command-definition';
import { openInfraFor } from '../../engine/open-infra-for-command';
import type { TargetOptionValues } from './install-options';

export interface ToolRun {
  plan(): Promise<RunPlan>;
  /** Applies the plan that was shown, or plans and applies in one go. */
  apply(shown: RunPlan | undefined, command: string): Promise<RunResult>;
}

/** Where tools are installed: this machine (no workspace needed) or the selected servers of an infra. */
export interface ToolTarget {
  layout: ToolLayout;
  hosts: string[];
  /** The infra's name for servers; undefined for this machine. */
  infraName?: string;
  executorFor(host: string): Executor;
  run(
    definitions: readonly TaskservDefinition[],
    action: RunAction,
    options: { signal?: AbortSignal; onEvent?: EngineEventListener },
  ): ToolRun;
  close(): Promise<void>;
}

export async function openToolTarget(ctx: CommandContext, options: TargetOptionValues): Promise<ToolTarget> {
  if (options.servers === undefined) {
    const executor = localExecutor();
    return {
      layout: localToolLayout(ctx.env.HOME ?? homedir()),
      hosts: [LOCAL_SERVER],
      executorFor: () => executor,
      run: (definitions, action, call) => {
        const request = {
          infra: withAdHocTaskservs(localInfra(), definitions, [LOCAL_SERVER]),
          workspaceName: 'local',
          resolveTaskserv: resolverFor(definitions),
          executorFor: () => executor,
          action,
          parallel: 1,
          env: ctx.env,
          ...call,
        };
        return {
          plan: () => plan({ ...request, onEvent: undefined }),
          apply: (shown, command) => apply(request, { command, ...(shown ? { plan: shown } : {}) }),
        };
      },
      close: async () => undefined,
    };
  }
  const infra = await openInfraFor(ctx, options);
  const opened: Array<{ close(): Promise<void> }> = [infra];
  return {
    layout: HOST_TOOL_LAYOUT,
    hosts: infra.selectServers(options.servers),
    infraName: infra.name,
    executorFor: (host) => infra.executor(host),
    run: (definitions, action, call) => {
      const tools = infra.withAdHocTaskservs(definitions, options.servers);
      opened.push(tools);
      const selection = {
        servers: options.servers,
        taskservs: definitions.map((definition) => definition.name),
      };
      return {
        plan: () => tools.plan({ ...selection, action, signal: call.signal }),
        apply: (shown, command) => tools.apply(shown ?? { ...selection, action }, { ...call, command }),
      };
    },
    close: async () => {
      for (const handle of opened) await handle.close();
    },
  };
}
