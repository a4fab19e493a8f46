import { defineTaskserv, file } from '@provisioning/sdk';
import { z } from 'zod';
import { loadInfra } from '../../testing/workspace-fixture';
import { infraView } from './infra-view';

const definition = (name: string) =>
  defineTaskserv({
    name,
    version: '1.0.0',
    params: z.object({}).passthrough(),
    install: () => [file({ path: `/etc/${name}`, content: 'x' })],
  });
const registry = new Map(['node-exporter', 'prometheus', 'k3s'].map((name) => [name, definition(name)]));

describe('infraView', () => {
  const infra = loadInfra(
    {
      'infra/prod/servers.yaml': `servers:
  - { name: mon, address: 10.0.0.1, labels: { role: monitoring } }
  - { name: web-1, address: 10.0.0.2, labels: { role: web } }
  - { name: web-2, address: web-2.internal, labels: { role: web } }
  - { name: spare, provider: local }
`,
      'infra/prod/taskservs.yaml': `taskservs:
  - { name: exporter, taskserv: node-exporter, servers: [mon, web-1, web-2], params: { token: "{{secret.exporter_token}}" } }
  - { name: prometheus, servers: [mon], params: { retention: 30d } }
  - { name: k3s }
clusters:
  - name: kube
    cluster: k3s
    roles:
      server: { servers: [web-1], taskservs: [k3s] }
`,
    },
    {},
    'prod',
  );
  const view = infraView(infra, (entry) => registry.get(entry.taskserv));

  it('lists every server with its address, labels and the entries placed on it (own targets and cluster roles)', () => {
    expect(view).toEqual({
      name: 'prod',
      servers: [
        {
          name: 'mon',
          address: '10.0.0.1',
          labels: { role: 'monitoring' },
          taskservs: [
            { name: 'exporter', taskserv: 'node-exporter' },
            { name: 'prometheus', taskserv: 'prometheus' },
          ],
        },
        {
          name: 'web-1',
          address: '10.0.0.2',
          labels: { role: 'web' },
          taskservs: [
            { name: 'exporter', taskserv: 'node-exporter' },
            { name: 'k3s', taskserv: 'k3s' },
          ],
        },
        {
          name: 'web-2',
          address: 'web-2.internal',
          labels: { role: 'web' },
          taskservs: [{ name: 'exporter', taskserv: 'node-exporter' }],
        },
        { name: 'spare', labels: {}, taskservs: [] },
      ],
    });
  });

  it('carries no params, so no secret reference or value can reach another task service', () => {
    const text = JSON.stringify(view);
    expect(text).not.toContain('exporter_token');
    expect(text).not.toContain('30d');
  });
});
