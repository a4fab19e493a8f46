import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { absent, directory, link } from '@provisioning/sdk';
import { applyHost } from '../lib/apply';
import { planHost } from '../lib/plan';
import { LocalTestExecutor } from '../testing/local-executor';

let dir: string;
let executor: LocalTestExecutor;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paths-'));
  executor = new LocalTestExecutor();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const converge = async (...ops: Parameters<typeof planHost>[1]) =>
  applyHost(executor, await planHost(executor, ops));

describe('directory, link and absent on a real filesystem', () => {
  it('fixes the mode of an existing directory and reports what it changed', async () => {
    mkdirSync(`${dir}/data`);
    chmodSync(`${dir}/data`, 0o777);
    const plan = await planHost(executor, [directory({ path: `${dir}/data`, mode: '0750' })]);
    expect(plan.operations[0].summary).toBe(`update directory ${dir}/data: mode 0777 -> 0750`);
    await applyHost(executor, plan);
    expect(statSync(`${dir}/data`).mode & 0o777).toBe(0o750);
  });

  it('repoints a link, and refuses to replace a real file with one', async () => {
    await converge(link({ path: `${dir}/current`, target: '/v1' }));
    const plan = await planHost(executor, [link({ path: `${dir}/current`, target: '/v2' })]);
    expect(plan.operations[0].summary).toBe(`relink ${dir}/current: /v1 -> /v2`);
    await applyHost(executor, plan);
    expect(readlinkSync(`${dir}/current`)).toBe('/v2');

    writeFileSync(`${dir}/real`, 'data');
    expect(
      (await planHost(executor, [link({ path: `${dir}/real`, target: '/v2' })])).operations[0],
    ).toMatchObject({ status: 'error', reason: expect.stringMatching(/exists as a file; remove it first/) });
  });

  it('removes a non-empty directory only when recursive, saying how to proceed otherwise', async () => {
    mkdirSync(`${dir}/old`);
    writeFileSync(`${dir}/old/file`, 'x');
    const refused = await converge(absent({ path: `${dir}/old` }));
    expect(refused.error?.stderrTail.join('\n')).toContain('set recursive: true');
    expect(existsSync(`${dir}/old/file`)).toBe(true);
    const removed = await converge(absent({ path: `${dir}/old`, recursive: true }));
    expect(removed.status).toBe('ok');
    expect(existsSync(`${dir}/old`)).toBe(false);
    expect((await planHost(executor, [absent({ path: `${dir}/old` })])).operations[0].status).toBe(
      'unchanged',
    );
  });
});
