/** Minimal ANSI styling: no dependency, nothing loaded at start beyond these few lines. */
export interface Style {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const colored: Style = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};
const identity = (text: string) => text;
const plain: Style = { red: identity, yellow: identity, green: identity, dim: identity, bold: identity };

export function createStyle(enabled: boolean): Style {
  return enabled ? colored : plain;
}

export function colorWanted(option: boolean, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (!option || env.NO_COLOR !== undefined) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}
