export { CORE_VERSION } from './lib/core-version';
export { command, quote, ShellQuoteError } from './lib/shell-quote';
