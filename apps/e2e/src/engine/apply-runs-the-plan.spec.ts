import { openInfra } from '@provisioning/engine';
import { defineTaskserv, file } from '@provisioning/sdk';
import { execInHost, inventoryFiles, testbedSettings } from '@provisioning/testbed';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describeOnTestbed, hostAt } from '../support/on-testbed';

const PATH = '/etc/provisioning-e2e-stale.conf';

const config = defineTaskserv({
  name: 'stale-probe',
  version: '1.0.0',
  params: z.object({ text: z.string() }),
  install: ({ params }) => [file({ path: PATH, content: `${params.text}\n`, mode: '0644' })],
});

// The engine's front door against real hosts over SSH: what apply runs is the plan that was shown,
// and a host changed behind the tool's back between plan and apply is refused, naming the file.
describeOnTestbed('engine API: apply runs exactly the plan that was shown (testbed hosts)', (testbed) => {
  let workspace: string;
  let hosts: string[];

  beforeAll(async () => {
    hosts = [hostAt(testbed(), 1).name, hostAt(testbed(), 2).name];
    workspace = mkdtempSync(join(tmpdir(), 'e2e-stale-'));
    writeFileSync(join(workspace, 'provisioning.yaml'), 'name: e2e\ndefault_infra: testbed\n');
    mkdirSync(join(workspace, 'infra', 'testbed'), { recursive: true });
    copyFileSync(inventoryFiles().yaml, join(workspace, 'infra', 'testbed', 'servers.yaml'));
    writeFileSync(
      join(workspace, 'infra', 'testbed', 'taskservs.yaml'),
      `taskservs:\n  - { name: stale-probe, servers: [${hosts.join(', ')}], params: { text: desired } }\n`,
    );
    for (const host of hosts) await execInHost(testbedSettings(), host, `printf 'before\\n' > ${PATH}`);
  });
  afterAll(async () => {
    for (const host of hosts ?? [])
      await execInHost(testbedSettings(), host, `rm -f ${PATH}`).catch(() => undefined);
    rmSync(workspace, { recursive: true, force: true });
  });

  it('refuses the host whose file changed after the plan, naming the file and what changed, and applies the other', async () => {
    const infra = await openInfra({ workspace, taskservs: [config] });
    try {
      const plan = await infra.plan();
      expect(plan.hosts.map((host) => [host.host, host.changes])).toEqual(hosts.map((host) => [host, 1]));

      await execInHost(testbedSettings(), hosts[0], `printf 'edited by hand\\n' > ${PATH}`);
      const result = await infra.apply(plan);

      const [changed, untouched] = hosts.map((name) => result.hosts.find((host) => host.host === name));
      expect(changed?.status).toBe('failed');
      expect(changed?.error?.stale).toEqual([
        { operationId: `stale-probe/file:${PATH}`, changed: ['content', 'sha256', 'size'] },
      ]);
      expect(changed?.error?.message).toContain(
        `${hosts[0]} changed since the plan was made, so nothing was applied on it: stale-probe/file:${PATH}`,
      );
      expect((await execInHost(testbedSettings(), hosts[0], `cat ${PATH}`)).stdout).toBe('edited by hand\n');

      expect(untouched?.status).toBe('ok');
      expect(untouched?.changed).toBe(1);
      expect((await execInHost(testbedSettings(), hosts[1], `cat ${PATH}`)).stdout).toBe('desired\n');
    } finally {
      await infra.close();
    }
  });
});
