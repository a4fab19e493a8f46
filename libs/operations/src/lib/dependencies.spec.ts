import { directory, file, group, line, user } from '@provisioning/sdk';
import type { PlannableOperation } from '../kinds/registry';
import { readsAfterChangeOf, samePaths } from './dependencies';

const op = <T>(value: T) => value as unknown as PlannableOperation;

describe('readsAfterChangeOf', () => {
  it('plans a group removal after the removal of its user from fresh facts (userdel already removed the group)', () => {
    expect(
      readsAfterChangeOf(
        op(group({ name: 'app', state: 'absent' })),
        op(user({ name: 'app', state: 'absent' })),
      ),
    ).toBe(true);
  });

  it('plans a user after a change to a group it joins from fresh facts', () => {
    expect(
      readsAfterChangeOf(op(user({ name: 'deploy', groups: ['docker'] })), op(group({ name: 'docker' }))),
    ).toBe(true);
  });

  it('keeps unrelated accounts independent, so they are planned in the same round trip', () => {
    expect(readsAfterChangeOf(op(user({ name: 'alice' })), op(group({ name: 'docker' })))).toBe(false);
  });

  it('plans a file inside a directory being created from its current facts, but a file that an earlier op writes again from fresh ones', () => {
    expect(
      readsAfterChangeOf(op(file({ path: '/srv/app/a', content: 'x' })), op(directory({ path: '/srv/app' }))),
    ).toBe(false);
    expect(
      readsAfterChangeOf(
        op(file({ id: 'second', path: '/srv/app/a', content: 'y' })),
        op(file({ path: '/srv/app/a', content: 'x' })),
      ),
    ).toBe(true);
  });
});

describe('samePaths', () => {
  it('treats two spellings of one path as the same file, so line edits of it are planned as one chain', () => {
    const first = op(line({ path: '/etc/app//conf', line: 'a=1' }));
    expect(samePaths(first, op(line({ id: 'second', path: '/etc/app/conf', line: 'b=2' })))).toBe(true);
    expect(samePaths(first, op(line({ id: 'third', path: '/etc/app/conf.d', line: 'b=2' })))).toBe(false);
  });

  it('answers the same for an operation asked about again (its paths are remembered, not recomputed wrongly)', () => {
    const target = op(file({ path: '/srv/a/', content: 'x' }));
    expect(samePaths(target, op(file({ id: 'b', path: '/srv/a', content: 'y' })))).toBe(true);
    expect(samePaths(target, op(file({ id: 'c', path: '/srv/b', content: 'y' })))).toBe(false);
    expect(samePaths(target, op(file({ id: 'd', path: '/srv/a', content: 'z' })))).toBe(true);
  });
});
