import type { Operation } from '@provisioning/sdk';
import { nginx } from './nginx';
import { nginxScenarios } from './nginx.scenarios';
import { changedOperationIds, resolveOperations } from './operations.test-support';

/** Operations the host reports changed because a watched one did: restarts (restartOn) and stamped reloads (after). */
function triggeredBy(operations: Operation[], differing: string[]): string[] {
  const watches = (operation: Operation) => (operation.kind === 'service' ? (operation.restartOn ?? []) : operation.kind === 'shell' ? (operation.after ?? []) : []);
  return operations.filter((operation) => watches(operation).some((id) => differing.includes(id))).map((operation) => operation.id);
}

describe('nginx e2e scenarios', () => {
  it.each(nginxScenarios.map((scenario) => [scenario.name, scenario] as const))('%s: params resolve and the expected changes follow from them', (_name, scenario) => {
    const roles = scenario.roles ?? [{ name: 'all', hosts: [], params: {} }];
    const changedRoles = roles.filter((role) => scenario.change.role === undefined || role.name === scenario.change.role);
    for (const role of changedRoles) {
      const options = { secrets: scenario.apply.secrets, outputs: {} };
      const first = resolveOperations(nginx, { ...scenario.apply.params, ...role.params }, options);
      const changed = resolveOperations(nginx, { ...scenario.change.params, ...role.params }, options);
      const differing = changedOperationIds(first, changed);
      expect([...new Set([...differing, ...triggeredBy(changed, differing)])].sort()).toEqual([...scenario.change.changes].sort());
      expect(resolveOperations(nginx, { ...scenario.change.params, ...role.params }, { ...options, action: 'remove' }).length).toBeGreaterThan(0);
    }
  });
});
