import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { file, template } from '@provisioning/sdk';
import { applyHost } from '../lib/apply';
import { planHost } from '../lib/plan';
import { LocalTestExecutor } from '../testing/local-executor';

let dir: string;
let executor: LocalTestExecutor;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'file-'));
  executor = new LocalTestExecutor();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('file and template sources on the machine running provisioning', () => {
  it('reads a relative source file and template against baseDir', async () => {
    writeFileSync(join(dir, 'motd.txt'), 'hello\n');
    writeFileSync(join(dir, 'app.conf.eta'), 'port=<%= it.port %>\n');
    const ops = [
      file({ path: `${dir}/out/motd`, source: 'motd.txt' }),
      template({ path: `${dir}/out/app.conf`, source: 'app.conf.eta', params: { port: 8080 } }),
    ];
    await applyHost(executor, await planHost(executor, ops, { baseDir: dir }));
    expect(readFileSync(`${dir}/out/motd`, 'utf8')).toBe('hello\n');
    expect(readFileSync(`${dir}/out/app.conf`, 'utf8')).toBe('port=8080\n');
  });

  it('names the operation and the path of a missing source, and a template that fails to render', async () => {
    await expect(
      planHost(executor, [file({ id: 'motd', path: '/x', source: 'nope.txt' })], { baseDir: dir }),
    ).rejects.toThrow(`Operation "motd": cannot read local file ${join(dir, 'nope.txt')}`);
    await expect(
      planHost(executor, [template({ id: 'conf', path: '/x', template: '<%= it.missing.deep %>' })]),
    ).rejects.toThrow(/Operation "conf": template \(inline\) failed to render/);
  });
});

describe('file writes', () => {
  it('replaces a symlink at the path by a file instead of writing through it', async () => {
    writeFileSync(`${dir}/target`, 'untouched\n');
    symlinkSync(`${dir}/target`, `${dir}/path`);
    const plan = await planHost(executor, [file({ path: `${dir}/path`, content: 'new\n' })]);
    expect(plan.operations[0].summary).toBe(`create ${dir}/path (1 line) (replacing a symlink)`);
    await applyHost(executor, plan);
    expect(lstatSync(`${dir}/path`).isSymbolicLink()).toBe(false);
    expect(readFileSync(`${dir}/target`, 'utf8')).toBe('untouched\n');
  });

  it('keeps the mode of an existing file when none is asked for, and reports a mode-only change', async () => {
    writeFileSync(`${dir}/f`, 'old\n', { mode: 0o600 });
    await applyHost(executor, await planHost(executor, [file({ path: `${dir}/f`, content: 'new\n' })]));
    expect(lstatSync(`${dir}/f`).mode & 0o777).toBe(0o600);
    const plan = await planHost(executor, [file({ path: `${dir}/f`, content: 'new\n', mode: '0755' })]);
    expect(plan.operations[0]).toMatchObject({
      status: 'change',
      summary: `update ${dir}/f: mode 0600 -> 0755`,
    });
    expect(plan.operations[0].diff).toBeUndefined();
    await applyHost(executor, plan);
    expect(lstatSync(`${dir}/f`).mode & 0o777).toBe(0o755);
  });
});

describe('file diffs', () => {
  it('shows no text diff for binary content, only that it changes', async () => {
    writeFileSync(`${dir}/blob`, Buffer.from([0, 1, 2, 10]));
    const plan = await planHost(executor, [file({ path: `${dir}/blob`, content: '\0\u0001\u0003\n' })]);
    expect(plan.operations[0]).toMatchObject({
      status: 'change',
      summary: `update ${dir}/blob: content (binary content)`,
    });
    expect(plan.operations[0].diff).toBeUndefined();
  });
});
