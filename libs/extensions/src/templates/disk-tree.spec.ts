import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StagedDiskTree } from './disk-tree';

describe('StagedDiskTree', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'disk-tree-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('sees files on disk and staged files, and writes nothing before flush', () => {
    writeFileSync(join(root, 'present.txt'), 'x');
    const tree = new StagedDiskTree(root);
    tree.write('a/b.txt', 'hello');
    expect(tree.exists('present.txt')).toBe(true);
    expect(tree.exists('a/b.txt')).toBe(true);
    expect(existsSync(join(root, 'a/b.txt'))).toBe(false);
  });

  it('creates folders and files on flush', () => {
    const tree = new StagedDiskTree(root);
    tree.write('a/b/c.yaml', 'k: v\n');
    expect(tree.flush()).toEqual([join(root, 'a/b/c.yaml')]);
    expect(readFileSync(join(root, 'a/b/c.yaml'), 'utf8')).toBe('k: v\n');
  });

  it('refuses a path that resolves outside its root', () => {
    const tree = new StagedDiskTree(root);
    expect(() => tree.exists('../outside')).toThrow(/resolves outside/);
  });
});
