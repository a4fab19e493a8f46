import { absent, defineTaskserv, file, line, pkg, service } from '@provisioning/sdk';
import { redisParams } from './params';
import { redisDropIn } from './redis-conf';

export const REDIS_CONF = '/etc/redis/redis.conf';
export const DROP_IN = '/etc/redis/provisioning.conf';
const INCLUDE = `include ${DROP_IN}`;

const ids = {
  package: 'package:redis-server',
  dropIn: 'file:redis-drop-in',
  include: 'line:redis-include',
  service: 'service:redis-server',
};

/**
 * redis-server from the distribution, configured through one drop-in that redis.conf includes
 * last, restarted when either changes. With a password the drop-in is sensitive (never shown in
 * diffs) and, like always, readable by redis only.
 */
export const redis = defineTaskserv({
  name: 'redis',
  version: '0.1.0',
  description:
    'Redis server from the distribution: bind, port, memory limit and policy, password from a secret.',
  params: redisParams,
  install: ({ params }) => {
    return [
      pkg({ id: ids.package, names: ['redis-server'] }),
      file({
        id: ids.dropIn,
        path: DROP_IN,
        content: redisDropIn(params),
        mode: '0640',
        owner: 'redis',
        group: 'redis',
        sensitive: params.password !== undefined,
        after: [ids.package],
      }),
      line({ id: ids.include, path: REDIS_CONF, line: INCLUDE, create: false, after: [ids.package] }),
      service({
        id: ids.service,
        name: 'redis-server',
        enabled: true,
        state: 'started',
        restartOn: [ids.dropIn, ids.include],
        after: [ids.package, ids.dropIn, ids.include],
      }),
    ];
  },
  // The include goes first: dpkg keeps redis.conf after remove, and a reinstall must not find it
  // pointing at a drop-in that is gone.
  remove: () => [
    line({ id: ids.include, path: REDIS_CONF, line: INCLUDE, state: 'absent', create: false }),
    pkg({ id: ids.package, names: ['redis-server'], state: 'absent', after: [ids.include] }),
    absent({ id: 'absent:redis-drop-in', path: DROP_IN, after: [ids.package] }),
  ],
});

export const REDIS_OPERATION_IDS = ids;
