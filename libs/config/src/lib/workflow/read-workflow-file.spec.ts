import { formatDiagnostic } from '../diagnostics/diagnostic';
import { jsonSchemaFor } from '../schema/json-schemas';
import { createTempWorkspace } from '../../testing/temp-workspace';
import { parseWorkflowSource, validateWorkflowFiles } from './read-workflow-file';

const errorsOf = (source: string) => {
  const result = parseWorkflowSource(source, 'workflows/deploy.yaml');
  return result.ok ? [] : result.diagnostics.map(formatDiagnostic);
};

describe('workflow files', () => {
  it('reads a workflow with its defaults: hard dependencies, no retry, parallel limit 4, rollback off', () => {
    const result = parseWorkflowSource(
      [
        'name: web-rollout',
        'version: 2',
        'operations:',
        '  - { id: base, type: taskserv, taskservs: [nginx], servers: role=web }',
        '  - id: reload',
        '    type: command',
        '    command: systemctl reload nginx',
        '    servers: role=web',
        '    dependencies: [base, { id: check, kind: soft }]',
        '    retry: { attempts: 3, on: [connection, exit] }',
        '    timeout: 60',
        '    rollback: { type: command, command: systemctl restart nginx, servers: role=web }',
        '  - { id: check, type: noop }',
      ].join('\n'),
    );
    if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
    expect(result.workflow).toMatchObject({
      name: 'web-rollout',
      version: '2',
      parallel_limit: 4,
      rollback_enabled: false,
    });
    expect(result.workflow.operations[0]).toEqual({
      id: 'base',
      type: 'taskserv',
      action: 'install',
      taskservs: ['nginx'],
      servers: 'role=web',
      dependencies: [],
    });
    expect(result.workflow.operations[1]).toMatchObject({
      dependencies: ['base', { id: 'check', kind: 'soft' }],
      retry: { attempts: 3, backoff: 2, max_backoff: 300, jitter: true, on: ['connection', 'exit'] },
      timeout: 60,
      rollback: { type: 'command', command: 'systemctl restart nginx', servers: 'role=web', sudo: false },
    });
  });

  it('names a dependency cycle at the operation where it starts', () => {
    expect(
      errorsOf(
        'name: w\noperations:\n  - { id: a, type: noop, dependencies: [c] }\n  - { id: b, type: noop, dependencies: [a] }\n  - { id: c, type: noop, dependencies: [b] }\n',
      ),
    ).toEqual([
      'workflows/deploy.yaml:3:40 error operations[0].dependencies: the operations depend on each other in a cycle: a -> c -> b -> a; remove one of these dependencies',
    ]);
  });

  it('points at an unknown dependency with a suggestion, a duplicate id, and a self-dependency', () => {
    expect(
      errorsOf(
        'name: w\noperations:\n  - { id: build, type: noop }\n  - { id: ship, type: noop, dependencies: [biuld, ship] }\n  - { id: build, type: noop }\n',
      ),
    ).toEqual([
      'workflows/deploy.yaml:4:44 error operations[1].dependencies[0]: no operation "biuld" in this workflow; did you mean "build"?',
      'workflows/deploy.yaml:4:51 error operations[1].dependencies[1]: "ship" depends on itself; remove it from its own dependencies',
      'workflows/deploy.yaml:5:11 error operations[2].id: the id "build" is already used by operations[0]; ids must be unique',
    ]);
  });

  it('reports schema problems at file:line:col: a missing field, an unknown type, an unknown retry class', () => {
    expect(
      errorsOf(
        'name: w\noperations:\n  - { id: a, type: command, servers: all }\n  - { id: b, type: reboot }\n  - { id: c, type: noop, retry: { on: [flaky] } }\n',
      ),
    ).toEqual([
      'workflows/deploy.yaml:3:5 error operations[0].command: required, but missing; expected a shell command line',
      'workflows/deploy.yaml:4:20 error operations[1].type: expected an operation type: apply, taskserv, command, server_create, server_delete, cluster_create, cluster_delete, workflow or noop, got "reboot"',
      'workflows/deploy.yaml:5:40 error operations[2].retry.on[0]: expected one of connection, timeout, exit, stale, any, got "flaky"',
    ]);
  });

  it('reads server and cluster operations, and reports their problems at file:line:col', () => {
    const result = parseWorkflowSource(
      'name: w\noperations:\n  - { id: a, type: server_create, servers: [web-1] }\n  - { id: b, type: cluster_create, cluster: k8s, rollback: { type: cluster_delete, cluster: k8s } }\n  - { id: c, type: server_delete, servers: [web-1] }\n',
    );
    expect(result.ok && result.workflow.operations.map((operation) => operation.type)).toEqual([
      'server_create',
      'cluster_create',
      'server_delete',
    ]);
    expect(
      errorsOf(
        'name: w\noperations:\n  - { id: a, type: server_delete }\n  - { id: b, type: server_create, servers: web-1 }\n  - { id: c, type: cluster_create }\n',
      ),
    ).toEqual([
      'workflows/deploy.yaml:3:5 error operations[0].servers: required, but missing; expected a list of names',
      'workflows/deploy.yaml:4:44 error operations[1].servers: expected a list of names, got "web-1"',
      "workflows/deploy.yaml:5:5 error operations[2].cluster: required, but missing; expected a name of letters, digits, '.', '_' or '-', starting with a letter or digit",
    ]);
  });

  it('validates every file of workflows/ in a workspace', () => {
    const ws = createTempWorkspace({
      'workflows/good.yaml': 'name: good\noperations: [{ id: a, type: noop }]\n',
      'workflows/bad.yml': 'name: bad\noperations: []\n',
      'workflows/notes.txt': 'ignored',
    });
    const { files, diagnostics } = validateWorkflowFiles(ws.root);
    expect(files.map((file) => file.slice(ws.root.length + 1))).toEqual([
      'workflows/bad.yml',
      'workflows/good.yaml',
    ]);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'workflows/bad.yml:2:13 error operations: expected a list with at least one operation, got a list',
    ]);
    ws.cleanup();
  });

  it('publishes a JSON Schema for editors from the same definition', () => {
    const schema = jsonSchemaFor('workflow') as {
      properties: Record<string, { items?: { oneOf?: unknown[]; anyOf?: unknown[] } }>;
    };
    expect(Object.keys(schema.properties)).toEqual([
      'name',
      'version',
      'description',
      'parallel_limit',
      'rollback_enabled',
      'operations',
    ]);
    const variants = schema.properties.operations.items?.oneOf ?? schema.properties.operations.items?.anyOf;
    expect(variants).toHaveLength(9);
  });
});
