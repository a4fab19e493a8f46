import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createTempWorkspace } from '../../testing/temp-workspace';
import { createSecretStore } from '../secrets/secrets-store';
import { setSetting } from '../settings/set-setting';
import { formatDiagnostic } from '../diagnostics/diagnostic';
import { readYamlFile } from '../yaml/read-yaml-file';
import { validateWorkspace } from './validate-workspace';

/**
 * Hostile inputs that cannot live in the bad-input corpus (a FIFO or a device cannot be committed,
 * and generated files of thousands of entries would bloat it). Each must end with a clear,
 * located error, never a hang, a crash or a silent skip.
 */
describe('hostile workspace files', () => {
  it('refuses a FIFO as an infra file instead of blocking on it', () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': 'name: acme\n' });
    mkdirSync(join(ws.root, 'infra/main'), { recursive: true });
    execFileSync('mkfifo', [join(ws.root, 'infra/main/servers.yaml')]);
    const lines = validateWorkspace(ws.root, { env: {} }).diagnostics.map(formatDiagnostic);
    expect(lines).toContain(
      'infra/main/servers.yaml:1:1 error this is a named pipe (FIFO), not a regular file; configuration must be a plain file',
    );
    ws.cleanup();
  });

  it('refuses a FIFO and /dev/zero as secrets files, and /dev/zero read directly, without blocking', () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': 'name: acme\n', '.gitignore': '.provisioning/\n' });
    mkdirSync(join(ws.root, '.provisioning'));
    execFileSync('mkfifo', [join(ws.root, '.provisioning/secrets.yaml')]);
    chmodSync(join(ws.root, '.provisioning/secrets.yaml'), 0o600);
    const xdg = join(ws.root, 'xdg');
    mkdirSync(join(xdg, 'provisioning'), { recursive: true });
    symlinkSync('/dev/zero', join(xdg, 'provisioning/secrets.yaml'));
    const report = validateWorkspace(ws.root, { env: { XDG_CONFIG_HOME: xdg } });
    const messages = report.diagnostics.map((d) => d.message).join('\n');
    expect(messages).toContain('this is a named pipe (FIFO), not a regular file');
    expect(() => createSecretStore({ env: {}, files: ['/dev/zero'] }).get('X')).toThrow(
      /a device, not a regular file/,
    );
    const zero = readYamlFile('/dev/zero', 'zero.yaml');
    expect(!zero.ok && zero.diagnostics[0].code).toBe('not-a-regular-file');
    ws.cleanup();
  });

  it('reports 6,000 unknown server references, each once, suggesting names for the first ones only', () => {
    const count = 6000;
    const lines = ['servers:'];
    for (let i = 0; i < count; i++)
      lines.push(`  - { name: server-${i}, address: 10.0.${Math.floor(i / 256)}.${i % 256} }`);
    lines.push('taskservs:', '  - name: t', '    servers:');
    for (let i = 0; i < count; i++) lines.push(`      - servr-${i}`);
    const ws = createTempWorkspace({
      'provisioning.yaml': 'name: acme\n',
      'infra/main/servers.yaml': `${lines.join('\n')}\n`,
    });
    const unknown = validateWorkspace(ws.root, { env: {} }).diagnostics.filter(
      (d) => d.code === 'unknown-server',
    );
    expect(unknown).toHaveLength(count);
    expect(unknown[0].message).toBe('no server named "servr-0" in this infra; did you mean "server-0"?');
    expect(unknown[count - 1].message).toBe(`no server named "servr-${count - 1}" in this infra`);
    ws.cleanup();
  });
});

describe('hostile files beside the configuration', () => {
  it('reads a FIFO .gitignore as "not ignored" without blocking, and refuses to set a setting in a FIFO', () => {
    const ws = createTempWorkspace({
      'provisioning.yaml': 'name: acme\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.provisioning/known_hosts': '',
    });
    execFileSync('mkfifo', [join(ws.root, '.gitignore')]);
    expect(validateWorkspace(ws.root, { env: {} }).diagnostics.map((d) => d.code)).toContain(
      'state-dir-not-ignored',
    );
    execFileSync('mkfifo', [join(ws.root, 'config.yaml')]);
    expect(() =>
      setSetting({ file: join(ws.root, 'config.yaml'), kind: 'user', key: 'ssh.port', value: '22' }),
    ).toThrow(/named pipe \(FIFO\), not a regular file/);
    ws.cleanup();
  });
});
