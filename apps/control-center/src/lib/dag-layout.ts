/** A node of the graph to draw: its id and the ids it depends on (drawn above it). */
export interface DagInput {
  id: string;
  dependencies: Array<{ id: string; kind: 'hard' | 'soft' }>;
}

export interface PlacedNode {
  id: string;
  /** Row: 0 for steps without dependencies, else one below the deepest dependency. */
  layer: number;
  x: number;
  y: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  kind: 'hard' | 'soft';
  /** An SVG path from the bottom of `from` to the top of `to`. */
  path: string;
}

export interface DagLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 40;
const GAP_X = 24;
const GAP_Y = 48;
const MARGIN = 8;

/** How many nodes fit side by side in `width` pixels (at least one). */
export function columnsFitting(width: number): number {
  return Math.max(1, Math.floor((width - MARGIN * 2 + GAP_X) / (NODE_WIDTH + GAP_X)));
}

/**
 * Places a DAG top to bottom: each node on the row after its deepest dependency (longest path),
 * nodes in a row ordered by the mean position of their dependencies (a few barycentre sweeps, as
 * layered graph drawing does) so edges cross less, rows centred. Dependencies on unknown ids are
 * ignored; a cycle (the API refuses them) would be broken where it is found. A row wider than
 * `maxColumns` wraps onto more lines (steps of one row never depend on each other), so a narrow
 * screen gets a taller drawing instead of an unreadably small one.
 */
export function layoutDag(input: readonly DagInput[], options: { maxColumns?: number } = {}): DagLayout {
  const known = new Map(input.map((node) => [node.id, node]));
  const layerOf = new Map<string, number>();
  const visiting = new Set<string>();
  const layer = (id: string): number => {
    const cached = layerOf.get(id);
    if (cached !== undefined) return cached;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const deps = (known.get(id)?.dependencies ?? []).filter((dep) => known.has(dep.id));
    const value = deps.length === 0 ? 0 : Math.max(...deps.map((dep) => layer(dep.id))) + 1;
    visiting.delete(id);
    layerOf.set(id, value);
    return value;
  };
  const rows: string[][] = [];
  for (const node of input) (rows[layer(node.id)] ??= []).push(node.id);

  const position = new Map<string, number>();
  const setPositions = () => rows.forEach((row) => row.forEach((id, index) => position.set(id, index)));
  setPositions();
  const dependents = new Map<string, string[]>();
  for (const node of input)
    for (const dep of node.dependencies)
      if (known.has(dep.id)) dependents.set(dep.id, [...(dependents.get(dep.id) ?? []), node.id]);
  const barycentre = (id: string, neighbours: string[], fallback: number) =>
    neighbours.length === 0
      ? fallback
      : neighbours.reduce((sum, other) => sum + (position.get(other) ?? 0), 0) / neighbours.length;
  for (let sweep = 0; sweep < 4; sweep++) {
    const downward = sweep % 2 === 0;
    const order = downward ? rows.keys() : [...rows.keys()].reverse();
    for (const index of order) {
      const row = rows[index];
      const score = new Map(
        row.map((id) => {
          const neighbours = downward
            ? (known.get(id)?.dependencies ?? []).map((dep) => dep.id).filter((dep) => known.has(dep))
            : (dependents.get(id) ?? []);
          return [id, barycentre(id, neighbours, position.get(id) ?? 0)];
        }),
      );
      row.sort(
        (a, b) =>
          (score.get(a) ?? 0) - (score.get(b) ?? 0) || (position.get(a) ?? 0) - (position.get(b) ?? 0),
      );
      setPositions();
    }
  }

  const maxColumns = Math.max(1, options.maxColumns ?? Number.MAX_SAFE_INTEGER);
  const lines: Array<{ layer: number; ids: string[] }> = rows.flatMap((row, index) =>
    Array.from({ length: Math.ceil(row.length / maxColumns) }, (_, part) => ({
      layer: index,
      ids: row.slice(part * maxColumns, (part + 1) * maxColumns),
    })),
  );
  const widest = Math.max(0, ...lines.map((line) => line.ids.length));
  const width = MARGIN * 2 + widest * NODE_WIDTH + Math.max(0, widest - 1) * GAP_X;
  const height = MARGIN * 2 + lines.length * NODE_HEIGHT + Math.max(0, lines.length - 1) * GAP_Y;
  const nodes: PlacedNode[] = [];
  lines.forEach(({ layer: rowLayer, ids: row }, index) => {
    const rowWidth = row.length * NODE_WIDTH + (row.length - 1) * GAP_X;
    const left = (width - rowWidth) / 2;
    row.forEach((id, order) =>
      nodes.push({
        id,
        layer: rowLayer,
        x: left + order * (NODE_WIDTH + GAP_X),
        y: MARGIN + index * (NODE_HEIGHT + GAP_Y),
      }),
    );
  });
  const placed = new Map(nodes.map((node) => [node.id, node]));
  const edges: PlacedEdge[] = input.flatMap((node) =>
    node.dependencies
      .filter((dep) => placed.has(dep.id))
      .map((dep) => {
        const from = placed.get(dep.id) as PlacedNode;
        const to = placed.get(node.id) as PlacedNode;
        const [x1, y1] = [from.x + NODE_WIDTH / 2, from.y + NODE_HEIGHT];
        const [x2, y2] = [to.x + NODE_WIDTH / 2, to.y];
        const bend = (y2 - y1) / 2;
        return {
          from: dep.id,
          to: node.id,
          kind: dep.kind,
          path: `M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}`,
        };
      }),
  );
  return { nodes, edges, width, height };
}
