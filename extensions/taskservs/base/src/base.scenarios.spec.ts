import { base } from './base';
import { baseScenarios } from './base.scenarios';
import { changedOperationIds, resolveOperations } from './operations.test-support';

describe('base e2e scenarios', () => {
  it.each(baseScenarios.map((scenario) => [scenario.name, scenario] as const))('%s: params resolve and the expected changes follow from them', (_name, scenario) => {
    const first = resolveOperations(base, scenario.apply.params, { secrets: scenario.apply.secrets });
    const changed = resolveOperations(base, scenario.change.params, { secrets: scenario.apply.secrets });
    const differing = changedOperationIds(first, changed);
    // The rest are triggered on the host: a reload watching a changed operation.
    const triggered = changed.filter((operation) => operation.after?.some((id) => differing.includes(id))).map((operation) => operation.id);
    expect([...new Set([...differing, ...triggered])].sort()).toEqual([...scenario.change.changes].sort());
    expect(resolveOperations(base, scenario.change.params, { action: 'remove' }).length).toBeGreaterThan(0);
  });
});
