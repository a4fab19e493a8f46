import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../kinds/content-change';
import { atomicWriteScript, displayScript } from './atomic-write';
import { STALE_PLAN_EXIT } from './errors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atomic-write-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the script in the calling shell itself (as an apply chain does), then prints that shell's umask and options ($- of `sh -s` is "s": no -C, no -e). */
function runInline(script: string): { status: number | null; stderr: string; after: string } {
  const result = spawnSync('/bin/sh', ['-s'], {
    input: `umask 022\n${script}\ns=$?\nprintf '%s|%s|' "$(umask)" "$-"\nexit $s\n`,
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr, after: result.stdout };
}

const leftovers = () => readdirSync(dir).filter((name) => name.startsWith('.provisioning.'));
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('atomicWriteScript', () => {
  it('writes the content and the mode, through the umask or chmod, and leaves the running shell as it was', () => {
    const secretFile = join(dir, 'etc', 'secret');
    const run = runInline(
      `${atomicWriteScript({ path: secretFile, content: 'a=1\n', mode: '0600' })}\n` +
        atomicWriteScript({ path: join(dir, 'run.sh'), content: '#!/bin/sh\n', mode: '0755' }),
    );
    expect(run).toMatchObject({ status: 0, after: '0022|s|' });
    expect(readFileSync(secretFile, 'utf8')).toBe('a=1\n');
    expect(mode(secretFile)).toBe('600');
    expect(mode(join(dir, 'run.sh'))).toBe('755');
    expect(leftovers()).toEqual([]);
  });

  it('fails without touching the old file or leaving its temp file when a step fails (chown to a user that does not exist)', () => {
    const path = join(dir, 'app.conf');
    writeFileSync(path, 'old\n');
    const run = runInline(
      atomicWriteScript({ path, content: 'new\n', mode: '0644', owner: 'no-such-user-provisioning' }),
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/chown/);
    expect(run.after).toBe('0022|s|');
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(leftovers()).toEqual([]);
  });

  it('refuses with exit 75 and writes nothing when the file is no longer what was planned', () => {
    const path = join(dir, 'hosts');
    writeFileSync(path, 'edited by someone else\n');
    const stale = runInline(
      atomicWriteScript({ path, content: 'x\n', mode: '0644', expectSha256: sha256('planned\n') }),
    );
    expect(stale.status).toBe(STALE_PLAN_EXIT);
    expect(stale.stderr).toContain(`${path} changed since it was planned; run plan again`);
    expect(readFileSync(path, 'utf8')).toBe('edited by someone else\n');
    const absent = runInline(
      atomicWriteScript({ path, content: 'x\n', mode: '0644', expectSha256: 'absent' }),
    );
    expect(absent.status).toBe(STALE_PLAN_EXIT);

    const current = runInline(
      atomicWriteScript({
        path,
        content: 'x\n',
        mode: '0644',
        expectSha256: sha256('edited by someone else\n'),
      }),
    );
    expect(current.status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('x\n');
  });

  it('runs the same under set -e in a subshell, as a change outside a chain does', () => {
    const path = join(dir, 'sub', 'file');
    const result = spawnSync(
      '/bin/sh',
      ['-c', `(\nset -e\n${atomicWriteScript({ path, content: 'y', mode: '0640' })}\n)`],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('y');
    expect(mode(path)).toBe('640');
  });

  it('shows the script without the content, keeping the rest of the command line', () => {
    const script = atomicWriteScript({ path: '/etc/app.conf', content: 'password=hunter2\n', mode: '0640' });
    const shown = displayScript(script);
    expect(shown).not.toContain(Buffer.from('password=hunter2\n').toString('base64').slice(0, 20));
    expect(shown).toMatch(/<<'PROV_EOF_[0-9A-F]+' && \(content omitted\)\nmv -f -- "\$_pt" \/etc\/app\.conf/);
  });
});
