import { TaskservParamsError } from '@provisioning/sdk';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { docker, DOCKER_OPERATION_IDS as ids } from './docker';

const daemon = (params: object) =>
  JSON.parse(
    operationById(resolveOperations(docker, params), ids.daemonJson, 'file').content ?? '',
  ) as Record<string, unknown>;

describe('docker install', () => {
  it('installs docker.io, writes daemon.json, restarts dockerd when it changes, and adds users to the docker group', () => {
    const operations = resolveOperations(docker, { users: ['deploy'] });
    expect(operations.map((operation) => operation.id)).toEqual([
      ids.package,
      ids.daemonJson,
      ids.service,
      ids.user('deploy'),
    ]);
    expect(operationById(operations, ids.service, 'service').restartOn).toEqual([ids.daemonJson]);
    expect(operationById(operations, ids.user('deploy'), 'user')).toMatchObject({
      name: 'deploy',
      groups: ['docker'],
    });
  });

  it('rotates logs and keeps containers through restarts by default', () => {
    expect(daemon({})).toEqual({
      'live-restore': true,
      'log-driver': 'json-file',
      'log-opts': { 'max-file': '3', 'max-size': '10m' },
    });
  });

  it('writes mirrors, insecure registries, the cgroup driver and data root; journald has no rotation options', () => {
    expect(
      daemon({
        registry_mirrors: ['https://mirror.example.com'],
        insecure_registries: ['10.0.0.5:5000'],
        cgroup_driver: 'systemd',
        data_root: '/srv/docker',
        log_driver: 'journald',
      }),
    ).toEqual({
      'data-root': '/srv/docker',
      'exec-opts': ['native.cgroupdriver=systemd'],
      'live-restore': true,
      'log-driver': 'journald',
      'insecure-registries': ['10.0.0.5:5000'],
      'registry-mirrors': ['https://mirror.example.com'],
    });
  });
});

describe('docker params', () => {
  it.each([
    ['registry_mirrors.0', { registry_mirrors: ['mirror.example.com'] }],
    ['log_max_size', { log_max_size: '10MB' }],
    ['users.0', { users: ['Root Admin'] }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(docker, params)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(docker, params)).toThrow(new RegExp(field.replace(/\./g, '\\.')));
  });

  it('a mirror changes only daemon.json', () => {
    expect(
      changedOperationIds(
        resolveOperations(docker, {}),
        resolveOperations(docker, { registry_mirrors: ['https://m.example'] }),
      ),
    ).toEqual([ids.daemonJson]);
  });

  it('every after and restartOn names an earlier operation, install and remove', () => {
    for (const action of ['install', 'remove'] as const)
      expect(danglingReferences(resolveOperations(docker, { users: ['a'] }, { action }))).toEqual([]);
  });
});
