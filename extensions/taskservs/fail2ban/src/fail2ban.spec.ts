import { TaskservParamsError } from '@provisioning/sdk';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { fail2ban, FAIL2BAN_OPERATION_IDS as ids, JAIL_LOCAL } from './fail2ban';

const overSsh = { host: { ssh: { clientAddress: '10.158.0.1', serverPort: 22 } } };
const jails = (params: object, options: object = overSsh) =>
  operationById(resolveOperations(fail2ban, params, options), ids.jails, 'file')
    .content?.split('\n')
    .slice(1, -1);

describe('fail2ban install', () => {
  it('installs fail2ban with the journal reader and nftables, writes the jail file read last, restarts on change', () => {
    const operations = resolveOperations(fail2ban, {}, overSsh);
    expect(operationById(operations, ids.package, 'package').names).toEqual([
      'fail2ban',
      'python3-systemd',
      'nftables',
      'netbase',
    ]);
    expect(operationById(operations, ids.jails, 'file').path).toBe(JAIL_LOCAL);
    expect(operationById(operations, ids.service, 'service')).toMatchObject({
      enabled: true,
      state: 'started',
      restartOn: [ids.jails],
    });
  });

  it('reads the journal, bans through nftables, enables sshd, and never bans loopback or the engine', () => {
    expect(jails({})).toEqual([
      '[DEFAULT]',
      'backend = systemd',
      'banaction = nftables-multiport',
      'banaction_allports = nftables-allports',
      'bantime = 10m',
      'findtime = 10m',
      'maxretry = 5',
      'ignoreip = 127.0.0.1/8 ::1 10.158.0.1',
      '',
      '[sshd]',
      'enabled = true',
      'port = 22',
    ]);
    expect(jails({ ignore_engine: false })).toContain('ignoreip = 127.0.0.1/8 ::1');
    expect(jails({}, {})).toContain('ignoreip = 127.0.0.1/8 ::1');
  });

  it('bans the sshd jail on the port this run connects through, unless a port is given', () => {
    expect(jails({}, { host: { ssh: { clientAddress: '10.0.0.1', serverPort: 2222 } } })).toContain(
      'port = 2222',
    );
    expect(jails({ jails: [{ name: 'sshd', port: 'ssh' }] })).toContain('port = ssh');
    expect(jails({}, {})).not.toContain('port = 22');
  });

  it('gives a jail with a log file the file backend, and its own limits', () => {
    const lines = jails({
      jails: [
        {
          name: 'nginx-auth',
          filter: 'nginx-http-auth',
          port: 'http,https',
          logpath: '/var/log/nginx/error.log',
          maxretry: 3,
          bantime: '1h',
        },
      ],
    });
    expect(lines?.slice(9)).toEqual([
      '[nginx-auth]',
      'enabled = true',
      'filter = nginx-http-auth',
      'port = http,https',
      'backend = auto',
      'logpath = /var/log/nginx/error.log',
      'maxretry = 3',
      'bantime = 1h',
    ]);
  });
});

describe('fail2ban params', () => {
  it.each([
    ['bantime', { bantime: 'forever' }],
    ['ignoreip.0', { ignoreip: ['10.0.0.0/8 0.0.0.0/0'] }],
    ['jails.0.name', { jails: [{ name: 'SSH D' }] }],
    ['jails.0.logpath', { jails: [{ name: 'x', logpath: 'relative.log' }] }],
    ['jails', { jails: [{ name: 'sshd' }, { name: 'sshd' }] }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(fail2ban, params, overSsh)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(fail2ban, params, overSsh)).toThrow(
      new RegExp(field.replace(/\./g, '\\.')),
    );
  });

  it('lowering maxretry changes only the jail file', () => {
    expect(
      changedOperationIds(
        resolveOperations(fail2ban, {}, overSsh),
        resolveOperations(fail2ban, { maxretry: 3 }, overSsh),
      ),
    ).toEqual([ids.jails]);
  });

  it('every after and restartOn names an earlier operation, install and remove', () => {
    for (const action of ['install', 'remove'] as const)
      expect(danglingReferences(resolveOperations(fail2ban, {}, { ...overSsh, action }))).toEqual([]);
  });
});
