import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempWorkspace } from '../../testing/temp-workspace';
import { editConfigFile } from './edit-config-file';

const ORIGINAL = 'name: acme # keep me\n';

describe('editConfigFile', () => {
  it('replaces the file with a valid edit and keeps the previous version as .bak', async () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': ORIGINAL });
    const file = join(ws.root, 'provisioning.yaml');
    const result = await editConfigFile({
      file,
      kind: 'workspace',
      openEditor: async (path) => writeFileSync(path, 'name: acme\ndefault_infra: prod\n'),
    });
    expect(result).toEqual({ status: 'saved', file, backup: `${file}.bak` });
    expect(readFileSync(file, 'utf8')).toBe('name: acme\ndefault_infra: prod\n');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(ORIGINAL);
    ws.cleanup();
  });

  it('leaves the file untouched on an invalid edit and keeps the edit with its problems', async () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': ORIGINAL });
    const file = join(ws.root, 'provisioning.yaml');
    const result = await editConfigFile({
      file,
      kind: 'workspace',
      displayPath: 'provisioning.yaml',
      openEditor: async (path) => writeFileSync(path, 'name: acme\nsettings:\n  ssh:\n    port: 99999\n'),
    });
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(result.status).toBe('rejected');
    if (result.status !== 'rejected') return;
    expect(readFileSync(result.rejected, 'utf8')).toContain('port: 99999');
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`)).toEqual([
      'provisioning.rejected.yaml:4:11 expected a number from 1 to 65535, got 99999',
    ]);
    ws.cleanup();
  });

  it('reports an unchanged file and leaves no draft behind', async () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': ORIGINAL });
    const file = join(ws.root, 'provisioning.yaml');
    expect(await editConfigFile({ file, kind: 'workspace', openEditor: async () => undefined })).toEqual({
      status: 'unchanged',
      file,
    });
    expect(existsSync(join(ws.root, 'provisioning.edit.yaml'))).toBe(false);
    ws.cleanup();
  });
});

describe('editConfigFile when the editor fails', () => {
  it('rethrows, removes the draft and leaves the file as it was', async () => {
    const ws = createTempWorkspace({ 'provisioning.yaml': ORIGINAL });
    const file = join(ws.root, 'provisioning.yaml');
    const failing = editConfigFile({
      file,
      kind: 'workspace',
      openEditor: async () => Promise.reject(new Error('editor exited with status 1')),
    });
    await expect(failing).rejects.toThrow('editor exited with status 1');
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(existsSync(join(ws.root, 'provisioning.edit.yaml'))).toBe(false);
    ws.cleanup();
  });
});
