import { execFileSync } from 'node:child_process';
import { group, user } from '@provisioning/sdk';
import { planHost } from '../lib/plan';
import { LocalTestExecutor } from '../testing/local-executor';
import { groupHandler } from './group';
import { userHandler } from './user';

const none = { changed: () => false };
const rootShell = execFileSync('/bin/sh', ['-c', 'getent passwd root | cut -d: -f7'], {
  encoding: 'utf8',
}).trim();

describe('user and group facts from this machine', () => {
  it('plans an existing account as unchanged and a missing one as created', async () => {
    const plan = await planHost(new LocalTestExecutor(), [
      user({ name: 'root', uid: 0, shell: rootShell }),
      user({ name: 'no-such-user-xyz', system: true }),
      group({ name: 'root', gid: 0 }),
      group({ name: 'no-such-group-xyz' }),
    ]);
    expect(plan.operations.map((op) => [op.status, op.summary])).toEqual([
      ['unchanged', 'user root is up to date'],
      ['change', 'create user no-such-user-xyz (system)'],
      ['unchanged', 'group root is up to date'],
      ['change', 'create group no-such-group-xyz'],
    ]);
  });
});

describe('user operation', () => {
  const existing = userHandler.parseFacts(
    'passwd=app:x:998:998::/home/app:/bin/sh\nprimary=app\ngroups=app docker\n',
    user({ name: 'app' }),
  );

  it('parses passwd and group membership', () => {
    expect(existing).toEqual({
      exists: true,
      uid: 998,
      home: '/home/app',
      shell: '/bin/sh',
      primaryGroup: 'app',
      groups: ['app', 'docker'],
    });
  });

  it('changes only what differs and only adds supplementary groups', () => {
    const op = user({ name: 'app', shell: '/usr/sbin/nologin', groups: ['docker', 'adm'] });
    expect(userHandler.diff(op, existing, none).summary).toBe(
      'update user app: shell /bin/sh -> /usr/sbin/nologin, add to adm',
    );
    expect(userHandler.changeScript(op, existing, none)).toContain(
      'usermod -s /usr/sbin/nologin -a -G adm -- app',
    );
  });

  it('creates with useradd where shadow-utils exist and with BusyBox adduser elsewhere', () => {
    const op = user({
      name: 'app',
      system: true,
      group: 'app',
      groups: ['docker'],
      home: '/var/lib/app',
      shell: '/usr/sbin/nologin',
    });
    const script = userHandler.changeScript(op, { exists: false, groups: [] }, none);
    expect(script).toContain('useradd -r -g app -G docker -d /var/lib/app -s /usr/sbin/nologin -- app');
    expect(script).toContain(
      'adduser -D -S -H -G app -h /var/lib/app -s /usr/sbin/nologin -- app\naddgroup -- app docker',
    );
    expect(() => execFileSync('/bin/sh', ['-n'], { input: script })).not.toThrow();
  });

  it('removes an existing user for state absent, and leaves a missing one alone', () => {
    const op = user({ name: 'app', state: 'absent' });
    expect(userHandler.diff(op, existing, none)).toEqual({ changed: true, summary: 'remove user app' });
    expect(userHandler.diff(op, { exists: false, groups: [] }, none).changed).toBe(false);
  });
});

describe('group operation', () => {
  it('changes a gid with groupmod and creates system groups with -r / -S', () => {
    const facts = groupHandler.parseFacts('group=app:x:1001:alice,bob\n', group({ name: 'app' }));
    expect(facts).toEqual({ exists: true, gid: 1001, members: ['alice', 'bob'] });
    expect(groupHandler.diff(group({ name: 'app', gid: 2000 }), facts, none).summary).toBe(
      'update group app: gid 1001 -> 2000',
    );
    const create = groupHandler.changeScript(
      group({ name: 'app', system: true }),
      { exists: false, members: [] },
      none,
    );
    expect(create).toContain('groupadd -r -- app');
    expect(create).toContain('addgroup -S -- app');
  });
});
