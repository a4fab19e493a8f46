import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkspace } from './validate-workspace';
import { addServersToInfra } from './add-servers';

describe('addServersToInfra', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'add-servers-'));
    writeFileSync(join(root, 'provisioning.yaml'), 'name: lab\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the infra and its servers.yaml, which then loads as a valid workspace', () => {
    const result = addServersToInfra(root, 'pis', [
      { name: 'pi-1', address: '192.168.1.20', user: 'pi', labels: { role: 'pi' } },
    ]);
    expect(result).toEqual({
      file: 'infra/pis/servers.yaml',
      added: [expect.objectContaining({ name: 'pi-1' })],
      skipped: [],
    });
    expect(readFileSync(join(root, 'infra/pis/servers.yaml'), 'utf8')).toBe(
      'servers:\n  - { name: pi-1, address: 192.168.1.20, user: pi, labels: { role: pi } }\n',
    );
    expect(loadWorkspace(root).workspace.infras['pis'].servers.map((server) => server.address)).toEqual([
      '192.168.1.20',
    ]);
  });

  it('appends to an existing file keeping its comments, and skips names and addresses the infra already has in any file', () => {
    mkdirSync(join(root, 'infra/lab'), { recursive: true });
    writeFileSync(
      join(root, 'infra/lab/servers.yaml'),
      '# the rack\nservers:\n  - name: nas # keep me\n    address: 192.168.1.5\n',
    );
    writeFileSync(join(root, 'infra/lab/more.yaml'), 'servers:\n  - { name: pi-2, address: 192.168.1.22 }\n');
    const result = addServersToInfra(root, 'lab', [
      { name: 'pi-1', address: '192.168.1.21' },
      { name: 'nas-again', address: '192.168.1.5' },
      { name: 'pi-2', address: '192.168.1.99' },
    ]);
    expect(result.added.map((server) => server.name)).toEqual(['pi-1']);
    expect(result.skipped.map((skip) => skip.reason)).toEqual([
      '192.168.1.5 is already server nas',
      'the name pi-2 is taken',
    ]);
    const text = readFileSync(join(root, 'infra/lab/servers.yaml'), 'utf8');
    expect(text).toContain('# the rack');
    expect(text).toContain('# keep me');
    expect(text).toContain('  - { name: pi-1, address: 192.168.1.21 }');
  });

  it('writes nothing when a server would make the file invalid', () => {
    expect(() => addServersToInfra(root, 'lab', [{ name: 'bad name!', address: '10.0.0.1' }])).toThrow(
      /invalid.*nothing was written/,
    );
    expect(() => readFileSync(join(root, 'infra/lab/servers.yaml'))).toThrow(/ENOENT/);
  });
});
