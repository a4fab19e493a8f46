import { columnsFitting, layoutDag, NODE_HEIGHT, NODE_WIDTH } from './dag-layout';

const hard = (...ids: string[]) => ids.map((id) => ({ id, kind: 'hard' as const }));

describe('layoutDag', () => {
  it('puts each step one row below its deepest dependency, whatever the input order', () => {
    const layout = layoutDag([
      { id: 'join', dependencies: hard('b', 'c') },
      { id: 'c', dependencies: hard('b') },
      { id: 'b', dependencies: hard('a') },
      { id: 'a', dependencies: [] },
    ]);
    expect(Object.fromEntries(layout.nodes.map((node) => [node.id, node.layer]))).toEqual({
      a: 0,
      b: 1,
      c: 2,
      join: 3,
    });
    const y = (id: string) => layout.nodes.find((node) => node.id === id)?.y ?? NaN;
    expect(y('a')).toBeLessThan(y('b'));
    expect(y('c')).toBeLessThan(y('join'));
    expect(layout.edges.map((edge) => `${edge.from}->${edge.to}`).sort()).toEqual([
      'a->b',
      'b->c',
      'b->join',
      'c->join',
    ]);
  });

  it('orders a row by the position of its dependencies, so two chains do not cross', () => {
    const layout = layoutDag([
      { id: 'left', dependencies: [] },
      { id: 'right', dependencies: [] },
      { id: 'under-right', dependencies: hard('right') },
      { id: 'under-left', dependencies: hard('left') },
    ]);
    const x = (id: string) => layout.nodes.find((node) => node.id === id)?.x ?? NaN;
    expect(x('under-left')).toBeLessThan(x('under-right'));
    expect(x('left')).toBeLessThan(x('right'));
  });

  it('keeps nodes inside the drawing without overlap, draws soft edges as soft, and ignores unknown ids', () => {
    const layout = layoutDag([
      { id: 'a', dependencies: [] },
      { id: 'b', dependencies: [] },
      { id: 'c', dependencies: [{ id: 'a', kind: 'soft' }, ...hard('gone')] },
    ]);
    for (const node of layout.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.x + NODE_WIDTH).toBeLessThanOrEqual(layout.width);
      expect(node.y + NODE_HEIGHT).toBeLessThanOrEqual(layout.height);
    }
    const [a, b] = layout.nodes.filter((node) => node.layer === 0).sort((m, n) => m.x - n.x);
    expect(b.x - a.x).toBeGreaterThanOrEqual(NODE_WIDTH);
    expect(layout.edges).toEqual([expect.objectContaining({ from: 'a', to: 'c', kind: 'soft' })]);
    expect(layoutDag([])).toEqual({ nodes: [], edges: [], width: 16, height: 16 });
  });

  it('wraps a row wider than the columns that fit onto more lines, keeping each node in its layer', () => {
    const steps = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, dependencies: [] }));
    const columns = columnsFitting(343);
    expect(columns).toBe(2);
    const layout = layoutDag([...steps, { id: 'last', dependencies: hard('a', 'e') }], {
      maxColumns: columns,
    });
    expect(layout.width).toBeLessThanOrEqual(343);
    expect(new Set(layout.nodes.map((node) => node.y)).size).toBe(4);
    expect(layout.nodes.filter((node) => node.layer === 0)).toHaveLength(5);
    const last = layout.nodes.find((node) => node.id === 'last');
    expect(last?.layer).toBe(1);
    expect(last?.y).toBe(Math.max(...layout.nodes.map((node) => node.y)));
  });
});
