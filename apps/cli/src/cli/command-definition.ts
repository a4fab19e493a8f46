import type { Command } from 'commander';
import type { ClusterDefinition, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';
import type { GlobalOptions } from './global-options';
import type { Output } from './output';

export interface CommandExample {
  command: string;
  description: string;
}

/** What a handler receives: parsed arguments and options, the global options, and where to write. */
export interface CommandContext {
  args: string[];
  options: Record<string, unknown>;
  global: GlobalOptions;
  out: Output;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Task services to use instead of the built-in ones (tests). */
  taskservs?: ReadonlyMap<string, TaskservDefinition>;
  /** Providers to use instead of the built-in ones (tests). */
  providers?: ReadonlyMap<string, ProviderDefinition>;
  /** Cluster extensions to use instead of the built-in ones (tests). */
  clusters?: ReadonlyMap<string, ClusterDefinition>;
}

/** Returns the exit code (0 when nothing is returned). Throw CliError for expected failures. */
export type CommandHandler = (context: CommandContext) => Promise<number | void>;

/**
 * A command as data: what `--help` and docs/cli.md show, plus a lazy import of the handler, so
 * starting the CLI loads no command's code until that command runs.
 */
export interface CommandDefinition {
  name: string;
  /** Positional arguments in commander syntax, e.g. `<key> [value]`. */
  arguments?: string;
  summary: string;
  description?: string;
  examples?: CommandExample[];
  /** Adds the command's own options (use commander's Option, with .env() where a variable makes sense). */
  configure?: (command: Command) => void;
  subcommands?: CommandDefinition[];
  handler?: () => Promise<{ run: CommandHandler }>;
}
