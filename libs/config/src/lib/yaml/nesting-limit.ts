/**
 * Finds input nested so deeply that the YAML parser would exhaust the stack or memory (`[[[[...`
 * thousands deep). Configuration is never more than a few levels deep, so the limits are generous.
 * Brackets inside quoted strings and comments are not counted.
 */
export const MAX_FLOW_DEPTH = 64;
export const MAX_INDENT = 256;

export interface NestingProblem {
  offset: number;
  message: string;
}

export function findExcessiveNesting(source: string): NestingProblem | undefined {
  let depth = 0;
  let quote: '"' | "'" | undefined;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === ' ') {
        if (++indent > MAX_INDENT) return { offset: i, message: `the file is indented more than ${MAX_INDENT} columns deep; flatten the structure` };
        continue;
      }
      lineStart = false;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(source[i - 1]))) {
      const end = source.indexOf('\n', i);
      i = (end === -1 ? source.length : end) - 1;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) return { offset: i, message: `brackets are nested more than ${MAX_FLOW_DEPTH} levels deep; flatten the structure` };
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}
