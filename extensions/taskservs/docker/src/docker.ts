import { absent, defineTaskserv, file, pkg, service, user } from '@provisioning/sdk';
import type { DockerParams } from './params';
import { dockerParams } from './params';

export const DAEMON_JSON = '/etc/docker/daemon.json';

export const DOCKER_OPERATION_IDS = {
  package: 'package:docker',
  daemonJson: 'file:docker-daemon-json',
  service: 'service:docker',
  user: (name: string) => `user:docker-${name}`,
} as const;
const ids = DOCKER_OPERATION_IDS;

/** daemon.json with only what params set, in a fixed key order. */
export function daemonJson(params: DockerParams): string {
  const rotates = params.log_driver !== 'journald';
  const config = {
    ...(params.data_root ? { 'data-root': params.data_root } : {}),
    ...(params.cgroup_driver ? { 'exec-opts': [`native.cgroupdriver=${params.cgroup_driver}`] } : {}),
    'live-restore': params.live_restore,
    'log-driver': params.log_driver,
    ...(rotates
      ? { 'log-opts': { 'max-file': String(params.log_max_file), 'max-size': params.log_max_size } }
      : {}),
    ...(params.insecure_registries.length ? { 'insecure-registries': params.insecure_registries } : {}),
    ...(params.registry_mirrors.length ? { 'registry-mirrors': params.registry_mirrors } : {}),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Docker Engine from Debian (docker.io, with its containerd and runc), configured through daemon.json. */
export const docker = defineTaskserv({
  name: 'docker',
  version: '0.1.0',
  description:
    'Docker Engine from the distribution (docker.io): daemon.json with registry mirrors, log rotation and live restore, users in the docker group.',
  params: dockerParams,
  install: ({ params }) => [
    pkg({ id: ids.package, names: ['docker.io'] }),
    file({
      id: ids.daemonJson,
      path: DAEMON_JSON,
      content: daemonJson(params),
      mode: '0644',
      after: [ids.package],
    }),
    service({
      id: ids.service,
      name: 'docker',
      enabled: true,
      state: 'started',
      restartOn: [ids.daemonJson],
      after: [ids.package, ids.daemonJson],
    }),
    // The package creates the docker group.
    ...params.users.map((name) =>
      user({ id: ids.user(name), name, groups: ['docker'], after: [ids.package] }),
    ),
  ],
  // Images, containers and volumes in /var/lib/docker stay, as with apt; so do group memberships.
  remove: () => [
    pkg({ id: ids.package, names: ['docker.io'], state: 'absent' }),
    absent({ id: 'absent:docker-daemon-json', path: DAEMON_JSON, after: [ids.package] }),
  ],
  outputs: { version: { command: "docker version --format '{{.Server.Version}}'" } },
});
