import { closestMatch, editDistance, MAX_LOOKUPS } from './did-you-mean';

describe('did you mean', () => {
  it('counts a swap of adjacent letters as one edit', () => {
    expect(editDistance('prot', 'port')).toBe(1);
    expect(editDistance('adress', 'address')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests the closest candidate only when it is a plausible typo', () => {
    expect(closestMatch('depends', ['depends_on', 'servers'])).toBeUndefined();
    expect(closestMatch('dependson', ['depends_on', 'servers'])).toBe('depends_on');
    expect(closestMatch('zzz', ['port', 'user'])).toBeUndefined();
  });
});

describe('did you mean on large inputs', () => {
  it('gives the same answer with a distance limit as without, and stops early past it', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });

  it(`answers at most ${MAX_LOOKUPS} distinct words per candidate set, then suggests nothing`, () => {
    const names = new Set(Array.from({ length: 10 }, (_, i) => `server-${i}`));
    for (let i = 0; i < MAX_LOOKUPS; i++) closestMatch(`unknown-${i}`, names);
    expect(closestMatch('server-1x', names)).toBeUndefined();
    expect(closestMatch('server-1x', new Set(names))).toBe('server-1');
  });
});
