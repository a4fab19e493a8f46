import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initWorkspace } from './init-workspace';

describe('initWorkspace', () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'init-workspace-'));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('renders the minimal template by default, named after the folder', () => {
    const result = initWorkspace({ directory: join(parent, 'acme') });
    expect(result).toMatchObject({ ok: true, template: 'minimal', name: 'acme', infra: 'main' });
    expect(readFileSync(join(parent, 'acme/provisioning.yaml'), 'utf8')).toContain('name: acme');
    expect(existsSync(join(parent, 'acme/infra/main/servers.yaml'))).toBe(true);
  });

  it('refuses a folder with a file the template would overwrite, and writes nothing', () => {
    mkdirSync(join(parent, 'acme'));
    writeFileSync(join(parent, 'acme/provisioning.yaml'), 'mine\n');
    const result = initWorkspace({ directory: join(parent, 'acme') });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(
      /^Refusing to overwrite existing files \(nothing was written\): provisioning.yaml\./,
    );
    expect(readdirSync(join(parent, 'acme'))).toEqual(['provisioning.yaml']);
    expect(readFileSync(join(parent, 'acme/provisioning.yaml'), 'utf8')).toBe('mine\n');
  });

  it('overwrites with force', () => {
    mkdirSync(join(parent, 'acme'));
    writeFileSync(join(parent, 'acme/provisioning.yaml'), 'mine\n');
    expect(initWorkspace({ directory: join(parent, 'acme'), force: true }).ok).toBe(true);
    expect(readFileSync(join(parent, 'acme/provisioning.yaml'), 'utf8')).toContain('name: acme');
  });

  it('names the available templates when the template is unknown, and creates nothing', () => {
    const result = initWorkspace({ directory: join(parent, 'acme'), template: 'nope' });
    expect(!result.ok && result.error).toBe(
      'Unknown template "nope"; available: kubernetes, minimal, multi-env, web.',
    );
    expect(existsSync(join(parent, 'acme'))).toBe(false);
  });

  it('asks for --name when the folder name is not a valid workspace name', () => {
    const result = initWorkspace({ directory: join(parent, 'My Stuff') });
    expect(!result.ok && result.error).toMatch(
      /Invalid workspace name: "My Stuff" is not kebab-case.*Pass --name/,
    );
  });
});
