import { findExcessiveNesting, MAX_NESTING_DEPTH } from './nesting-limit';
import { parseYamlSource } from './read-yaml-file';

const over = MAX_NESTING_DEPTH + 1;

describe('findExcessiveNesting', () => {
  it('accepts flow, block and mixed nesting up to the limit', () => {
    expect(
      findExcessiveNesting(`a: ${'['.repeat(MAX_NESTING_DEPTH - 1)}${']'.repeat(MAX_NESTING_DEPTH - 1)}`),
    ).toBeUndefined();
    const block = Array.from({ length: MAX_NESTING_DEPTH }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n');
    expect(findExcessiveNesting(`${block} 1\n`)).toBeUndefined();
  });

  it('does not count brackets inside quoted strings, plain scalars or comments', () => {
    const many = '['.repeat(over);
    expect(findExcessiveNesting(`a: "${many}"\nb: '${many}'\nc: 1 # ${many}\nd: x${many}\n`)).toBeUndefined();
  });

  it('is not fooled by an apostrophe in a plain scalar before deep brackets', () => {
    expect(findExcessiveNesting(`a: it's\nb: ${'['.repeat(over)}`)?.message).toMatch(
      /nested more than 64 levels/,
    );
  });

  it('counts compact block sequences on one line (- - - ...)', () => {
    expect(findExcessiveNesting(`${'- '.repeat(over)}x\n`)).toBeDefined();
    expect(findExcessiveNesting(`${'- '.repeat(MAX_NESTING_DEPTH)}x\n`)).toBeUndefined();
  });

  it('counts block mappings by structure, not by indentation columns', () => {
    const deep = Array.from({ length: over }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(findExcessiveNesting(`${deep} 1\n`)).toBeDefined();
  });

  it('points at the collection past the limit', () => {
    expect(findExcessiveNesting(`a: ${'['.repeat(over + 5)}`)?.offset).toBe(3 + MAX_NESTING_DEPTH - 1);
  });

  it('stops 800-level and 1 MiB-deep inputs with a located error instead of a parser stack overflow', () => {
    for (const source of ['['.repeat(1024 * 1024), `${'- '.repeat(800)}x`, `a: it's\n${'- '.repeat(800)}x`]) {
      const result = parseYamlSource(source, '/x.yaml', 'x.yaml');
      expect(result.ok).toBe(false);
      expect(!result.ok && result.diagnostics[0]).toMatchObject({
        code: 'nesting-limit',
        line: expect.any(Number),
        col: expect.any(Number),
      });
    }
  });
});
