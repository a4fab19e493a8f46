import { absent, directory, file, group, line, link, pkg, shell, user } from '@provisioning/sdk';
import type { PlannableOperation } from '../kinds/registry';
import { PendingOperations, readsAfterChangeOf, samePaths } from './dependencies';

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

describe('PendingOperations', () => {
  // Every way one operation can read after another: after ids, opaque kinds, accounts, the same
  // path (written differently), and paths below an absent or a link; and operations that do not.
  const operations = [
    directory({ id: 'dir', path: '/srv/app' }),
    file({ id: 'conf', path: '/srv/app/app.conf', content: 'a' }),
    line({ id: 'conf-line', path: '/srv/app//app.conf/', line: 'b' }),
    absent({ id: 'gone', path: '/srv/old', recursive: true }),
    file({ id: 'under-gone', path: '/srv/old/deep/x', content: 'x' }),
    link({ id: 'current', path: '/srv/current', target: '/srv/app' }),
    file({ id: 'through-link', path: '/srv/current/y', content: 'y' }),
    group({ id: 'docker', name: 'docker' }),
    user({ id: 'deploy', name: 'deploy', groups: ['docker'] }),
    user({ id: 'alice', name: 'alice' }),
    pkg({ id: 'nginx', names: ['nginx'] }),
    file({ id: 'after-nginx', path: '/etc/nginx/site', content: 'z', after: ['dir'] }),
    shell({ id: 'run', command: 'true' }),
    file({ id: 'last', path: '/srv/other', content: 'w' }),
  ].map((operation) => ({ id: operation.id as string, operation: op(operation) }));

  it('finds exactly the earlier operations a pairwise readsAfterChangeOf finds, in their order', () => {
    const pending = new PendingOperations<(typeof operations)[number]>();
    const found: Record<string, string[]> = {};
    for (const [position, entry] of operations.entries()) {
      const pairwise = operations
        .slice(0, position)
        .filter((earlier) => readsAfterChangeOf(entry.operation, earlier.operation));
      found[entry.id] = pending.blockersOf(entry.operation).map(({ id }) => id);
      expect([entry.id, found[entry.id]]).toEqual([entry.id, pairwise.map(({ id }) => id)]);
      pending.add(entry);
    }
    expect(found).toMatchObject({
      'conf-line': ['conf'],
      'under-gone': ['gone'],
      'through-link': ['current'],
      deploy: ['docker'],
      alice: [],
      'after-nginx': ['dir', 'nginx'],
      last: ['nginx', 'run'],
    });
  });
});
