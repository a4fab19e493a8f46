import { createTempWorkspace } from '../../testing/temp-workspace';
import { readDefaultInfra } from './default-infra';

describe('readDefaultInfra', () => {
  it('reads default_infra without validating the rest of the file', () => {
    const ws = createTempWorkspace({
      'provisioning.yaml': 'name: acme\ndefault_infra: prod\nunknown_key: 1\n',
    });
    expect(readDefaultInfra(ws.root)).toBe('prod');
    ws.cleanup();
  });

  it('gives undefined when it is unset or not a name', () => {
    const unset = createTempWorkspace({ 'provisioning.yaml': 'name: acme\n' });
    const invalid = createTempWorkspace({ 'provisioning.yaml': 'name: acme\ndefault_infra: "../etc"\n' });
    expect(readDefaultInfra(unset.root)).toBeUndefined();
    expect(readDefaultInfra(invalid.root)).toBeUndefined();
    unset.cleanup();
    invalid.cleanup();
  });
});
