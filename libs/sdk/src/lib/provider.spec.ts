import { z } from 'zod';
import { defineProvider, managedLabels, parseProviderOptions, ProviderOptionsError } from './provider';
import type { ProviderDefinition } from './provider';

const methods = {
  placement: () => ({ zone: 'here', plan: 'small', image: 'debian-12' }),
  create: async () => ({ id: '1', name: 'a', status: 'running' as const, labels: {}, hostKeys: [] }),
  get: async () => undefined,
  list: async () => [],
  delete: async () => undefined,
  start: async () => undefined,
  stop: async () => undefined,
  reboot: async () => undefined,
  plans: async () => [],
  images: async () => [],
  zones: async () => [],
};
const fake = defineProvider({
  name: 'fake',
  version: '1.0.0',
  options: z.object({ size: z.enum(['small', 'large']).default('small') }),
  ...methods,
});

describe('defineProvider', () => {
  it('returns a declaration whose options parse with defaults', () => {
    expect(parseProviderOptions(fake, undefined, 'web-1')).toEqual({ size: 'small' });
  });

  it('rejects a bad name, a reserved name, a bad version and a missing method together', () => {
    const { reboot: _reboot, ...withoutReboot } = methods;
    const bad = {
      name: 'static',
      version: 'one',
      options: z.object({}),
      ...withoutReboot,
    } as unknown as ProviderDefinition;
    expect(() => defineProvider(bad)).toThrow(
      /reserved for servers that already exist[\s\S]*version "one"[\s\S]*reboot must be a function/,
    );
    expect(() => defineProvider({ ...fake, name: 'Cloud!' })).toThrow(/name "Cloud!" must be lowercase/);
  });

  it('names the server and the wrong field when provider_options are invalid', () => {
    const parse = () => parseProviderOptions(fake, { size: 'huge' }, 'web-1');
    expect(parse).toThrow(ProviderOptionsError);
    expect(parse).toThrow(/server "web-1" are invalid for provider "fake"[\s\S]*size:/);
  });
});

describe('managedLabels', () => {
  it('adds the managed-by, infra and server labels, which the user cannot override', () => {
    expect(managedLabels('prod', 'web-1', { team: 'a', 'provisioning.server': 'other' })).toEqual({
      team: 'a',
      'provisioning.managed-by': 'provisioning',
      'provisioning.infra': 'prod',
      'provisioning.server': 'web-1',
    });
  });
});
