import { absent, defineTaskserv, file, pkg, service } from '@provisioning/sdk';
import type { ContainerdParams } from './params';
import { containerdParams } from './params';

export const CONFIG_TOML = '/etc/containerd/config.toml';

export const CONTAINERD_OPERATION_IDS = {
  package: 'package:containerd',
  config: 'file:containerd-config',
  service: 'service:containerd',
} as const;
const ids = CONTAINERD_OPERATION_IDS;

const CRI = 'plugins."io.containerd.grpc.v1.cri"';

/** config.toml (version 2); every value is checked by the params schema, so plain quoting suffices. */
export function containerdConfig(params: ContainerdParams): string {
  const mirrors = Object.entries(params.registry_mirrors).sort(([a], [b]) => a.localeCompare(b));
  return [
    '# Managed by provisioning (taskserv containerd); changes here are overwritten on the next apply.',
    'version = 2',
    `root = "${params.root}"`,
    'state = "/run/containerd"',
    '',
    `[${CRI}]`,
    `  sandbox_image = "${params.sandbox_image}"`,
    '',
    `[${CRI}.containerd.runtimes.runc]`,
    '  runtime_type = "io.containerd.runc.v2"',
    '',
    `[${CRI}.containerd.runtimes.runc.options]`,
    `  SystemdCgroup = ${params.systemd_cgroup}`,
    ...mirrors.flatMap(([registry, endpoints]) => [
      '',
      `[${CRI}.registry.mirrors."${registry}"]`,
      `  endpoint = [${endpoints.map((url) => `"${url}"`).join(', ')}]`,
    ]),
    '',
  ].join('\n');
}

/** containerd from the distribution with its config.toml generated; a change restarts containerd (running containers keep running: their shims are separate processes). */
export const containerd = defineTaskserv({
  name: 'containerd',
  version: '0.1.0',
  description:
    'containerd from the distribution: the systemd cgroup driver for Kubernetes, registry mirrors, sandbox image, data root.',
  params: containerdParams,
  install: ({ params }) => [
    pkg({ id: ids.package, names: ['containerd'] }),
    file({
      id: ids.config,
      path: CONFIG_TOML,
      content: containerdConfig(params),
      mode: '0644',
      after: [ids.package],
    }),
    service({
      id: ids.service,
      name: 'containerd',
      enabled: true,
      state: 'started',
      restartOn: [ids.config],
      after: [ids.package, ids.config],
    }),
  ],
  remove: () => [
    pkg({ id: ids.package, names: ['containerd'], state: 'absent' }),
    absent({ id: 'absent:containerd-config', path: CONFIG_TOML, after: [ids.package] }),
  ],
  outputs: { version: { command: "containerd --version | cut -d' ' -f3" } },
});
