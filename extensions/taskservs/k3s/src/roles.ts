import { directory, download, file, pkg, quote, service, shell } from '@provisioning/sdk';
import type { HostFacts, Operation } from '@provisioning/sdk';
import { type K3sParams, SERVER_URL, SINGLE_LINE } from './params';
import { paramsError, release } from './release';
import { K3S_BINARY, unitFile } from './unit-file';

export const CONFIG_DIR = '/etc/rancher/k3s';
export const NODE_TOKEN = '/var/lib/rancher/k3s/server/node-token';
export const SERVER_TOKEN_FILE = `${CONFIG_DIR}/server-token`;
export const AGENT_TOKEN_FILE = `${CONFIG_DIR}/agent-token`;
export const ROLE_UNITS = { server: 'k3s', agent: 'k3s-agent' } as const;
export const unitPath = (role: K3sParams['role']) => `/etc/systemd/system/${ROLE_UNITS[role]}.service`;

export const K3S_OPERATION_IDS = {
  curl: 'package:curl',
  binary: 'download:k3s',
  configDir: 'directory:k3s-config',
  token: 'file:k3s-token',
  unit: 'file:k3s-unit',
  service: 'service:k3s',
  nodeToken: 'shell:wait-for-node-token',
} as const;
const ids = K3S_OPERATION_IDS;

/** The server's published values, as an agent sees them through `ctx.outputs('k3s')`. */
export interface ServerOutputs {
  token?: string;
  url?: string;
}

function common(params: K3sParams, host: HostFacts): Operation[] {
  const { url, sha256 } = release(params, host);
  return [
    // The download operation fetches with curl (or wget) on the host.
    pkg({ id: ids.curl, names: ['curl'] }),
    download({ id: ids.binary, url, sha256, path: K3S_BINARY, mode: '0755', after: [ids.curl] }),
    directory({ id: ids.configDir, path: CONFIG_DIR, mode: '0755' }),
  ];
}

function tokenFile(path: string, token: string): Operation {
  return file({
    id: ids.token,
    path,
    content: `${token}\n`,
    mode: '0600',
    owner: 'root',
    group: 'root',
    sensitive: true,
    after: [ids.configDir],
  });
}

function runningService(role: K3sParams['role'], watched: string[]): Operation {
  return service({
    id: ids.service,
    name: ROLE_UNITS[role],
    enabled: true,
    state: 'started',
    restartOn: watched,
    after: watched,
  });
}

/** A server; with `server_url` it joins that server as another control-plane node (embedded etcd), with its token. */
export function serverOperations(params: K3sParams, host: HostFacts, joined?: ServerOutputs): Operation[] {
  const token = params.token ?? (params.server_url ? joined?.token : undefined);
  if (params.server_url && !token) {
    throw paramsError(
      host,
      'token: a server joining server_url needs the join token; make this entry depend on the first k3s server entry (depends_on), or set token',
    );
  }
  const execStart = [
    'server',
    ...(params.server_url ? ['--server', params.server_url] : []),
    ...(token ? ['--token-file', SERVER_TOKEN_FILE] : []),
    ...params.extra_args,
  ];
  const watched = [ids.binary, ids.unit, ...(token ? [ids.token] : [])];
  return [
    ...common(params, host),
    ...(token ? [tokenFile(SERVER_TOKEN_FILE, token)] : []),
    file({
      id: ids.unit,
      path: unitPath('server'),
      content: unitFile('Lightweight Kubernetes (k3s server)', execStart),
      mode: '0644',
    }),
    runningService('server', watched),
    // Agents read the token from here (the taskserv's outputs), so the step ends only once it exists.
    // No `after`: it follows the service in order anyway, and a restart should not make it "may change".
    shell({
      id: ids.nodeToken,
      description: `wait until k3s has written ${NODE_TOKEN}`,
      command: `i=0; until [ -s ${quote(NODE_TOKEN)} ]; do i=$((i+1)); [ "$i" -le 300 ] || { echo ${quote(`k3s wrote no ${NODE_TOKEN} within 300 s; see journalctl -u k3s`)} >&2; exit 1; }; sleep 1; done`,
      creates: NODE_TOKEN,
    }),
  ];
}

/**
 * What the server host published is data from another machine: it becomes a unit file and a token
 * file only once it has the shape the params demand (an https URL with a port, one printable line).
 */
function checkedServerOutputs(host: HostFacts, server: ServerOutputs | undefined): ServerOutputs | undefined {
  if (!server) return undefined;
  const problems = [
    ...(server.url !== undefined && !SERVER_URL.test(server.url)
      ? [
          `server_url: the k3s server published ${JSON.stringify(server.url.slice(0, 80))} as its URL, which is not https://<address>:<port>; set server_url, or fix the server's address`,
        ]
      : []),
    ...(server.token !== undefined && !SINGLE_LINE.test(server.token)
      ? [
          "token: the k3s server published a join token that is not one line of printable characters; set token, or check the server's node-token",
        ]
      : []),
  ];
  if (problems.length > 0) throw paramsError(host, problems.join('; '));
  return server;
}

export function agentOperations(
  params: K3sParams,
  host: HostFacts,
  published: ServerOutputs | undefined,
): Operation[] {
  const server = checkedServerOutputs(host, published);
  const token = params.token ?? server?.token;
  const url = params.server_url ?? server?.url;
  const missing = [
    ...(token
      ? []
      : [
          'token: an agent needs the join token; make this entry depend on the k3s server entry (depends_on) so the server publishes one, or set token',
        ]),
    ...(url
      ? []
      : [
          'server_url: an agent needs the server URL; make this entry depend on the k3s server entry (depends_on) so the server publishes it, or set server_url',
        ]),
  ];
  if (!token || !url) throw paramsError(host, missing.join('; '));
  const execStart = ['agent', '--server', url, '--token-file', AGENT_TOKEN_FILE, ...params.extra_args];
  return [
    ...common(params, host),
    tokenFile(AGENT_TOKEN_FILE, token),
    file({
      id: ids.unit,
      path: unitPath('agent'),
      content: unitFile('Lightweight Kubernetes (k3s agent)', execStart),
      mode: '0644',
    }),
    runningService('agent', [ids.binary, ids.unit, ids.token]),
  ];
}
