/** One thing wrong with a file, located so an editor can jump to it. Lines and columns start at 1. */
export interface SourceProblem {
  file: string;
  line: number;
  col: number;
  /** The dotted path of the offending value inside the document, e.g. `params.properties.port`. */
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: SourceProblem[] };

/** `manifest.yaml:4:7 params.type: params must be ...`, one problem per line. */
export function formatProblems(problems: readonly SourceProblem[]): string {
  return problems
    .map((p) => `${p.file}:${p.line}:${p.col}${p.path ? ` ${p.path}:` : ''} ${p.message}`)
    .join('\n');
}
