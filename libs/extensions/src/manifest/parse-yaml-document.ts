import { isCollection, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { ParseResult, SourceProblem } from './source-problem';

type PathSegment = string | number;

/**
 * Parses YAML text and checks it against a zod schema, reporting every problem at the line and
 * column of the value it concerns (or of the nearest enclosing value when the key is missing).
 */
export function parseYamlWithSchema<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): ParseResult<z.output<S>> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return { file, line: position.line, col: position.col, path: '', message: firstLine(error.message) };
      }),
    };
  }
  const result = schema.safeParse(document.toJS());
  if (result.success) return { ok: true, value: result.data };
  const problems: SourceProblem[] = result.error.issues.map((issue) => {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
    const offset = offsetOf(document, path);
    const position = lineCounter.linePos(offset);
    return { file, line: position.line, col: position.col, path: path.join('.'), message: issue.message };
  });
  return { ok: false, problems };
}

function offsetOf(document: Document, path: PathSegment[]): number {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      return keyOffset(document, path.slice(0, length)) ?? (node.range as number[])[0];
    }
  }
  return 0;
}

/** Points at the key (`port:`) rather than its value, which reads better for objects spanning lines. */
function keyOffset(document: Document, path: PathSegment[]): number | undefined {
  if (path.length === 0) return undefined;
  const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true);
  if (!isCollection(parent)) return undefined;
  const key = path[path.length - 1];
  for (const item of parent.items) {
    if (item && typeof item === 'object' && 'key' in item) {
      const itemKey = item.key as { value?: unknown; range?: number[] } | null;
      if (itemKey && itemKey.value === key && itemKey.range) return itemKey.range[0];
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
