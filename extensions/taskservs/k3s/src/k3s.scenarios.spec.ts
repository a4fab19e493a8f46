import { createHash } from 'node:crypto';
import type { Operation } from '@provisioning/sdk';
import { k3s } from './k3s';
import { k3sScenarios } from './k3s.scenarios';
import { changedOperationIds, resolveOperations } from './operations.test-support';

/** Operations the host reports changed because a watched one did: restarts (restartOn) and stamped reloads (after). */
function triggeredBy(operations: Operation[], differing: string[]): string[] {
  const watches = (operation: Operation) => (operation.kind === 'service' ? (operation.restartOn ?? []) : operation.kind === 'shell' ? (operation.after ?? []) : []);
  return operations.filter((operation) => watches(operation).some((id) => differing.includes(id))).map((operation) => operation.id);
}

/** What the e2e suite substitutes for `${artifacts}` and `${sha256:<path>}` (values of the right shape). */
function fillPlaceholders(params: Record<string, unknown>): Record<string, unknown> {
  const fill = (text: string) =>
    text
      .replace(/\$\{artifacts\}/g, 'http://10.147.0.1:8080')
      .replace(/\$\{sha256:([^}]+)\}/g, (_match, path: string) => createHash('sha256').update(path).digest('hex'));
  return JSON.parse(JSON.stringify(params), (_key, value: unknown) => (typeof value === 'string' ? fill(value) : value)) as Record<string, unknown>;
}

describe('k3s e2e scenarios', () => {
  it.each(k3sScenarios.map((scenario) => [scenario.name, scenario] as const))('%s: params resolve and the expected changes follow from them', (_name, scenario) => {
    const roles = scenario.roles ?? [{ name: 'all', hosts: [], params: {} }];
    const changedRoles = roles.filter((role) => scenario.change.role === undefined || role.name === scenario.change.role);
    expect(changedRoles.length).toBeGreaterThan(0);
    for (const role of changedRoles) {
      const options = { secrets: scenario.apply.secrets, outputs: { k3s: { token: 'K10abc::server:published', url: 'https://10.147.0.11:6443' } } };
      const first = resolveOperations(k3s, fillPlaceholders({ ...scenario.apply.params, ...role.params }), options);
      const changed = resolveOperations(k3s, fillPlaceholders({ ...scenario.change.params, ...role.params }), options);
      const differing = changedOperationIds(first, changed);
      expect([...new Set([...differing, ...triggeredBy(changed, differing)])].sort()).toEqual([...scenario.change.changes].sort());
      expect(resolveOperations(k3s, fillPlaceholders({ ...scenario.change.params, ...role.params }), { ...options, action: 'remove' }).length).toBeGreaterThan(0);
    }
  });
});
