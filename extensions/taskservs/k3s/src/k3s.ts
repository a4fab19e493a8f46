import { absent, defineTaskserv, quote, shell } from '@provisioning/sdk';
import type { Operation } from '@provisioning/sdk';
import type { K3sParams } from './params';
import { k3sParams } from './params';
import {
  AGENT_TOKEN_FILE,
  agentOperations,
  CONFIG_DIR,
  NODE_TOKEN,
  ROLE_UNITS,
  serverOperations,
  unitPath,
} from './roles';
import type { ServerOutputs } from './roles';
import { K3S_BINARY } from './unit-file';

/**
 * The engine reads a taskserv's outputs on every host it installed, and files them under the
 * taskserv's name, so an agent must publish the same values as its server (the ones it joined
 * with), never an error or an empty value that would hide the server's.
 */
const AGENT_UNIT = unitPath('agent');
const TOKEN_COMMAND = `if [ -f ${AGENT_TOKEN_FILE} ]; then cat ${AGENT_TOKEN_FILE}; else cat ${NODE_TOKEN}; fi`;
/** A server: the source address of its default route (no packet is sent); an agent: the --server it joined. */
const URL_COMMAND = [
  `if [ -f ${AGENT_UNIT} ]; then sed -n 's/^ExecStart=.* --server \\([^ ]*\\) .*/\\1/p' ${AGENT_UNIT}; else`,
  "a=$(ip -4 route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \\([0-9.]*\\).*/\\1/p'); [ -n \"$a\" ] || a=$(hostname -I | cut -d' ' -f1);",
  'printf \'https://%s:6443\\n\' "$a"; fi',
].join(' ');

function removal(role: K3sParams['role']): Operation[] {
  const unit = unitPath(role);
  return [
    shell({
      id: 'shell:stop-k3s',
      description: `stop and disable ${ROLE_UNITS[role]}, remove its unit`,
      command: `systemctl disable --now ${ROLE_UNITS[role]}.service && rm -f ${quote(unit)} && systemctl daemon-reload`,
      onlyIf: `test -f ${quote(unit)}`,
    }),
    absent({ id: 'absent:k3s-binary', path: K3S_BINARY, after: ['shell:stop-k3s'] }),
    absent({ id: 'absent:k3s-config', path: CONFIG_DIR, recursive: true, after: ['shell:stop-k3s'] }),
    absent({
      id: 'absent:k3s-data',
      path: '/var/lib/rancher/k3s',
      recursive: true,
      after: ['shell:stop-k3s'],
    }),
  ];
}

/**
 * k3s from its release binary, as a server or an agent. The server publishes its join token and
 * URL as outputs; an agent on another host (which depends on the server's taskserv entry) gets
 * them through `outputs('k3s')`, unless a shared token and server URL are given as params.
 */
export const k3s = defineTaskserv({
  name: 'k3s',
  version: '0.1.0',
  description:
    'k3s Kubernetes from its release binary (sha256-checked, mirror-able), as a server or an agent joining it.',
  params: k3sParams,
  install: ({ params, host, outputs }) =>
    params.role === 'server'
      ? serverOperations(
          params,
          host,
          params.server_url ? (outputs('k3s') as ServerOutputs | undefined) : undefined,
        )
      : agentOperations(params, host, outputs('k3s') as ServerOutputs | undefined),
  remove: ({ params }) => removal(params.role),
  outputs: {
    token: { command: TOKEN_COMMAND, secret: true },
    url: { command: URL_COMMAND },
  },
});
