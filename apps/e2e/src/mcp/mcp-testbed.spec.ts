import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { inventoryFiles } from '@provisioning/testbed';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, CLI_BUNDLE } from '../support/cli';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { recordedPool, rootSpec } from '../support/remote-pool';

type Data = Record<string, unknown>;

// An assistant's session against real hosts: the built `provisioning mcp` (which runs the built
// server beside it) over stdio, driven by the SDK's own Client, on a workspace whose infra is the
// testbed inventory. The base taskserv adds a user with a fresh name to one host.
describeOnTestbed(
  'provisioning mcp: an assistant validates, plans and applies on testbed hosts',
  (testbed) => {
    const user = `mcp${randomBytes(4).toString('hex')}`;
    let workspace: string;
    let target: string;
    let client: Client;
    const call = async (name: string, args: Data = {}) => {
      const result = await client.callTool({ name, arguments: args });
      return { result, data: (result.structuredContent ?? {}) as Data, text: JSON.stringify(result) };
    };
    const userExists = async (): Promise<boolean> => {
      const { pool } = recordedPool([rootSpec(testbed(), hostAt(testbed(), 3))]);
      try {
        return (
          (await pool.exec(target, `id -u ${user} >/dev/null 2>&1 && echo yes || echo no`)).stdout === 'yes\n'
        );
      } finally {
        await pool.close();
      }
    };

    beforeAll(async () => {
      assertCliBuilt();
      target = hostAt(testbed(), 3).name;
      workspace = mkdtempSync(join(tmpdir(), 'e2e-mcp-'));
      writeFileSync(join(workspace, 'provisioning.yaml'), 'name: e2e-mcp\ndefault_infra: testbed\n');
      mkdirSync(join(workspace, 'infra', 'testbed'), { recursive: true });
      copyFileSync(inventoryFiles().yaml, join(workspace, 'infra', 'testbed', 'servers.yaml'));
      // A bad entry first: validate must point at it.
      writeFileSync(
        join(workspace, 'infra', 'testbed', 'taskservs.yaml'),
        `taskservs:\n  - name: base\n    servers: [${target}]\n    params:\n      packages: []\n      users: [{ name: "Not A User" }]\n`,
      );
      client = new Client({ name: 'e2e-assistant', version: '1.0.0' });
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [CLI_BUNDLE, 'mcp', '--workspace', workspace],
          cwd: workspace,
          env: { ...(process.env as Record<string, string>), NO_COLOR: '1' },
          stderr: 'pipe',
        }),
      );
    });
    afterAll(async () => {
      await client?.close();
      rmSync(workspace, { recursive: true, force: true });
      const { pool } = recordedPool([rootSpec(testbed(), hostAt(testbed(), 3))]);
      await pool.exec(target, `userdel -r ${user} >/dev/null 2>&1; true`).finally(() => pool.close());
    });

    it('lists the tools, apply and workflow_submit marked destructive', async () => {
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(9);
      expect(
        tools
          .filter((t) => t.annotations?.destructiveHint)
          .map((t) => t.name)
          .sort(),
      ).toEqual(['apply', 'workflow_submit']);
    });

    it('validate points at the bad entry with file:line:col', async () => {
      const { data } = await call('validate');
      expect(data['ok']).toBe(false);
      const locations = (data['diagnostics'] as Array<{ location: string }>).map((d) => d.location);
      expect(locations.some((l) => /^infra\/testbed\/taskservs\.yaml:6:\d+$/.test(l))).toBe(true);
    });

    it('plans the fixed entry without changing the host, refuses a stale plan id, and applies a current one', async () => {
      const file = join(workspace, 'infra', 'testbed', 'taskservs.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"Not A User"', user));
      expect((await call('validate')).data['ok']).toBe(true);

      const first = await call('plan', { servers: [target] });
      expect(first.result.isError).toBeFalsy();
      expect(first.data['changes']).toBeGreaterThan(0);
      expect(await userExists()).toBe(false);

      // A second plan, applied: the first plan's id is stale from then on.
      const second = await call('plan', { servers: [target] });
      const applied = await call('apply', { planId: second.data['planId'] });
      expect(applied.data).toMatchObject({ status: 'succeeded', failedHosts: 0 });
      expect(await userExists()).toBe(true);

      const stale = await call('apply', { planId: first.data['planId'] });
      expect(stale.result.isError).toBe(true);
      expect(stale.text).toMatch(/is stale: infra testbed was applied since it was made; plan again/);

      const status = await call('taskserv_status', { servers: [target] });
      expect(JSON.stringify(status.data)).toMatch(/"status":"converged"/);
    });
  },
);
