import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { list } from 'tar';
import { writeDeterministicTarball } from './deterministic-tarball';

describe('writeDeterministicTarball', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tarball-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const entries = [
    { path: 'package/manifest.yaml', content: 'name: x\n' },
    { path: 'package/dist/index.js', content: 'module.exports = {};\n' },
  ];

  it('gives the same bytes and sha256 for the same entries in any order', async () => {
    const first = await writeDeterministicTarball(entries, join(dir, 'a.tgz'));
    const second = await writeDeterministicTarball([...entries].reverse(), join(dir, 'b.tgz'));
    expect(second.sha256).toBe(first.sha256);
    expect(readFileSync(second.file)).toEqual(readFileSync(first.file));
  });

  it('writes the sha256 beside the tarball in sha256sum format', async () => {
    const written = await writeDeterministicTarball(entries, join(dir, 'x.tgz'));
    expect(readFileSync(written.sha256File, 'utf8')).toBe(`${written.sha256}  x.tgz\n`);
  });

  it('stores sorted entries with epoch mtimes, mode 0644 and no owner', async () => {
    const written = await writeDeterministicTarball(entries, join(dir, 'x.tgz'));
    const seen: { path: string; mode?: number; mtime?: Date; uid?: number }[] = [];
    await list({
      file: written.file,
      onReadEntry: (e) => void seen.push({ path: e.path, mode: e.mode, mtime: e.mtime, uid: e.uid }),
    });
    expect(seen.map((e) => e.path)).toEqual(['package/dist/index.js', 'package/manifest.yaml']);
    for (const entry of seen) {
      expect(entry.mode).toBe(0o644);
      expect(entry.mtime?.getTime()).toBe(0);
      expect(entry.uid ?? 0).toBe(0);
    }
  });

  it('changes the sha256 when a file changes', async () => {
    const first = await writeDeterministicTarball(entries, join(dir, 'a.tgz'));
    const changed = await writeDeterministicTarball(
      [{ ...entries[0], content: 'name: y\n' }, entries[1]],
      join(dir, 'b.tgz'),
    );
    expect(changed.sha256).not.toBe(first.sha256);
  });

  it('refuses an entry path that leaves the archive root', async () => {
    await expect(
      writeDeterministicTarball([{ path: '../evil', content: '' }], join(dir, 'x.tgz')),
    ).rejects.toThrow(/relative POSIX path/);
  });
});
