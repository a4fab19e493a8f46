import type { TaskservScenario } from '@provisioning/sdk';

const BINARY = 'k3s/v1.32.3+k3s1/k3s';
const common = {
  version: 'v1.32.3+k3s1',
  mirror: '${artifacts}/k3s',
  sha256: { amd64: `\${sha256:${BINARY}}` },
};

/**
 * A server and an agent on two hosts; the agent entry depends on the server entry, so it joins
 * with the token and URL the server published (outputs), not with params.
 */
export const k3sScenarios: readonly TaskservScenario[] = [
  {
    name: 'k3s: the stand-in server publishes its token, an agent joins with it, then the agent gets a node label',
    taskserv: 'k3s',
    description:
      'Installs the k3s stand-in (tools/testbed/artifacts/k3s-stand-in) through the mirror and sha256 params; changing the agent flags rewrites its unit and restarts k3s-agent only.',
    hosts: 2,
    roles: [
      { name: 'server', hosts: [1], params: { role: 'server' } },
      { name: 'agent', hosts: [2], params: { role: 'agent' } },
    ],
    artifacts: [
      {
        path: BINARY,
        source: 'tools/testbed/artifacts/k3s-stand-in/k3s-stand-in',
        description: 'the k3s stand-in served as the release binary (k3s-stand-in/README.md)',
      },
    ],
    apply: { params: common },
    checks: [
      {
        role: 'server',
        description: 'the server wrote its join token',
        command: 'cat /var/lib/rancher/k3s/server/node-token',
        expect: '::server:',
      },
      {
        role: 'server',
        description: 'the server listens on 6443',
        command:
          'python3 -c "import urllib.request; print(urllib.request.urlopen(\'http://127.0.0.1:6443/ping\').read().decode())"',
        expect: 'pong',
      },
      {
        role: 'server',
        description: 'an agent joined and is Ready',
        command: 'k3s kubectl get nodes | grep "<none>"',
        expect: 'Ready',
      },
      {
        role: 'agent',
        description: 'the agent runs',
        command: 'systemctl is-active k3s-agent',
        expect: 'active',
      },
      {
        role: 'agent',
        description: 'the agent joined the published URL',
        command: 'cat /var/lib/rancher/k3s/agent/stand-in-joined',
        expect: ':6443',
      },
    ],
    change: {
      params: { ...common, extra_args: ['--node-label=tier=web'] },
      role: 'agent',
      changes: ['file:k3s-unit', 'service:k3s'],
    },
    removed: [
      {
        role: 'agent',
        description: 'the agent unit is gone',
        command: 'test ! -e /etc/systemd/system/k3s-agent.service && echo gone',
        expect: 'gone',
      },
      {
        role: 'server',
        description: 'the server data is gone',
        command: 'test ! -e /var/lib/rancher/k3s && echo gone',
        expect: 'gone',
      },
    ],
  },
];
