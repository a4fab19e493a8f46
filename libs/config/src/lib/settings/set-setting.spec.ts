import { readFileSync, statSync, chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidSettingValueError, UnknownSettingError } from '../errors';
import { createTempWorkspace } from '../../testing/temp-workspace';
import { setSetting } from './set-setting';

const COMMENTED = [
  '# Acme production workspace',
  'name: acme # the name',
  'settings:',
  '  ssh:',
  '    user: deploy # our login',
  '',
].join('\n');

describe('setSetting', () => {
  it('changes one value and keeps every comment of the file', () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': COMMENTED });
    const file = join(ws.root, 'provisioning.yaml');
    expect(setSetting({ file, kind: 'workspace', key: 'ssh.port', value: '2222' })).toEqual({
      previous: undefined,
      value: 2222,
    });
    expect(readFileSync(file, 'utf8')).toBe(
      [
        '# Acme production workspace',
        'name: acme # the name',
        'settings:',
        '  ssh:',
        '    user: deploy # our login',
        '    port: 2222',
        '',
      ].join('\n'),
    );
    ws.cleanup();
  });

  it('creates the user config file and its directory when they do not exist', () => {
    const ws = createTempWorkspace({});
    const file = join(ws.root, 'config/provisioning/config.yaml');
    setSetting({ file, kind: 'user', key: 'run.parallelism', value: '4' });
    expect(readFileSync(file, 'utf8')).toBe('settings:\n  run:\n    parallelism: 4\n');
    ws.cleanup();
  });

  it('refuses a value of the wrong type and leaves the file byte-for-byte unchanged', () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': COMMENTED });
    const file = join(ws.root, 'provisioning.yaml');
    expect(() => setSetting({ file, kind: 'workspace', key: 'ssh.port', value: '22a' })).toThrow(
      new InvalidSettingValueError('ssh.port: expected a number from 1 to 65535, got "22a"'),
    );
    expect(readFileSync(file, 'utf8')).toBe(COMMENTED);
    ws.cleanup();
  });

  it('refuses an unknown key with the closest existing one', () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': COMMENTED });
    expect(() =>
      setSetting({ file: join(ws.root, 'provisioning.yaml'), kind: 'workspace', key: 'ssh.usr', value: 'x' }),
    ).toThrow(UnknownSettingError);
    expect(() =>
      setSetting({ file: join(ws.root, 'provisioning.yaml'), kind: 'workspace', key: 'ssh.usr', value: 'x' }),
    ).toThrow(/did you mean "ssh.user"\?/);
    ws.cleanup();
  });

  it('refuses to write when the change would leave another part of the file invalid', () => {
    const broken = 'name: acme\nsettings:\n  run: 5\n';
    const ws = createTempWorkspace({ 'provisioning.yaml': broken });
    const file = join(ws.root, 'provisioning.yaml');
    expect(() =>
      setSetting({ file, kind: 'workspace', key: 'ssh.user', value: 'x', displayPath: 'provisioning.yaml' }),
    ).toThrow(
      'setting ssh.user would leave provisioning.yaml invalid, so nothing was written:\nprovisioning.yaml:3:8 error settings.run: expected a mapping (key: value), got 5',
    );
    expect(readFileSync(file, 'utf8')).toBe(broken);
    ws.cleanup();
  });

  it('keeps the file mode and leaves no temp file behind', () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': COMMENTED });
    const file = join(ws.root, 'provisioning.yaml');
    chmodSync(file, 0o600);
    setSetting({ file, kind: 'workspace', key: 'run.timeout', value: '30' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(ws.root)).toEqual(['provisioning.yaml']);
    ws.cleanup();
  });
});

describe('setSetting under empty sections', () => {
  it('fills a `settings:` or section written with no value instead of failing', () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': 'name: acme\nsettings:\n  ssh: # to do\n' });
    const file = join(ws.root, 'provisioning.yaml');
    setSetting({ file, kind: 'workspace', key: 'ssh.port', value: '2222' });
    expect(readFileSync(file, 'utf8')).toBe('name: acme\nsettings:\n  ssh:\n    # to do\n    port: 2222\n');
    ws.cleanup();
  });
});
