/**
 * Every cycle in a dependency graph, each named once as `a -> b -> a` starting from its
 * alphabetically first member so the report is stable. Edges to unknown nodes are ignored (they
 * are reported as missing references elsewhere).
 */
export function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles = new Map<string, string[]>();

  const visit = (node: string): void => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      const nextState = state.get(next);
      if (nextState === 'visiting') recordCycle(stack.slice(stack.indexOf(next)));
      else if (nextState === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };

  const recordCycle = (members: string[]): void => {
    const start = members.indexOf([...members].sort()[0]);
    const rotated = [...members.slice(start), ...members.slice(0, start)];
    const key = rotated.join('\0');
    if (!cycles.has(key)) cycles.set(key, [...rotated, rotated[0]]);
  };

  for (const node of [...edges.keys()].sort()) if (!state.has(node)) visit(node);
  return [...cycles.values()];
}
