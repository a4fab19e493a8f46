export { CORE_VERSION } from './lib/core-version';
export type { ExecOptions, ExecResult, Executor } from './lib/executor';
export { command, quote, ShellQuoteError } from './lib/shell-quote';
