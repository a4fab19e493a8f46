import { DefinitionError, TaskservParamsError } from '@provisioning/sdk';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  type ResolveOptions,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { cidrContains } from './addresses';
import { CANDIDATE_CONF, firewall, FIREWALL_OPERATION_IDS as ids } from './firewall';

const overSsh = { host: { ssh: { clientAddress: '10.158.0.1', serverPort: 2222 } } };
const conf = (params: object, options: ResolveOptions = overSsh) =>
  operationById(resolveOperations(firewall, params, options), ids.candidate, 'file').content ?? '';
const rules = (params: object, options: ResolveOptions = overSsh) =>
  conf(params, options)
    .split('\n')
    .filter((line) => line.startsWith('\t\t'))
    .map((line) => line.trim());

describe('firewall install', () => {
  it('installs nftables, writes the candidate, enables the unit, and loads the ruleset through nft -c', () => {
    const operations = resolveOperations(firewall, {}, overSsh);
    expect(operations.map((operation) => operation.id)).toEqual([
      ids.package,
      ids.candidate,
      ids.service,
      ids.load,
    ]);
    expect(operationById(operations, ids.service, 'service')).toMatchObject({ enabled: true });
    expect(operationById(operations, ids.service, 'service').state).toBeUndefined();
    expect(operationById(operations, ids.load, 'shell').command.split(' && ')[0]).toBe(
      `nft -c -f ${CANDIDATE_CONF}`,
    );
  });

  it('drops by default and keeps established connections, loopback, ICMP and the port this run connects through', () => {
    expect(rules({}, overSsh)).toEqual([
      'type filter hook input priority filter; policy drop;',
      'ct state established,related accept',
      'ct state invalid drop',
      'iifname "lo" accept',
      'meta l4proto { 1, 58 } accept comment "icmp, icmpv6"',
      'tcp dport 2222 accept comment "ssh (always open to the engine)"',
    ]);
  });

  it('replaces only its own table, atomically', () => {
    expect(conf({}).split('\n').slice(2, 5)).toEqual([
      'table inet provisioning',
      'delete table inet provisioning',
      'table inet provisioning {',
    ]);
    expect(conf({})).not.toContain('flush ruleset');
  });

  it('opens each allowed port, splitting sources by address family', () => {
    const params = {
      allow: [
        { port: 5432, sources: ['10.0.0.0/8', 'fd00::/8', '192.168.1.7'], comment: 'db' },
        { port: '60000-61000', protocol: 'udp' },
      ],
    };
    expect(rules(params).slice(6)).toEqual([
      'tcp dport 5432 ip saddr { 10.0.0.0/8, 192.168.1.7 } accept comment "db"',
      'tcp dport 5432 ip6 saddr { fd00::/8 } accept comment "db"',
      'udp dport 60000-61000 accept',
    ]);
  });

  it('restricts SSH to ssh_sources when they include the address this run connects from', () => {
    expect(rules({ ssh_sources: ['10.158.0.0/24'] })[5]).toBe(
      'tcp dport 2222 ip saddr { 10.158.0.0/24 } accept comment "ssh (always open to the engine)"',
    );
  });
});

describe('firewall refuses at plan what would lock the engine out', () => {
  it('a different ssh_port than the connection uses', () => {
    expect(() => resolveOperations(firewall, { ssh_port: 22 }, overSsh)).toThrow(DefinitionError);
    expect(() => resolveOperations(firewall, { ssh_port: 22 }, overSsh)).toThrow(
      /ssh_port 22 would close port 2222/,
    );
  });

  it('ssh_sources that leave out the address this run connects from', () => {
    expect(() =>
      resolveOperations(firewall, { ssh_sources: ['192.168.0.0/16', 'fd00::/8'] }, overSsh),
    ).toThrow(/leave out 10\.158\.0\.1/);
  });

  it('a local run that does not name the SSH port', () => {
    expect(() => resolveOperations(firewall, {})).toThrow(/set params.ssh_port/);
    expect(rules({ ssh_port: 22 }, { host: {} })[5]).toBe(
      'tcp dport 22 accept comment "ssh (always open to the engine)"',
    );
  });
});

describe('firewall remove', () => {
  it('deletes its table, stops loading at boot, and keeps the package', () => {
    const operations = resolveOperations(firewall, {}, { ...overSsh, action: 'remove' });
    expect(operations.map((operation) => operation.id)).toEqual([
      'shell:firewall-delete-table',
      'shell:firewall-disable',
      'shell:firewall-empty-live',
      'absent:firewall-candidate',
      'absent:firewall-stamp',
    ]);
    expect(operations.some((operation) => operation.kind === 'package')).toBe(false);
  });
});

describe('firewall params', () => {
  it.each([
    ['allow.0.port', { allow: [{ port: 70000 }] }],
    ['allow.0.port', { allow: [{ port: '22; flush ruleset' }] }],
    ['allow.0.sources.0', { allow: [{ port: 80, sources: ['any'] }] }],
    ['allow.0.comment', { allow: [{ port: 80, comment: 'a" accept' }] }],
    ['input_policy', { input_policy: 'reject' }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(firewall, params, overSsh)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(firewall, params, overSsh)).toThrow(
      new RegExp(field.replace(/\./g, '\\.')),
    );
  });

  it('adding a port changes only the candidate', () => {
    expect(
      changedOperationIds(
        resolveOperations(firewall, {}, overSsh),
        resolveOperations(firewall, { allow: [{ port: 443 }] }, overSsh),
      ),
    ).toEqual([ids.candidate]);
  });

  it('every after names an earlier operation, install and remove', () => {
    for (const action of ['install', 'remove'] as const)
      expect(danglingReferences(resolveOperations(firewall, {}, { ...overSsh, action }))).toEqual([]);
  });
});

describe('cidrContains', () => {
  it.each([
    ['10.0.0.0/8', '10.158.0.1', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['10.158.0.1', '10.158.0.1', true],
    ['0.0.0.0/0', '203.0.113.5', true],
    ['fd00::/8', 'fd12:3456::1', true],
    ['fd00::/8', 'fe80::1', false],
    ['::/0', '2001:db8::1', true],
    ['2001:db8::/32', '2001:db8:0:0:0:0:0:1', true],
    ['10.0.0.0/8', '::ffff:10.1.2.3', true],
    ['10.0.0.0/8', 'fd00::1', false],
    ['10.0.0.0/40', '10.0.0.1', false],
  ])('%s contains %s: %s', (cidr, address, expected) => {
    expect(cidrContains(cidr, address)).toBe(expected);
  });
});
