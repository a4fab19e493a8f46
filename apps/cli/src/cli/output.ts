import type { GlobalOptions } from './global-options';
import { colorWanted, createStyle, type Style } from './style';

export interface Streams {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/**
 * Where a command's words go. Results go to stdout (as JSON with --output json); progress, notes
 * and warnings go to stderr, so `provisioning ... --output json | jq` always gets clean JSON.
 */
export class Output {
  readonly style: Style;
  readonly errStyle: Style;

  constructor(
    readonly options: Pick<GlobalOptions, 'output' | 'quiet' | 'verbose' | 'color'>,
    private readonly streams: Streams,
    env: NodeJS.ProcessEnv,
  ) {
    this.style = createStyle(colorWanted(options.color, streams.stdout, env));
    this.errStyle = createStyle(colorWanted(options.color, streams.stderr, env));
  }

  get json(): boolean {
    return this.options.output === 'json';
  }

  /** The command's result: JSON for scripts, or the text the renderer makes. */
  result<T>(data: T, renderText: (data: T, style: Style) => string): void {
    if (this.json) this.streams.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    else this.streams.stdout.write(ensureNewline(renderText(data, this.style)));
  }

  /**
   * One line of a result that streams while the command works (ad-hoc command output). Text mode
   * only: with --output json the whole result comes at the end through `result`.
   */
  resultLine(text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    if (!this.json) this.streams[stream].write(ensureNewline(text));
  }

  /**
   * Where a live display may redraw itself: stderr when it is a terminal, outside CI, and neither
   * --quiet nor --output json is set. Anywhere else progress is plain lines through `info`.
   */
  liveTerminal(env: NodeJS.ProcessEnv): { write(text: string): unknown } | undefined {
    if (this.options.quiet || this.json || !this.streams.stderr.isTTY || env.CI || env.TERM === 'dumb')
      return undefined;
    return this.streams.stderr;
  }

  info(text: string): void {
    if (!this.options.quiet && !this.json) this.streams.stderr.write(ensureNewline(text));
  }

  warn(text: string): void {
    this.streams.stderr.write(ensureNewline(`${this.errStyle.yellow('warning:')} ${text}`));
  }

  debug(text: string): void {
    if (this.options.verbose) this.streams.stderr.write(ensureNewline(this.errStyle.dim(text)));
  }

  error(message: string, hint?: string, detail?: string): void {
    if (this.json) {
      this.streams.stdout.write(`${JSON.stringify({ error: { message, hint } }, null, 2)}\n`);
    }
    let text = `${this.errStyle.red('error:')} ${message}`;
    if (hint) text += `\n${this.errStyle.dim('hint:')} ${hint}`;
    if (detail) text += `\n${this.errStyle.dim(detail)}`;
    this.streams.stderr.write(ensureNewline(text));
  }
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
