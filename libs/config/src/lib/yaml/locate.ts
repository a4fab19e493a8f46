import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ParsedYamlFile } from './read-yaml-file';

export type YamlPath = ReadonlyArray<string | number | symbol>;

function keyOf(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

/**
 * The line:col of the value at `path` (or of its key with `target: 'key'`). When the path does not
 * exist (a missing required key), the nearest existing ancestor is returned instead.
 */
export function locate(
  parsed: Pick<ParsedYamlFile, 'doc' | 'lineCounter'>,
  path: YamlPath,
  target: 'value' | 'key' = 'value',
): { line: number; col: number } {
  let node: unknown = parsed.doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(parsed.doc);
    const segment = path[i];
    let next: unknown;
    let keyOffset: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => String(keyOf(item.key)) === String(segment));
      next = pair?.value;
      keyOffset = (pair?.key as Node | undefined)?.range?.[0];
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    const isLast = i === path.length - 1;
    if (isLast && target === 'key' && keyOffset !== undefined) {
      offset = keyOffset;
      break;
    }
    const nextOffset = (next as Node | undefined)?.range?.[0] ?? keyOffset;
    if (nextOffset === undefined) break;
    offset = nextOffset;
    node = next;
  }
  return parsed.lineCounter.linePos(offset);
}
