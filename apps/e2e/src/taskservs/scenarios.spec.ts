import type { TaskservScenario } from '@provisioning/sdk';
import { baseScenarios } from '@provisioning/taskserv-base';
import { caddyScenarios } from '@provisioning/taskserv-caddy';
import { containerdScenarios } from '@provisioning/taskserv-containerd';
import { dockerScenarios } from '@provisioning/taskserv-docker';
import { chronyScenarios } from '@provisioning/taskserv-chrony';
import { fail2banScenarios } from '@provisioning/taskserv-fail2ban';
import { firewallScenarios } from '@provisioning/taskserv-firewall';
import { haproxyScenarios } from '@provisioning/taskserv-haproxy';
import { k3sScenarios } from '@provisioning/taskserv-k3s';
import { nginxScenarios } from '@provisioning/taskserv-nginx';
import { nodeExporterScenarios } from '@provisioning/taskserv-node-exporter';
import { postgresqlReplicaScenarios, postgresqlScenarios } from '@provisioning/taskserv-postgresql';
import { prometheusScenarios } from '@provisioning/taskserv-prometheus';
import { etcdScenarios } from '@provisioning/taskserv-etcd';
import { unattendedUpgradesScenarios } from '@provisioning/taskserv-unattended-upgrades';
import { redisScenarios } from '@provisioning/taskserv-redis';
import type { Inventory, InventoryHost } from '@provisioning/testbed';
import { rmSync } from 'node:fs';
import { SCENARIO_FIRST_HOST, SCENARIO_HOSTS } from '../support/env';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { ScenarioSession } from './scenario-session';
import {
  placeArtifacts,
  scenarioEntries,
  scenarioWorkspace,
  substitute,
  writeTaskservs,
} from './scenario-workspace';

const scenarios: TaskservScenario[] = [
  ...baseScenarios,
  ...redisScenarios,
  ...nginxScenarios,
  ...nodeExporterScenarios,
  ...k3sScenarios,
  ...postgresqlScenarios,
  ...haproxyScenarios,
  ...firewallScenarios,
  ...chronyScenarios,
  ...fail2banScenarios,
  ...unattendedUpgradesScenarios,
  ...caddyScenarios,
  ...containerdScenarios,
  ...dockerScenarios,
  ...prometheusScenarios,
  ...etcdScenarios,
  ...postgresqlReplicaScenarios,
];

/** Each scenario gets hosts of its own, starting at SCENARIO_FIRST_HOST, in this order. */
function hostsFor(inventory: Inventory, scenario: TaskservScenario): InventoryHost[] {
  const first =
    SCENARIO_FIRST_HOST +
    scenarios.slice(0, scenarios.indexOf(scenario)).reduce((sum, s) => sum + s.hosts, 0);
  return Array.from({ length: scenario.hosts }, (_, i) => hostAt(inventory, first + i));
}

it('SCENARIO_HOSTS is the number of hosts the scenarios take together', () => {
  expect(scenarios.reduce((sum, scenario) => sum + scenario.hosts, 0)).toBe(SCENARIO_HOSTS);
});

// Every task service on fresh Debian hosts with systemd, through the engine as the CLI drives it:
// apply, converge (0 changed), a param change planned exactly as applied, remove. Scenarios have
// hosts of their own, so they run concurrently (jest's maxConcurrency in jest.config.js).
describeOnTestbed('task services on testbed hosts (the scenarios each taskserv ships)', (testbed) => {
  for (const scenario of scenarios) {
    it.concurrent(
      scenario.name,
      async () => {
        const inventory = testbed();
        const hosts = hostsFor(inventory, scenario);
        const roleHosts = (role?: string) =>
          role
            ? (scenario.roles?.find((r) => r.name === role)?.hosts ?? []).map((n) => hosts[n - 1].name)
            : hosts.map((h) => h.name);
        const root = scenarioWorkspace(inventory, hosts);
        const substitutions = placeArtifacts(inventory, scenario, hosts);
        writeTaskservs(root, scenarioEntries(scenario, hosts, scenario.apply.params, substitutions));
        const session = new ScenarioSession(root, scenario.apply.secrets);
        // A service started by systemd may take a moment to listen: a check gets 15 s to pass.
        const check = async (checks: TaskservScenario['checks'], step: string) => {
          for (const check of checks) {
            const c = { ...check, ...(substitute(check, substitutions) as typeof check) };
            for (const host of roleHosts(c.role)) {
              const deadline = Date.now() + 15_000;
              for (;;) {
                const run = await session.pool.exec(host, c.command, { timeoutMs: 60_000 });
                const seen = `${run.stdout}${run.stderr}`;
                if (run.code === 0 && seen.includes(c.expect)) break;
                if (Date.now() > deadline) {
                  throw new Error(
                    `${step}: ${c.description} on ${host}: exit ${run.code}, expected output containing "${c.expect}", got: ${seen.trim().slice(-400)}`,
                  );
                }
                await new Promise((resolve) => setTimeout(resolve, 500));
              }
            }
          }
        };
        try {
          // A reused testbed may hold an earlier run's install: start from the taskserv's own removal.
          const reset = await session.apply('remove');
          expect(
            reset.result.hosts.filter((h) => h.status !== 'ok').map((h) => `${h.host}: ${h.error?.message}`),
          ).toEqual([]);

          const first = await session.apply('install');
          expect(
            first.result.hosts.filter((h) => h.status !== 'ok').map((h) => `${h.host}: ${h.error?.message}`),
          ).toEqual([]);
          expect(first.result.changed).toBeGreaterThan(0);
          await check(scenario.checks, 'after the first apply');

          const second = await session.apply('install');
          expect(second.result.status).toBe('succeeded');
          expect(Object.fromEntries(second.changedIds)).toEqual({});

          writeTaskservs(
            root,
            scenarioEntries(scenario, hosts, scenario.change.params, substitutions, scenario.change.role),
          );
          const expected = new Map(
            roleHosts(scenario.change.role).map((host) => [host, [...scenario.change.changes].sort()]),
          );
          const planned = await session.plannedChanges();
          expect(sortedChanges(planned)).toEqual(Object.fromEntries(expected));
          const changed = await session.apply('install');
          expect(changed.result.status).toBe('succeeded');
          expect(sortedChanges(changed.changedIds)).toEqual(Object.fromEntries(expected));

          const removed = await session.apply('remove');
          expect(
            removed.result.hosts
              .filter((h) => h.status !== 'ok')
              .map((h) => `${h.host}: ${h.error?.message}`),
          ).toEqual([]);
          await check(scenario.removed, 'after remove');
        } finally {
          await session.pool.close();
          rmSync(root, { recursive: true, force: true });
        }
      },
      // Roles are applied one after another (a replica after its primary): 10 minutes per role.
      600_000 * (scenario.roles?.length ?? 1),
    );
  }
});

function sortedChanges(changes: ReadonlyMap<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    [...changes].filter(([, ids]) => ids.length > 0).map(([host, ids]) => [host, [...new Set(ids)].sort()]),
  );
}
