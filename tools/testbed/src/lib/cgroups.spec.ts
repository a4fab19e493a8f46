import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cgroupDirsFor, pidsIn, removeCgroups } from './cgroups';

describe('cgroupDirsFor', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'testbed-cgroup-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('uses both the name=systemd and the unified hierarchy on a hybrid layout', () => {
    mkdirSync(join(root, 'systemd'));
    mkdirSync(join(root, 'unified'));
    expect(cgroupDirsFor('ptb-h1', 'tmpfs', root)).toEqual([
      join(root, 'systemd/ptb-h1'),
      join(root, 'unified/ptb-h1'),
    ]);
  });

  it('uses only the hierarchies a v1 machine has', () => {
    mkdirSync(join(root, 'systemd'));
    expect(cgroupDirsFor('ptb-h1', 'tmpfs', root)).toEqual([join(root, 'systemd/ptb-h1')]);
  });

  it('uses one directory under a testbed group on a pure cgroup2 machine', () => {
    expect(cgroupDirsFor('ptb-h1', 'cgroup2fs', root)).toEqual([join(root, 'provisioning-testbed/ptb-h1')]);
  });

  it('removes a nested tree depth-first and reports nothing left', () => {
    mkdirSync(join(root, 'systemd/ptb-h1/payload/system.slice'), { recursive: true });
    expect(removeCgroups([join(root, 'systemd/ptb-h1')])).toEqual([]);
    expect(existsSync(join(root, 'systemd/ptb-h1'))).toBe(false);
  });

  it('finds no processes in groups that do not exist', () => {
    expect(pidsIn([join(root, 'absent')])).toEqual([]);
  });
});
