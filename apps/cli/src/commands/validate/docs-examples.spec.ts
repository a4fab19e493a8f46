import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCliForTest } from '../../testing/run-cli-for-test';

/** The example workspace of docs/workspace.md (its ```yaml blocks, each naming its file). */
function writeDocsWorkspace(dir: string): void {
  const doc = readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'docs', 'workspace.md'), 'utf8');
  for (const [, block] of doc.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const file = /^# file: (.+)$/m.exec(block)?.[1] ?? 'unnamed.yaml';
    const path = join(
      dir,
      file.startsWith('~/.config/') ? join('xdg', file.slice('~/.config/'.length)) : file,
    );
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, block);
  }
  chmodSync(join(dir, '.provisioning', 'secrets.yaml'), 0o600);
  writeFileSync(join(dir, '.gitignore'), '.provisioning/\n');
}

describe('the docs/workspace.md example workspace', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'docs-workspace-'));
    env = { XDG_CONFIG_HOME: join(dir, 'xdg'), ACME_NODE_2_ADDRESS: '10.0.3.42' };
    writeDocsWorkspace(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('validates against the real built-in taskservs with no errors and no warnings', async () => {
    const run = await runCliForTest(['validate', '--output', 'json'], { cwd: dir, env });
    const report = JSON.parse(run.stdout);
    expect(report.diagnostics).toEqual([]);
    expect(run.code).toBe(0);
    expect(Object.keys(report.infras)).toEqual(['prod']);
    expect(report.infras.prod.clusters).toBe(1);
  });

  it('layers redis params as the page says: infra over workspace over the extension defaults', async () => {
    const run = await runCliForTest(['config', 'show', '--origin', '--output', 'json'], { cwd: dir, env });
    const redis = JSON.parse(run.stdout).taskservs.redis;
    expect(redis.values).toMatchObject({
      maxmemory: '512mb',
      maxmemory_policy: 'allkeys-lru',
      port: 6379,
      bind: '127.0.0.1',
    });
    expect([
      redis.origins.maxmemory.layer,
      redis.origins.maxmemory_policy.layer,
      redis.origins.port.layer,
    ]).toEqual(['infra', 'workspace', 'extension']);
  });
});
