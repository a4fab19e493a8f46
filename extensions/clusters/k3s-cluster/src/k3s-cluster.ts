import { defineCluster, quote } from '@provisioning/sdk';
import { z } from 'zod';

const FLAG = /^--[a-z0-9][a-z0-9-]*(=[^\s'"\\]*)?$/;
const flags = (what: string) =>
  z
    .array(z.string().regex(FLAG, 'must be one flag such as --disable=traefik (no spaces or quotes)'))
    .default([])
    .describe(what);

/** The cluster's params; the k3s release fields are passed to every k3s taskserv it places. */
export const k3sClusterParams = z.strictObject({
  version: z
    .string()
    .regex(/^v[0-9]+\.[0-9]+\.[0-9]+\+k3s[0-9]+$/)
    .default('v1.32.3+k3s1')
    .describe('k3s release of every node.'),
  mirror: z
    .string()
    .regex(/^https?:\/\/[^\s'"]*[^\s'"/]$/)
    .optional()
    .describe("Base URL laid out like the GitHub releases (default: the k3s taskserv's)."),
  sha256: z
    .strictObject({
      amd64: z
        .string()
        .regex(/^[a-f0-9]{64}$/)
        .optional(),
      arm64: z
        .string()
        .regex(/^[a-f0-9]{64}$/)
        .optional(),
    })
    .optional()
    .describe(
      'sha256 of the binary per architecture, for versions or mirrors the k3s taskserv does not know.',
    ),
  token: z
    .string()
    .optional()
    .describe('Shared join token, written "{{secret.NAME}}"; default: the one the first server publishes.'),
  server_args: flags('More flags for k3s server.'),
  agent_args: flags('More flags for k3s agent.'),
  health_timeout: z
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(300)
    .describe('Seconds to wait for every node to be Ready.'),
});

export type K3sClusterParams = z.output<typeof k3sClusterParams>;

function release(params: K3sClusterParams): Record<string, unknown> {
  return {
    version: params.version,
    ...(params.mirror ? { mirror: params.mirror } : {}),
    ...(params.sha256 ? { sha256: params.sha256 } : {}),
    ...(params.token ? { token: params.token } : {}),
  };
}

/** Exits 0 when every named node is Ready, else says which is not (stderr) and exits 1. */
export function nodesReadyCommand(nodes: readonly string[]): string {
  return [
    'ready=$(k3s kubectl get nodes --no-headers | awk \'$2 == "Ready" {print $1}\')',
    `for node in ${nodes.map(quote).join(' ')}; do printf '%s\\n' "$ready" | grep -qx -- "$node" || { echo "node $node is not Ready" >&2; exit 1; }; done`,
  ].join('; ');
}

/** The server's API URL as seen from the workstation: its first address, port 6443. */
const ENDPOINT = "printf 'https://%s:6443\\n' \"$(hostname -I | cut -d' ' -f1)\"";

/**
 * k3s as one unit: servers first (one, or three with embedded etcd: the first with
 * --cluster-init, the others joining it), then agents joining with the token the first server
 * published. Healthy when every server and agent is a Ready node.
 */
export const k3sCluster = defineCluster({
  name: 'k3s-cluster',
  version: '0.1.0',
  description:
    "A k3s Kubernetes cluster: one or three servers (embedded etcd), then agents joining with the server's token.",
  params: k3sClusterParams,
  roles: [
    {
      name: 'server',
      description: 'control plane; three servers run embedded etcd',
      counts: [1, 3],
      taskservs: ({ params, servers, index, addresses }) => {
        const all = servers['server'] ?? [];
        const first = all[0];
        const joining = index > 0 ? { server_url: `https://${addresses[first] ?? first}:6443` } : {};
        const clusterInit = index === 0 && all.length > 1 ? ['--cluster-init'] : [];
        return [
          {
            taskserv: 'k3s',
            params: {
              role: 'server',
              ...release(params),
              ...joining,
              extra_args: [...clusterInit, ...params.server_args],
            },
          },
        ];
      },
    },
    {
      name: 'agent',
      description: 'workers joining the servers',
      optional: true,
      taskservs: ({ params }) => [
        { taskserv: 'k3s', params: { role: 'agent', ...release(params), extra_args: params.agent_args } },
      ],
      drain: {
        on: 'server',
        command:
          'k3s kubectl drain {{server}} --ignore-daemonsets --delete-emptydir-data --timeout=120s && k3s kubectl delete node {{server}}',
      },
    },
  ],
  health: [
    {
      name: 'nodes-ready',
      role: 'server',
      command: (servers) => nodesReadyCommand([...(servers['server'] ?? []), ...(servers['agent'] ?? [])]),
      timeoutSeconds: 300,
    },
  ],
  outputs: {
    endpoint: { role: 'server', command: ENDPOINT, description: 'the Kubernetes API of the first server' },
    kubeconfig: {
      role: 'server',
      description: 'admin kubeconfig, pointed at the first server',
      command: `a=$(hostname -I | cut -d' ' -f1); sed "s#https://127.0.0.1:6443#https://$a:6443#" /etc/rancher/k3s/k3s.yaml`,
      secret: true,
      file: 'kubeconfig',
    },
  },
});
