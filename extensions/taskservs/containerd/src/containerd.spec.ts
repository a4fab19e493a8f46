import { TaskservParamsError } from '@provisioning/sdk';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { containerd, CONTAINERD_OPERATION_IDS as ids } from './containerd';

const config = (params: object) =>
  operationById(resolveOperations(containerd, params), ids.config, 'file').content ?? '';

describe('containerd install', () => {
  it('installs the package, writes config.toml, and restarts containerd when it changes', () => {
    const operations = resolveOperations(containerd, {});
    expect(operations.map((operation) => operation.id)).toEqual([ids.package, ids.config, ids.service]);
    expect(operationById(operations, ids.service, 'service')).toMatchObject({
      enabled: true,
      state: 'started',
      restartOn: [ids.config],
    });
  });

  it('uses the systemd cgroup driver and the pause image by default', () => {
    expect(config({})).toContain(
      '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]\n  SystemdCgroup = true\n',
    );
    expect(config({})).toContain('  sandbox_image = "registry.k8s.io/pause:3.6"\n');
    expect(config({ systemd_cgroup: false })).toContain('SystemdCgroup = false');
  });

  it('writes registry mirrors sorted by registry', () => {
    const text = config({
      registry_mirrors: {
        'quay.io': ['https://q.example'],
        'docker.io': ['https://a.example', 'http://10.0.0.5:5000'],
      },
    });
    expect(text.split('\n').slice(-7)).toEqual([
      '',
      '[plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]',
      '  endpoint = ["https://a.example", "http://10.0.0.5:5000"]',
      '',
      '[plugins."io.containerd.grpc.v1.cri".registry.mirrors."quay.io"]',
      '  endpoint = ["https://q.example"]',
      '',
    ]);
  });
});

describe('containerd params', () => {
  it.each([
    ['registry_mirrors.docker.io.0', { registry_mirrors: { 'docker.io': ['ftp://x'] } }],
    ['registry_mirrors', { registry_mirrors: { 'a"b': ['https://x'] } }],
    ['sandbox_image', { sandbox_image: 'Pause"' }],
    ['root', { root: 'relative' }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(containerd, params)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(containerd, params)).toThrow(new RegExp(field.replace(/\./g, '\\.')));
  });

  it('a mirror changes only config.toml', () => {
    expect(
      changedOperationIds(
        resolveOperations(containerd, {}),
        resolveOperations(containerd, { registry_mirrors: { 'docker.io': ['https://m.example'] } }),
      ),
    ).toEqual([ids.config]);
  });

  it('every after and restartOn names an earlier operation, install and remove', () => {
    for (const action of ['install', 'remove'] as const)
      expect(danglingReferences(resolveOperations(containerd, {}, { action }))).toEqual([]);
  });
});
