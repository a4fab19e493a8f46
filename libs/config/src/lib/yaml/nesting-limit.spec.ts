import { findExcessiveNesting, MAX_FLOW_DEPTH } from './nesting-limit';

describe('findExcessiveNesting', () => {
  it('accepts brackets up to the limit', () => {
    expect(findExcessiveNesting(`a: ${'['.repeat(MAX_FLOW_DEPTH)}${']'.repeat(MAX_FLOW_DEPTH)}`)).toBeUndefined();
  });

  it('does not count brackets inside quoted strings or comments', () => {
    const many = '['.repeat(MAX_FLOW_DEPTH + 1);
    expect(findExcessiveNesting(`a: "${many}"\nb: '${many}'\nc: 1 # ${many}\n`)).toBeUndefined();
  });

  it('points at the first bracket past the limit', () => {
    expect(findExcessiveNesting(`a: ${'['.repeat(MAX_FLOW_DEPTH + 5)}`)?.offset).toBe(3 + MAX_FLOW_DEPTH);
  });
});
