import type { TaskservScenario } from '@provisioning/sdk';
import { hostSubstitutions, scenarioEntries } from './scenario-workspace';

const scenario: TaskservScenario = {
  name: 'replica',
  taskserv: 'postgresql',
  description: 'a primary, a replica, node-exporter beside both',
  hosts: 2,
  companions: [{ taskserv: 'node-exporter', hosts: [1, 2], params: { mirror: '${artifacts}/ne' } }],
  roles: [
    { name: 'primary', hosts: [1], params: {} },
    { name: 'replica', hosts: [2], params: { replica_of: { server: '${server:1}' } } },
  ],
  apply: { params: {} },
  checks: [],
  change: { params: {}, changes: [] },
  removed: [],
};

describe('scenario entries', () => {
  it('places the companions first, then one entry per role, with ${server:N} naming the scenario host', () => {
    const substitutions = new Map([...hostSubstitutions(['h7', 'h8']), ['${artifacts}', 'http://a']]);
    expect(scenarioEntries(scenario, ['h7', 'h8'], {}, substitutions)).toEqual([
      {
        name: 'node-exporter',
        taskserv: 'node-exporter',
        servers: ['h7', 'h8'],
        params: { mirror: 'http://a/ne' },
      },
      { name: 'postgresql-primary', taskserv: 'postgresql', role: 'primary', servers: ['h7'], params: {} },
      {
        name: 'postgresql-replica',
        taskserv: 'postgresql',
        role: 'replica',
        servers: ['h8'],
        params: { replica_of: { server: 'h7' } },
        depends_on: ['postgresql-primary'],
      },
    ]);
  });
});
