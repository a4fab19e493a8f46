import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { absent, defineTaskserv, directory, line, taskserv, template } from '@provisioning/sdk';
import type { TaskservDefinition } from '@provisioning/sdk';
import { LocalTestExecutor } from '../testing/local-executor';
import { applyHost } from './apply';
import { expandOperations } from './expand';
import { gatherHostFacts } from './host-facts';
import { planHost } from './plan';

// Real shells for install, converge, param change and remove: generous on a loaded machine.
jest.setTimeout(60_000);

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'taskserv-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A task service as an extension would write it, with files only so it runs on this machine. */
const webapp = defineTaskserv({
  name: 'webapp',
  version: '1.2.0',
  params: z.object({
    root: z.string(),
    port: z.number().int().default(8080),
    workers: z.number().int().min(1).default(2),
  }),
  install: ({ params, host }) => [
    directory({ id: 'dir', path: `${params.root}/etc/webapp`, mode: '0755' }),
    template({
      id: 'conf',
      path: `${params.root}/etc/webapp/webapp.conf`,
      template: '# <%= it.hostname %> (<%= it.arch %>)\nport = <%= it.port %>\nworkers = <%= it.workers %>\n',
      params: { ...params, hostname: host.hostname, arch: host.arch },
    }),
    line({ id: 'hosts', path: `${params.root}/etc/hosts`, regex: ' webapp$', line: `127.0.0.1 webapp` }),
  ],
  remove: ({ params }) => [
    absent({ path: `${params.root}/etc/webapp`, recursive: true }),
    line({ path: `${params.root}/etc/hosts`, regex: ' webapp$', state: 'absent' }),
  ],
});

const registry = new Map<string, TaskservDefinition>([['webapp', webapp]]);

async function operationsFor(
  executor: LocalTestExecutor,
  params: Record<string, unknown>,
  action: 'install' | 'remove' = 'install',
) {
  const host = await gatherHostFacts(executor);
  return expandOperations([taskserv({ id: 'webapp', name: 'webapp', params })], {
    resolve: (name) => registry.get(name),
    context: { host, secrets: {}, outputs: () => undefined },
    action,
  });
}

describe('a task service from definition to a converged host', () => {
  it('installs, converges, shows exactly a param change, and removes', async () => {
    const executor = new LocalTestExecutor();
    const install = await operationsFor(executor, { root });
    expect(install.map((op) => op.id)).toEqual(['webapp/dir', 'webapp/conf', 'webapp/hosts']);

    const applied = await applyHost(executor, await planHost(executor, install));
    expect(applied).toMatchObject({ status: 'ok', changed: 3 });
    expect(readFileSync(`${root}/etc/webapp/webapp.conf`, 'utf8')).toMatch(
      /^# .+\nport = 8080\nworkers = 2\n$/,
    );
    expect((await planHost(executor, install)).changes).toBe(0);

    const scaled = await planHost(executor, await operationsFor(executor, { root, workers: 4 }));
    expect(scaled.operations.filter((op) => op.status !== 'unchanged').map((op) => op.id)).toEqual([
      'webapp/conf',
    ]);
    expect(scaled.operations[1].diff).toMatch(/\n-workers = 2\n\+workers = 4\n$/);

    const removed = await applyHost(
      executor,
      await planHost(executor, await operationsFor(executor, { root }, 'remove')),
    );
    expect(removed.status).toBe('ok');
    expect(existsSync(`${root}/etc/webapp`)).toBe(false);
    expect(readFileSync(`${root}/etc/hosts`, 'utf8')).toBe('');
  });
});
