import { inventoryFiles } from '@provisioning/testbed';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, provisioning, type CliRun } from '../support/cli';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { recordedPool, rootSpec } from '../support/remote-pool';

// The product's front door against real hosts: a workspace whose infra is the testbed's
// inventory.yaml, the redis taskserv with a password from the secret store, and the built CLI.
describeOnTestbed('provisioning CLI: validate, plan, apply against testbed hosts', (testbed) => {
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const env = { PROVISIONING_SECRET_REDIS_PASSWORD: password };
  const outputs: CliRun[] = [];
  let workspace: string;
  let target: string;
  const cli = async (...args: string[]): Promise<CliRun> => {
    const run = await provisioning(workspace, args, env);
    outputs.push(run);
    return run;
  };
  const describeRun = (run: CliRun): string => `exit ${run.code}\n${run.stdout}\n${run.stderr}`;

  beforeAll(async () => {
    assertCliBuilt();
    target = hostAt(testbed(), 2).name;
    workspace = mkdtempSync(join(tmpdir(), 'e2e-workspace-'));
    writeFileSync(join(workspace, 'provisioning.yaml'), 'name: e2e\ndefault_infra: testbed\n');
    mkdirSync(join(workspace, 'infra', 'testbed'), { recursive: true });
    copyFileSync(inventoryFiles().yaml, join(workspace, 'infra', 'testbed', 'servers.yaml'));
    writeFileSync(
      join(workspace, 'infra', 'testbed', 'taskservs.yaml'),
      `taskservs:\n  - name: redis\n    servers: [${target}]\n    params:\n      port: 6390\n      password: "{{secret.REDIS_PASSWORD}}"\n`,
    );
    // the target starts without redis, so the first plan has changes to show
    const { pool } = recordedPool([rootSpec(testbed(), hostAt(testbed(), 2))]);
    await pool.exec(
      target,
      'apt-get purge -y -qq redis-server redis-tools >/dev/null 2>&1; rm -rf /etc/redis; true',
      { timeoutMs: 120_000 },
    );
    await pool.close();
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('validates the workspace built from the testbed inventory', async () => {
    const run = await cli('validate');
    expect(describeRun(run)).toMatch(/^exit 0\n/);
  });

  it('runs a command on every server of the infra', async () => {
    const run = await cli('run', '--servers', 'all', 'hostname');
    expect(describeRun(run)).toMatch(/^exit 0\n/);
    for (const host of testbed().hosts) expect(run.stdout).toContain(host.name);
  });

  it('plans changes for redis on a fresh host (exit code 2 with --detailed-exitcode)', async () => {
    const run = await cli('plan', '--detailed-exitcode');
    expect(describeRun(run)).toMatch(/^exit 2\n/);
    expect(run.stdout).toContain(target);
  });

  it('applies, and redis runs with the configured port and password', async () => {
    const run = await cli('apply', '--yes');
    expect(describeRun(run)).toMatch(/^exit 0\n/);
    const { pool } = recordedPool([rootSpec(testbed(), hostAt(testbed(), 2))], { secrets: [password] });
    try {
      expect((await pool.exec(target, 'systemctl is-active redis-server')).stdout).toBe('active\n');
      const ping = await pool.exec(target, 'REDISCLI_AUTH="$PW" redis-cli -p 6390 ping', {
        env: { PW: password },
      });
      expect(ping.stdout).toBe('PONG\n');
    } finally {
      await pool.close();
    }
  });

  it('plans no changes after the apply (exit code 0)', async () => {
    const run = await cli('plan');
    expect(describeRun(run)).toMatch(/^exit 0\n/);
  });

  it('never printed the redis password', () => {
    expect(outputs.length).toBe(5);
    for (const run of outputs) expect(`${run.stdout}${run.stderr}`).not.toContain(password);
  });
});
