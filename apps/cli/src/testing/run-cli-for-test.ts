import type { ClusterDefinition, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';
import type { CommandDefinition } from '../cli/command-definition';
import { runCli } from '../cli/run-cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams and an environment of the test's choosing. */
export async function runCliForTest(
  argv: string[],
  options: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    commands?: CommandDefinition[];
    taskservs?: ReadonlyMap<string, TaskservDefinition>;
    providers?: ReadonlyMap<string, ProviderDefinition>;
    clusters?: ReadonlyMap<string, ClusterDefinition>;
  } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    cwd: options.cwd ?? process.cwd(),
    commands: options.commands,
    taskservs: options.taskservs,
    providers: options.providers,
    clusters: options.clusters,
    streams: {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    },
  });
  return { code, stdout, stderr };
}
