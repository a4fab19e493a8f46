/**
 * Every cycle in a dependency graph, each named once as `a -> b -> a` starting from its
 * alphabetically first member so the report is stable. Edges to unknown nodes are ignored (they
 * are reported as missing references elsewhere).
 *
 * The depth-first search keeps its own stack instead of recursing, so a dependency chain thousands
 * of entries long (hostile or generated) costs memory proportional to its length, never a stack
 * overflow.
 */
export function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles = new Map<string, string[]>();
  /** The current path; each frame remembers which of its edges to follow next. */
  const path: string[] = [];
  const positionOnPath = new Map<string, number>();
  const frames: { node: string; next: number }[] = [];

  const recordCycle = (members: string[]): void => {
    const start = members.indexOf([...members].sort()[0]);
    const rotated = [...members.slice(start), ...members.slice(0, start)];
    const key = rotated.join('\0');
    if (!cycles.has(key)) cycles.set(key, [...rotated, rotated[0]]);
  };

  const enter = (node: string): void => {
    state.set(node, 'visiting');
    positionOnPath.set(node, path.length);
    path.push(node);
    frames.push({ node, next: 0 });
  };

  for (const root of [...edges.keys()].sort()) {
    if (state.has(root)) continue;
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const next = targets[frame.next++];
        if (!edges.has(next)) continue;
        const nextState = state.get(next);
        if (nextState === 'visiting') recordCycle(path.slice(positionOnPath.get(next)));
        else if (nextState === undefined) enter(next);
        continue;
      }
      frames.pop();
      path.pop();
      positionOnPath.delete(frame.node);
      state.set(frame.node, 'done');
    }
  }
  return [...cycles.values()];
}
