import { TaskservParamsError } from '@provisioning/sdk';
import { base } from './base';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { SSHD_DROP_IN, SSHD_RELOADED_STAMP } from './sshd';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKD4WHk4fDoo5Eij/WWcXm/N7+vhAXe8yckg3n0uq1YO deploy@laptop';
const deploy = { name: 'deploy', groups: ['sudo'], authorized_keys: [KEY] };

describe('base install', () => {
  it('with no params installs the default packages and the sshd drop-in, and touches neither host name nor time zone', () => {
    const operations = resolveOperations(base, {});
    expect(operations.map((operation) => operation.id)).toEqual([
      'package:base',
      'file:sshd-drop-in',
      'shell:reload-sshd',
    ]);
    expect(operationById(operations, 'package:base', 'package').names).toEqual([
      'ca-certificates',
      'curl',
      'sudo',
    ]);
  });

  it('writes a drop-in that turns password logins off and keeps root to keys', () => {
    const dropIn = operationById(resolveOperations(base, {}), 'file:sshd-drop-in', 'file');
    expect(dropIn.path).toBe(SSHD_DROP_IN);
    expect(dropIn.content).toContain('\nPasswordAuthentication no\n');
    expect(dropIn.content).toContain('\nKbdInteractiveAuthentication no\n');
    expect(dropIn.content).toContain('\nPermitRootLogin prohibit-password\n');
  });

  it('reloads ssh only when the drop-in differs from the one last reloaded, validating with sshd -t first', () => {
    const reload = operationById(resolveOperations(base, {}), 'shell:reload-sshd', 'shell');
    expect(reload.unless).toBe(`sha256sum --check --status ${SSHD_RELOADED_STAMP}`);
    expect(reload.command).toMatch(
      /^\/usr\/sbin\/sshd -t && systemctl reload ssh && .*sha256sum \/etc\/ssh\/sshd_config\.d\/10-provisioning-base\.conf > /,
    );
    expect(reload.after).toEqual(['file:sshd-drop-in']);
  });

  it('reloads the sshd unit on hosts outside the Debian family, where it is called sshd', () => {
    const reload = operationById(
      resolveOperations(base, {}, { host: { osFamily: 'rhel' } }),
      'shell:reload-sshd',
      'shell',
    );
    expect(reload.command).toContain('systemctl reload sshd &&');
  });

  it('sets the host name in /etc/hostname, /etc/hosts and the running system', () => {
    const operations = resolveOperations(base, { hostname: 'web-1.example.com' });
    expect(operationById(operations, 'file:hostname', 'file').content).toBe('web-1.example.com\n');
    expect(operationById(operations, 'line:hosts-127.0.1.1', 'line')).toMatchObject({
      path: '/etc/hosts',
      line: '127.0.1.1\tweb-1.example.com',
    });
    expect(operationById(operations, 'shell:set-hostname', 'shell')).toMatchObject({
      command: 'hostname web-1.example.com',
      unless: 'test "$(hostname)" = web-1.example.com',
    });
  });

  it('links /etc/localtime to the zone after checking tzdata has it', () => {
    const operations = resolveOperations(base, { timezone: 'Europe/Berlin' });
    expect(operationById(operations, 'shell:check-timezone', 'shell').unless).toBe(
      'test -f /usr/share/zoneinfo/Europe/Berlin',
    );
    expect(operationById(operations, 'link:localtime', 'link')).toMatchObject({
      path: '/etc/localtime',
      target: '/usr/share/zoneinfo/Europe/Berlin',
    });
    expect(operationById(operations, 'file:timezone', 'file').content).toBe('Europe/Berlin\n');
  });

  it('creates missing groups before the user, then the .ssh directory and authorized_keys owned by the user', () => {
    const operations = resolveOperations(base, { users: [deploy] });
    const ids = operations.map((operation) => operation.id);
    expect(ids.indexOf('group:sudo')).toBeLessThan(ids.indexOf('user:deploy'));
    expect(operationById(operations, 'user:deploy', 'user')).toMatchObject({
      groups: ['sudo'],
      shell: '/bin/bash',
      after: ['group:sudo'],
    });
    expect(operationById(operations, 'user:deploy', 'user').home).toBeUndefined();
    expect(operationById(operations, 'directory:deploy-ssh', 'directory')).toMatchObject({
      path: '/home/deploy/.ssh',
      mode: '0700',
      owner: 'deploy',
    });
    expect(operationById(operations, 'file:deploy-authorized-keys', 'file')).toMatchObject({
      path: '/home/deploy/.ssh/authorized_keys',
      content: `${KEY}\n`,
      mode: '0600',
      owner: 'deploy',
      group: 'deploy',
    });
  });

  it('puts root keys under /root and an explicit home where it says', () => {
    const operations = resolveOperations(base, {
      users: [
        { name: 'root', authorized_keys: [KEY] },
        { name: 'app', home: '/srv/app', authorized_keys: [KEY] },
      ],
    });
    expect(operationById(operations, 'file:root-authorized-keys', 'file').path).toBe(
      '/root/.ssh/authorized_keys',
    );
    expect(operationById(operations, 'user:app', 'user').home).toBe('/srv/app');
    expect(operationById(operations, 'file:app-authorized-keys', 'file').path).toBe(
      '/srv/app/.ssh/authorized_keys',
    );
  });

  it('declares each shared group once however many users name it', () => {
    const operations = resolveOperations(base, { users: [deploy, { name: 'ops', groups: ['sudo', 'adm'] }] });
    expect(
      operations.filter((operation) => operation.kind === 'group').map((operation) => operation.id),
    ).toEqual(['group:adm', 'group:sudo']);
  });

  it('with sshd_hardening false removes the drop-in and reloads ssh only if provisioning had reloaded it before', () => {
    const operations = resolveOperations(base, { sshd_hardening: false });
    expect(operationById(operations, 'absent:sshd-drop-in', 'absent').path).toBe(SSHD_DROP_IN);
    expect(operationById(operations, 'shell:reload-sshd', 'shell').onlyIf).toBe(
      `test -f ${SSHD_RELOADED_STAMP}`,
    );
  });
});

describe('base remove', () => {
  it('takes back the sshd drop-in only, leaving users and packages in place', () => {
    const operations = resolveOperations(base, { users: [deploy] }, { action: 'remove' });
    expect(operations.map((operation) => operation.id)).toEqual(['absent:sshd-drop-in', 'shell:reload-sshd']);
  });
});

describe('base params', () => {
  it.each([
    ['hostname', { hostname: 'bad_name!' }],
    ['timezone', { timezone: '../etc/passwd' }],
    ['users.0.name', { users: [{ name: 'Deploy User' }] }],
    ['users.0.authorized_keys.0', { users: [{ name: 'deploy', authorized_keys: ['not a key'] }] }],
    ['users.0.shell', { users: [{ name: 'deploy', shell: 'bash' }] }],
    ['sshd_permit_root_login', { sshd_permit_root_login: 'maybe' }],
    ['packages.0', { packages: ['curl; rm -rf /'] }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(base, params)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(base, params)).toThrow(new RegExp(`${field.replace(/\./g, '\\.')}: `));
  });

  it('rejects an unknown param so a typo does not pass silently', () => {
    expect(() => resolveOperations(base, { timezon: 'UTC' })).toThrow(/unrecognized key.*"timezon"|timezon/i);
  });
});

describe('base: changing one param changes exactly the expected operations', () => {
  const start = { timezone: 'UTC', users: [deploy] };
  it.each([
    ['sshd_password_authentication', { sshd_password_authentication: true }, ['file:sshd-drop-in']],
    ['sshd_permit_root_login', { sshd_permit_root_login: 'no' }, ['file:sshd-drop-in']],
    ['timezone', { timezone: 'Europe/Berlin' }, ['file:timezone', 'link:localtime', 'shell:check-timezone']],
    ['packages', { packages: ['curl'] }, ['package:base']],
    ['a user shell', { users: [{ ...deploy, shell: '/bin/sh' }] }, ['user:deploy']],
    [
      'a user key',
      { users: [{ ...deploy, authorized_keys: [KEY.replace('laptop', 'desk')] }] },
      ['file:deploy-authorized-keys'],
    ],
  ])('%s', (_param, change, expected) => {
    expect(
      changedOperationIds(resolveOperations(base, start), resolveOperations(base, { ...start, ...change })),
    ).toEqual(expected);
  });
});

describe('base operation references', () => {
  it.each([
    {},
    {
      hostname: 'web-1',
      timezone: 'UTC',
      users: [{ name: 'deploy', groups: ['sudo'], authorized_keys: [KEY] }],
    },
    { sshd_hardening: false },
  ])('every after and restartOn names an earlier operation, install and remove (%j)', (params) => {
    for (const action of ['install', 'remove'] as const) {
      expect(danglingReferences(resolveOperations(base, params, { ...{}, action }))).toEqual([]);
    }
  });
});
