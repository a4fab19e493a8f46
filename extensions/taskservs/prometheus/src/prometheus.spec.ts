import { DefinitionError, type InfraView, TaskservParamsError } from '@provisioning/sdk';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { prometheus, PROMETHEUS_OPERATION_IDS as ids } from './prometheus';

const exporter = { name: 'exporter', taskserv: 'node-exporter' };
const infra: InfraView = {
  name: 'prod',
  server: 'mon',
  servers: [
    {
      name: 'mon',
      address: '10.0.0.1',
      labels: {},
      taskservs: [exporter, { name: 'prometheus', taskserv: 'prometheus' }],
    },
    { name: 'web-1', address: '10.0.0.2', labels: {}, taskservs: [exporter] },
    { name: 'web-v6', address: 'fd00::3', labels: {}, taskservs: [exporter] },
    {
      name: 'db-1',
      address: '10.0.0.4',
      labels: {},
      taskservs: [{ name: 'postgresql', taskserv: 'postgresql' }],
    },
    { name: 'pending', labels: {}, taskservs: [exporter] },
  ],
};
const resolve = (params: object, options: { action?: 'install' | 'remove'; infra?: InfraView } = {}) =>
  resolveOperations(prometheus, params, { infra, ...options });
const config = (params: object, view = infra) =>
  JSON.parse(
    (operationById(resolve(params, { infra: view }), ids.candidate, 'file').content ?? '')
      .split('\n')
      .slice(1)
      .join('\n'),
  ) as { scrape_configs: Array<{ job_name: string; static_configs: unknown[] }>; rule_files: string[] };

describe('prometheus install', () => {
  it('installs the package, writes the flags and a candidate config, and reloads after promtool passes', () => {
    const operations = resolve({ rules: { node: 'groups: []' } });
    expect(operations.map((operation) => operation.id)).toEqual([
      ids.package,
      ids.defaults,
      ids.candidateDir,
      ids.candidate,
      ids.rule('node'),
      ids.service,
      ids.reload,
    ]);
    expect(operationById(operations, ids.defaults, 'file').content).toContain(
      'ARGS="--config.file=/etc/prometheus/prometheus.yml --storage.tsdb.path=/var/lib/prometheus/metrics2/ --storage.tsdb.retention.time=15d --web.listen-address=:9090"',
    );
    expect(operationById(operations, ids.service, 'service').restartOn).toEqual([ids.defaults]);
    const reload = operationById(operations, ids.reload, 'shell');
    expect(reload.command).toMatch(
      /^find \/etc\/prometheus\/provisioning\/rules -type f ! -name node\.yml -delete && promtool check config /,
    );
    expect(reload.command.indexOf('promtool')).toBeLessThan(reload.command.indexOf('mv '));
    expect(reload.after).toEqual([ids.candidate, ids.service]);
  });

  it("scrapes the infra's servers that run node-exporter at their addresses, labelled with the server's name", () => {
    const node = config({}).scrape_configs.find((job) => job.job_name === 'node');
    expect(node?.static_configs).toEqual([
      { targets: ['10.0.0.1:9100'], labels: { server: 'mon' } },
      { targets: ['10.0.0.2:9100'], labels: { server: 'web-1' } },
      { targets: ['[fd00::3]:9100'], labels: { server: 'web-v6' } },
    ]);
    expect(config({}).scrape_configs[0]).toEqual({
      job_name: 'prometheus',
      static_configs: [{ targets: ['localhost:9090'] }],
    });
  });

  it('changes the config when a server with node-exporter joins the infra, and only the config and its reload', () => {
    const before = resolve({});
    const grown: InfraView = {
      ...infra,
      servers: [...infra.servers, { name: 'web-9', address: '10.0.0.9', labels: {}, taskservs: [exporter] }],
    };
    expect(changedOperationIds(before, resolve({}, { infra: grown }))).toEqual([ids.candidate, ids.reload]);
  });

  it('adds static jobs after the built-in ones and leaves node out when disabled', () => {
    const jobs = config({
      node_exporter: { enabled: false },
      scrape_configs: [{ job_name: 'app', targets: ['10.0.0.5:8080'], labels: { team: 'web' } }],
    }).scrape_configs;
    expect(jobs).toEqual([
      expect.objectContaining({ job_name: 'prometheus' }),
      {
        job_name: 'app',
        metrics_path: '/metrics',
        scheme: 'http',
        static_configs: [{ targets: ['10.0.0.5:8080'], labels: { team: 'web' } }],
      },
    ]);
  });

  it('refuses to plan without the infra view, saying who must pass it', () => {
    expect(() => resolveOperations(prometheus, {})).toThrow(DefinitionError);
    expect(() => resolveOperations(prometheus, {})).toThrow(/needs the infra's servers/);
  });
});

describe('prometheus remove', () => {
  it('removes the package and what the task service added, keeping the samples', () => {
    const operations = resolve({}, { action: 'remove' });
    expect(operations.map((operation) => operation.id)).toEqual([
      ids.package,
      'absent:prometheus-candidate',
      'absent:prometheus-rules',
      'absent:prometheus-reload-stamp',
    ]);
    expect(JSON.stringify(operations)).not.toContain('/var/lib/prometheus');
  });
});

describe('prometheus params', () => {
  it.each([
    ['retention_time', { retention_time: '30 days' }],
    ['listen_address', { listen_address: '9090' }],
    ['scrape_configs.0.targets.0', { scrape_configs: [{ job_name: 'app', targets: ['http://x:1'] }] }],
    ['scrape_configs.0.job_name', { scrape_configs: [{ job_name: 'node', targets: ['x:1'] }] }],
    ['rules', { rules: { '../etc/passwd': 'groups: []' } }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolve(params)).toThrow(TaskservParamsError);
    expect(() => resolve(params)).toThrow(new RegExp(field.replace(/\./g, '\\.')));
  });
});

describe('prometheus: changing one param changes exactly the expected operations', () => {
  it.each([
    ['retention_time', { retention_time: '90d' }, [ids.defaults]],
    ['scrape_interval', { scrape_interval: '30s' }, [ids.candidate, ids.reload]],
    ['a rules file', { rules: { node: 'groups: [] # v2' } }, [ids.rule('node'), ids.reload]],
  ])('%s', (_param, change, expected) => {
    const params = { rules: { node: 'groups: []' } };
    expect(changedOperationIds(resolve(params), resolve({ ...params, ...change }))).toEqual(expected);
  });

  it('every after and restartOn names an earlier operation, install and remove', () => {
    for (const action of ['install', 'remove'] as const)
      expect(danglingReferences(resolve({ rules: { a: 'groups: []' } }, { action }))).toEqual([]);
  });
});
