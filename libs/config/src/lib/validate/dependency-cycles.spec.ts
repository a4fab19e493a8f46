import { findCycles } from './dependency-cycles';

function chain(length: number, closed: boolean): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (let i = 0; i < length; i++) edges.set(`t${i}`, i + 1 < length ? [`t${i + 1}`] : closed ? ['t0'] : []);
  return edges;
}

describe('findCycles', () => {
  it('names each cycle once, from its alphabetically first member', () => {
    const edges = new Map([
      ['b', ['c']],
      ['c', ['b', 'd']],
      ['d', ['d']],
      ['a', ['missing']],
    ]);
    expect(findCycles(edges)).toEqual([
      ['b', 'c', 'b'],
      ['d', 'd'],
    ]);
  });

  it('walks an 8,000-entry and a 200,000-entry depends_on chain without overflowing the stack', () => {
    for (const length of [8000, 200_000]) {
      expect(findCycles(chain(length, false))).toEqual([]);
      const [cycle] = findCycles(chain(length, true));
      expect(cycle).toHaveLength(length + 1);
      expect([cycle[0], cycle[length - 1], cycle[length]]).toEqual(['t0', `t${length - 1}`, 't0']);
    }
  });
});
