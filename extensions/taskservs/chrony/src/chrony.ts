import { absent, defineTaskserv, file, pkg, service } from '@provisioning/sdk';
import type { ChronyParams } from './params';
import { chronyParams } from './params';

export const CHRONY_CONF = '/etc/chrony/chrony.conf';
export const CONTAINER_DROP_IN = '/etc/systemd/system/chrony.service.d/provisioning-no-clock-control.conf';

export const CHRONY_OPERATION_IDS = {
  package: 'package:chrony',
  conf: 'file:chrony-conf',
  containerDropIn: 'file:chrony-no-clock-control',
  service: 'service:chrony',
} as const;
const ids = CHRONY_OPERATION_IDS;

/** The whole chrony.conf: the package's own directives, with sources and serving from params. */
export function chronyConf(params: ChronyParams): string {
  return [
    '# Managed by provisioning (taskserv chrony); changes here are overwritten on the next apply.',
    ...params.pools.map((pool) => `pool ${pool} iburst`),
    ...params.servers.map(
      (server) =>
        `server ${server.address}${server.iburst ? ' iburst' : ''}${server.prefer ? ' prefer' : ''}`,
    ),
    'keyfile /etc/chrony/chrony.keys',
    'driftfile /var/lib/chrony/chrony.drift',
    'ntsdumpdir /var/lib/chrony',
    'logdir /var/log/chrony',
    'maxupdateskew 100.0',
    ...(params.control_clock ? ['rtcsync'] : []),
    `makestep ${params.makestep.threshold} ${params.makestep.limit}`,
    'leapsectz right/UTC',
    ...params.allow.map((network) => `allow ${network}`),
    '',
  ].join('\n');
}

/** Resets the unit's ConditionCapability=CAP_SYS_TIME (a container lacks it) and adds -x. */
const NO_CLOCK_CONTROL = `# Managed by provisioning (taskserv chrony, control_clock: false).
[Unit]
ConditionCapability=

[Service]
ExecStart=
ExecStart=!/usr/sbin/chronyd $DAEMON_OPTS -x
`;

/**
 * chrony from the distribution with its whole chrony.conf generated; a change restarts chronyd.
 * `control_clock: false` is for containers: chronyd then keeps time for its NTP clients and for
 * monitoring (chronyc tracking) without setting the clock.
 */
export const chrony = defineTaskserv({
  name: 'chrony',
  version: '0.1.0',
  description:
    'chrony NTP from the distribution: servers and pools, serving time to networks, clock stepping; runs without clock control inside containers.',
  params: chronyParams,
  install: ({ params }) => [
    pkg({ id: ids.package, names: ['chrony'] }),
    file({
      id: ids.conf,
      path: CHRONY_CONF,
      content: chronyConf(params),
      mode: '0644',
      after: [ids.package],
    }),
    params.control_clock
      ? absent({ id: ids.containerDropIn, path: CONTAINER_DROP_IN })
      : file({ id: ids.containerDropIn, path: CONTAINER_DROP_IN, content: NO_CLOCK_CONTROL, mode: '0644' }),
    service({
      id: ids.service,
      name: 'chrony',
      enabled: true,
      state: 'started',
      restartOn: [ids.conf, ids.containerDropIn],
      after: [ids.package, ids.conf, ids.containerDropIn],
    }),
  ],
  remove: () => [
    pkg({ id: ids.package, names: ['chrony'], state: 'absent' }),
    absent({ id: 'absent:chrony-no-clock-control', path: CONTAINER_DROP_IN, after: [ids.package] }),
  ],
  outputs: { tracking: { command: "chronyc -n tracking | sed -n 's/^Reference ID *: //p'" } },
});
