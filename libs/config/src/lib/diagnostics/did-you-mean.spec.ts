import { closestMatch, editDistance } from './did-you-mean';

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
