import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TaskservScenario } from '@provisioning/sdk';
import type { Inventory, InventoryHost } from '@provisioning/testbed';

const repoRoot = join(__dirname, '../../../..');

/** A workspace for one scenario: its hosts as servers, the testbed's key and known_hosts, host keys checked. */
export function scenarioWorkspace(inventory: Inventory, hosts: readonly InventoryHost[]): string {
  const root = mkdtempSync(join(tmpdir(), 'e2e-scenario-'));
  const settings = {
    ssh: {
      user: 'root',
      key: inventory.privateKeyPath,
      known_hosts: inventory.knownHostsPath,
      strict_host_key_checking: 'yes',
    },
  };
  writeFileSync(
    join(root, 'provisioning.yaml'),
    JSON.stringify({ name: 'scenarios', default_infra: 'main', settings }, null, 2),
  );
  mkdirSync(join(root, 'infra/main'), { recursive: true });
  const servers = hosts.map((host) => ({
    name: host.name,
    address: host.address,
    port: host.port,
    user: host.user,
  }));
  writeFileSync(join(root, 'infra/main/servers.yaml'), JSON.stringify({ servers }, null, 2));
  return root;
}

/**
 * Serves the scenario's artifacts from the testbed's artifact server and returns the text
 * substitutions its params use: `${artifacts}` (base URL), `${sha256:<path>}`, and the name and
 * address of each of its hosts (`${server:N}`, `${address:N}`).
 */
export function placeArtifacts(
  inventory: Inventory,
  scenario: TaskservScenario,
  hosts: readonly InventoryHost[],
): Map<string, string> {
  const substitutions = new Map([['${artifacts}', inventory.artifacts.url.replace(/\/$/, '')]]);
  hosts.forEach((host, index) => {
    substitutions.set(`\${server:${index + 1}}`, host.name);
    substitutions.set(`\${address:${index + 1}}`, host.address);
  });
  for (const artifact of scenario.artifacts ?? []) {
    const destination = join(inventory.artifacts.dir, artifact.path);
    mkdirSync(dirname(destination), { recursive: true });
    if (artifact.source) copyFileSync(join(repoRoot, artifact.source), destination);
    if (artifact.build)
      execFileSync('/bin/sh', ['-c', artifact.build], {
        cwd: repoRoot,
        env: { ...process.env, OUT: destination },
        stdio: 'pipe',
      });
    const sha256 = createHash('sha256').update(readFileSync(destination)).digest('hex');
    substitutions.set(`\${sha256:${artifact.path}}`, sha256);
  }
  return substitutions;
}

export function substitute(value: unknown, substitutions: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const [from, to] of substitutions) text = text.split(from).join(to);
    return text;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, substitutions));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substitute(item, substitutions)]),
    );
  }
  return value;
}

export interface ScenarioEntry {
  name: string;
  taskserv: string;
  servers: string[];
  params: unknown;
  depends_on?: string[];
  /** The scenario role this entry plays (undefined: all hosts). */
  role?: string;
}

/**
 * The companions' entries, then one taskserv entry per role (each after the previous one), or one
 * entry on every host. `params`
 * go to every role, or only to `onlyRole` (a scenario's change targets one role; the others keep
 * the params they were applied with).
 */
export function scenarioEntries(
  scenario: TaskservScenario,
  hosts: readonly InventoryHost[],
  params: Record<string, unknown>,
  substitutions: ReadonlyMap<string, string>,
  onlyRole?: string,
): ScenarioEntry[] {
  const companions = (scenario.companions ?? []).map((companion) => ({
    name: companion.taskserv,
    taskserv: companion.taskserv,
    servers: companion.hosts.map((n) => hosts[n - 1].name),
    params: substitute(companion.params ?? {}, substitutions),
  }));
  if (!scenario.roles) {
    return [
      ...companions,
      {
        name: scenario.taskserv,
        taskserv: scenario.taskserv,
        servers: hosts.map((h) => h.name),
        params: substitute(params, substitutions),
      },
    ];
  }
  return [...companions, ...scenarioRoleEntries(scenario, hosts, params, substitutions, onlyRole)];
}

function scenarioRoleEntries(
  scenario: TaskservScenario,
  hosts: readonly InventoryHost[],
  params: Record<string, unknown>,
  substitutions: ReadonlyMap<string, string>,
  onlyRole?: string,
): ScenarioEntry[] {
  return (scenario.roles ?? []).map((role, index) => ({
    name: `${scenario.taskserv}-${role.name}`,
    taskserv: scenario.taskserv,
    role: role.name,
    servers: role.hosts.map((n) => hosts[n - 1].name),
    params: substitute(
      { ...(onlyRole && role.name !== onlyRole ? scenario.apply.params : params), ...role.params },
      substitutions,
    ),
    ...(index > 0 ? { depends_on: [`${scenario.taskserv}-${scenario.roles?.[index - 1].name}`] } : {}),
  }));
}

export function writeTaskservs(root: string, entries: readonly ScenarioEntry[]): void {
  const taskservs = entries.map(({ role: _role, ...entry }) => entry);
  writeFileSync(join(root, 'infra/main/taskservs.yaml'), JSON.stringify({ taskservs }, null, 2));
}
