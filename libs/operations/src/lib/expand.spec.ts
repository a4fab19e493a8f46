import { z } from 'zod';
import { DefinitionError, defineTaskserv, file, pkg, service, taskserv } from '@provisioning/sdk';
import type { HostFacts, TaskservDefinition } from '@provisioning/sdk';
import { expandOperations } from './expand';

const host: HostFacts = {
  hostname: 'node-1',
  osFamily: 'debian',
  osId: 'debian',
  osVersion: '12',
  arch: 'x86_64',
};

const containerd = defineTaskserv({
  name: 'containerd',
  version: '1.0.0',
  params: z.object({ version: z.string() }),
  install: ({ params }) => [
    pkg({ id: 'pkg', names: ['containerd'] }),
    file({
      id: 'conf',
      path: '/etc/containerd/config.toml',
      content: `version = "${params.version}"\n`,
      after: ['pkg'],
    }),
    service({ id: 'svc', name: 'containerd', state: 'started', restartOn: ['conf'] }),
  ],
});

const registry = new Map<string, TaskservDefinition>([['containerd', containerd]]);
const options = {
  resolve: (name: string) => registry.get(name),
  context: { host, secrets: {}, outputs: () => undefined },
};

describe('expandOperations', () => {
  it('inlines a sub-run with its own params, prefixing ids and keeping references among its operations', () => {
    const ops = expandOperations(
      [taskserv({ id: 'runtime', name: 'containerd', params: { version: '2' } })],
      options,
    );
    expect(ops.map((op) => op.id)).toEqual(['runtime/pkg', 'runtime/conf', 'runtime/svc']);
    expect(ops[1]).toMatchObject({ content: 'version = "2"\n', after: ['runtime/pkg'] });
    expect(ops[2]).toMatchObject({ restartOn: ['runtime/conf'] });
  });

  it('makes a later reference to the sub-run mean all of its operations', () => {
    const ops = expandOperations(
      [
        taskserv({ id: 'runtime', name: 'containerd', params: { version: '2' } }),
        file({ id: 'after-it', path: '/x', content: '', after: ['runtime'] }),
      ],
      options,
    );
    expect(ops[3].after).toEqual(['runtime/pkg', 'runtime/conf', 'runtime/svc']);
  });

  it('makes a sub-run that waits for an earlier sub-run wait for all of its operations', () => {
    const ops = expandOperations(
      [
        taskserv({ id: 'runtime', name: 'containerd', params: { version: '2' } }),
        taskserv({ id: 'second', name: 'containerd', params: { version: '3' }, after: ['runtime'] }),
      ],
      options,
    );
    expect(ops[3]).toMatchObject({ id: 'second/pkg', after: ['runtime/pkg', 'runtime/conf', 'runtime/svc'] });
    expect(ops[4].after).toEqual(['runtime/pkg', 'runtime/conf', 'runtime/svc', 'second/pkg']);
  });

  it('names the missing task service and the invalid params', () => {
    expect(() => expandOperations([taskserv({ name: 'nope' })], options)).toThrow(
      /runs task service "nope", which is not installed/,
    );
    expect(() => expandOperations([taskserv({ name: 'containerd', params: {} })], options)).toThrow(
      /"containerd" for host "node-1"[\s\S]*version/,
    );
  });

  it('refuses sub-runs that call each other in a cycle', () => {
    const loop = defineTaskserv({
      name: 'loop',
      version: '1.0.0',
      params: z.object({}),
      install: () => [taskserv({ name: 'loop' })],
    });
    registry.set('loop', loop);
    expect(() => expandOperations([taskserv({ name: 'loop' })], options)).toThrow(DefinitionError);
    expect(() => expandOperations([taskserv({ name: 'loop' })], options)).toThrow('cycle: loop -> loop');
  });
});
