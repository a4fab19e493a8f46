import { TaskservParamsError } from '@provisioning/sdk';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { chrony, CHRONY_OPERATION_IDS as ids, CONTAINER_DROP_IN } from './chrony';

const conf = (params: object) =>
  operationById(resolveOperations(chrony, params), ids.conf, 'file').content?.split('\n').slice(1, -1);

describe('chrony install', () => {
  it("writes the package's directives with Debian's pool by default, and restarts chronyd when the config changes", () => {
    expect(conf({})).toEqual([
      'pool 2.debian.pool.ntp.org iburst',
      'keyfile /etc/chrony/chrony.keys',
      'driftfile /var/lib/chrony/chrony.drift',
      'ntsdumpdir /var/lib/chrony',
      'logdir /var/log/chrony',
      'maxupdateskew 100.0',
      'rtcsync',
      'makestep 1 3',
      'leapsectz right/UTC',
    ]);
    const unit = operationById(resolveOperations(chrony, {}), ids.service, 'service');
    expect(unit).toMatchObject({
      name: 'chrony',
      enabled: true,
      state: 'started',
      restartOn: [ids.conf, ids.containerDropIn],
    });
  });

  it('writes servers with their options, and the networks it serves', () => {
    const lines = conf({
      pools: [],
      servers: [
        { address: 'ntp1.example.com', prefer: true },
        { address: '10.0.0.5', iburst: false },
      ],
      allow: ['10.0.0.0/8'],
      makestep: { threshold: 0.5, limit: -1 },
    });
    expect(lines?.slice(0, 2)).toEqual(['server ntp1.example.com iburst prefer', 'server 10.0.0.5']);
    expect(lines).toContain('makestep 0.5 -1');
    expect(lines?.at(-1)).toBe('allow 10.0.0.0/8');
  });

  it('without clock control: no rtcsync, and a unit drop-in that drops the CAP_SYS_TIME condition and adds -x', () => {
    const operations = resolveOperations(chrony, { control_clock: false });
    expect(conf({ control_clock: false })).not.toContain('rtcsync');
    const dropIn = operationById(operations, ids.containerDropIn, 'file');
    expect(dropIn.path).toBe(CONTAINER_DROP_IN);
    expect(dropIn.content).toContain('\nConditionCapability=\n');
    expect(dropIn.content).toContain('\nExecStart=\nExecStart=!/usr/sbin/chronyd $DAEMON_OPTS -x\n');
    expect(operationById(resolveOperations(chrony, {}), ids.containerDropIn, 'absent').path).toBe(
      CONTAINER_DROP_IN,
    );
  });
});

describe('chrony params', () => {
  it.each([
    ['servers.0.address', { servers: [{ address: 'ntp; rm -rf' }] }],
    ['allow.0', { allow: ['10.0.0.0/8 deny'] }],
    ['makestep.threshold', { makestep: { threshold: 0 } }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(chrony, params)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(chrony, params)).toThrow(new RegExp(field.replace(/\./g, '\\.')));
  });

  it('adding a server changes only chrony.conf', () => {
    expect(
      changedOperationIds(
        resolveOperations(chrony, {}),
        resolveOperations(chrony, { servers: [{ address: '10.0.0.5' }] }),
      ),
    ).toEqual([ids.conf]);
  });

  it('every after and restartOn names an earlier operation, install and remove', () => {
    for (const action of ['install', 'remove'] as const)
      expect(danglingReferences(resolveOperations(chrony, { control_clock: false }, { action }))).toEqual([]);
  });
});
