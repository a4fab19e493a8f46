import { runScenario, type ScenarioResult, writeScenarioWorkspace } from '@provisioning/engine';
import type { TaskservScenario } from '@provisioning/sdk';
import { scenarios, taskservs } from '@provisioning/builtin-extensions';
import type { Inventory, InventoryHost } from '@provisioning/testbed';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCENARIO_FIRST_HOST, SCENARIO_HOSTS } from '../support/env';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { placeArtifacts } from './scenario-artifacts';

/** Each scenario gets hosts of its own, starting at SCENARIO_FIRST_HOST, in this order. */
function hostsFor(inventory: Inventory, scenario: TaskservScenario): InventoryHost[] {
  const first =
    SCENARIO_FIRST_HOST +
    scenarios.slice(0, scenarios.indexOf(scenario)).reduce((sum, s) => sum + s.hosts, 0);
  return Array.from({ length: scenario.hosts }, (_, i) => hostAt(inventory, first + i));
}

/** The testbed's hosts as static servers, with its key and known_hosts, host keys checked. */
function testbedWorkspace(inventory: Inventory, hosts: readonly InventoryHost[]): string {
  const root = mkdtempSync(join(tmpdir(), 'e2e-scenario-'));
  writeScenarioWorkspace(root, {
    servers: hosts.map((host) => ({
      name: host.name,
      address: host.address,
      port: host.port,
      user: host.user,
    })),
    settings: {
      ssh: {
        user: 'root',
        key: inventory.privateKeyPath,
        known_hosts: inventory.knownHostsPath,
        strict_host_key_checking: 'yes',
      },
    },
  });
  return root;
}

/** Every failure of a result, one line each, so a failing test says step, host, operation and what was seen. */
function failuresOf(result: ScenarioResult): string[] {
  return result.steps.flatMap((step) =>
    step.failures.map(
      (failure) =>
        `${failure.step}${failure.host ? ` on ${failure.host}` : ''}${failure.operation ? ` (${failure.operation})` : ''}: ${failure.message}`,
    ),
  );
}

it('SCENARIO_HOSTS is the number of hosts the scenarios take together', () => {
  expect(scenarios.reduce((sum, scenario) => sum + scenario.hosts, 0)).toBe(SCENARIO_HOSTS);
});

// Every built-in task service on testbed hosts through the one scenario runner that
// `provisioning test` uses: apply with checks, converge (0 changed), a param change planned and
// applied exactly as declared, remove with checks. Scenarios have hosts of their own, so they run
// concurrently (jest's maxConcurrency in jest.config.js).
describeOnTestbed('task services on testbed hosts (the scenarios each taskserv ships)', (testbed) => {
  for (const scenario of scenarios) {
    it.concurrent(
      scenario.name,
      async () => {
        const inventory = testbed();
        const hosts = hostsFor(inventory, scenario);
        const root = testbedWorkspace(inventory, hosts);
        try {
          const result = await runScenario({
            scenario,
            workspace: root,
            hosts: hosts.map((host) => host.name),
            taskservs,
            substitutions: placeArtifacts(inventory, scenario),
            // A reused testbed may hold an earlier run's install: start from the taskserv's own removal.
            reset: true,
          });
          expect(failuresOf(result)).toEqual([]);
          expect(result.steps.map((step) => `${step.step}: ${step.status}`)).toEqual([
            'reset: passed',
            'first apply: passed',
            'converge: passed',
            'param change: passed',
            'remove: passed',
          ]);
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      },
      // Roles are applied one after another (a replica after its primary): 10 minutes per role.
      600_000 * (scenario.roles?.length ?? 1),
    );
  }
});
