import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { SecretsFileError } from '../errors';
import { createTempWorkspace } from '../../testing/temp-workspace';
import { createSecretStore, defaultSecretsFiles } from './secrets-store';

describe('createSecretStore', () => {
  it('reads a private secrets file and prefers PROVISIONING_SECRET_<NAME> from the environment', () => {
    const ws = createTempWorkspace({
      '.provisioning/secrets.yaml': 'DB_PASSWORD: from-file\nAPI_TOKEN: token-from-file\n',
    });
    const file = join(ws.root, '.provisioning/secrets.yaml');
    chmodSync(file, 0o600);
    const store = createSecretStore({ env: { PROVISIONING_SECRET_DB_PASSWORD: 'from-env' }, files: [file] });
    expect(store.get('DB_PASSWORD')?.reveal()).toBe('from-env');
    expect(store.get('API_TOKEN')?.reveal()).toBe('token-from-file');
    expect(store.get('MISSING')).toBeUndefined();
    ws.cleanup();
  });

  it('refuses a secrets file other users can read, naming the fix', () => {
    const ws = createTempWorkspace({ 'secrets.yaml': 'DB_PASSWORD: x\n' });
    const file = join(ws.root, 'secrets.yaml');
    chmodSync(file, 0o644);
    const store = createSecretStore({ env: {}, files: [file] });
    expect(() => store.get('DB_PASSWORD')).toThrow(SecretsFileError);
    expect(() => store.get('DB_PASSWORD')).toThrow(
      `${file} can be read by other users (mode 0644); secrets files must be private: run \`chmod 600 ${file}\``,
    );
    ws.cleanup();
  });

  it('reports a bad value in a secrets file without printing the value', () => {
    const ws = createTempWorkspace({ 'secrets.yaml': 'DB_PASSWORD: 123456789\n' });
    const file = join(ws.root, 'secrets.yaml');
    chmodSync(file, 0o600);
    const store = createSecretStore({ env: {}, files: [file] });
    expect(() => store.get('DB_PASSWORD')).toThrow(
      `${file}:1:14 error DB_PASSWORD: expected a string (quote numbers), got a number (value hidden)`,
    );
    ws.cleanup();
  });

  it('looks in the workspace secrets file before the user one', () => {
    expect(defaultSecretsFiles('/ws', { XDG_CONFIG_HOME: '/home/u/.config' })).toEqual([
      '/ws/.provisioning/secrets.yaml',
      '/home/u/.config/provisioning/secrets.yaml',
    ]);
    expect(defaultSecretsFiles(undefined, { HOME: '/home/u' })).toEqual([
      '/home/u/.config/provisioning/secrets.yaml',
    ]);
  });
});
