import { UpcloudEmulator } from '@provisioning/provider-upcloud/testing';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, type CliRun, provisioning } from '../support/cli';
import { linkExists, machinesLeft } from '../support/nspawn-leftovers';
import { describeOnTestbed } from '../support/on-testbed';
import { NspawnMachines } from './support/nspawn-machines';

const BRIDGE = 'pclb-br0';
const SUBNET = '10.196.0.0/24';

interface ServerRow {
  name: string;
  state?: { recorded?: string; providerStatus?: string; providerId?: string; drift?: string };
}

// The upcloud provider through the provisioning binary, against the UpCloud API emulator whose
// servers are real Debian hosts (nspawn): create with retries, real SSH and a real taskserv apply,
// an interrupted create finished by the next one, the account's quota, a server deleted behind
// the tool's back, and delete leaving nothing behind. This is the emulator, not UpCloud's cloud.
describeOnTestbed(
  'upcloud provider against the UpCloud API emulator, through the provisioning binary',
  () => {
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const env = { PROVISIONING_SECRET_UPCLOUD_PASSWORD: password };
    let ws: string;
    let machines: NspawnMachines;
    let emulator: UpcloudEmulator;
    let web1Address = '';
    const runs: CliRun[] = [];
    const cli = async (...args: string[]): Promise<CliRun> => {
      const run = await provisioning(ws, args, env);
      runs.push(run);
      return run;
    };
    const describeRun = (run: CliRun) => `exit ${run.code}\n${run.stdout}\n${run.stderr}`;
    const writeInfra = (createTimeout: Record<string, number>) => {
      const options = (name: string) =>
        `{ api_url: "${emulator.url}", username: api-user, password: "{{secret.UPCLOUD_PASSWORD}}", zone: de-fra1, plan: 1xCPU-1GB, poll_interval: 0.5, create_timeout: ${createTimeout[name] ?? 300} }`;
      writeFileSync(
        join(ws, 'infra/dev/servers.yaml'),
        [
          'servers:',
          ...['web-1', 'web-2', 'web-3'].map(
            (name) => `  - { name: ${name}, provider: upcloud, provider_options: ${options(name)} }`,
          ),
          '',
        ].join('\n'),
      );
    };
    const listServers = async (...flags: string[]): Promise<ServerRow[]> =>
      JSON.parse((await cli('server', 'list', ...flags, '--output', 'json')).stdout).servers;
    const ssh = (address: string, script: string) =>
      execFileSync(
        'ssh',
        [
          '-i',
          join(ws, 'id'),
          '-o',
          'BatchMode=yes',
          '-o',
          'StrictHostKeyChecking=yes',
          '-o',
          `UserKnownHostsFile=${join(ws, '.provisioning/known_hosts')}`,
          '-o',
          'GlobalKnownHostsFile=/dev/null',
          `root@${address}`,
          script,
        ],
        { timeout: 30_000 },
      )
        .toString()
        .trim();

    beforeAll(async () => {
      assertCliBuilt();
      ws = mkdtempSync(join(tmpdir(), 'e2e-upcloud-'));
      machines = new NspawnMachines(BRIDGE, SUBNET, join(ws, 'nspawn-state'));
      // two servers of one core each fit the account; a third is past its quota
      emulator = await new UpcloudEmulator({
        backend: machines,
        username: 'api-user',
        password,
        coresLimit: 2,
      }).start();
      mkdirSync(join(ws, 'infra/dev'), { recursive: true });
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(ws, 'id')]);
      writeFileSync(
        join(ws, 'provisioning.yaml'),
        'name: e2e\ndefault_infra: dev\nsettings:\n  ssh:\n    key: id\n    agent: false\n',
      );
      writeFileSync(
        join(ws, 'infra/dev/taskservs.yaml'),
        'taskservs:\n  - name: base\n    servers: [web-1]\n    params: { packages: [], timezone: Etc/UTC, sshd_hardening: false, users: [{ name: deploy, groups: [] }] }\n',
      );
      writeInfra({});
    });

    afterAll(async () => {
      for (const uuid of [...emulator.servers.keys()]) await machines.destroy(uuid).catch(() => undefined);
      await emulator.close();
      const left = machinesLeft(join(ws, 'nspawn-state'));
      rmSync(ws, { recursive: true, force: true });
      expect(left).toEqual([]);
    });

    it('creates a server through 503s and a create whose answer was lost, logs in with the injected host key, and applies a taskserv', async () => {
      emulator.inject({ method: 'GET', path: /^\/server$/, status: 503, times: 2 });
      emulator.inject({ method: 'POST', path: /^\/server$/, status: 500, afterApplying: true });
      const created = await cli('server', 'create', 'web-1', '--yes', '--output', 'json');
      expect(describeRun(created)).toMatch(/^exit 0\n/);
      const [server] = JSON.parse(created.stdout).servers;
      expect(server).toMatchObject({ name: 'web-1', provider: 'upcloud', status: 'created' });
      expect(server.address).toMatch(/^10\.196\.0\.\d+$/);
      web1Address = server.address;
      expect(emulator.requests.filter((line) => line.startsWith('POST /server ->'))).toEqual([
        'POST /server -> 500',
      ]);
      expect(emulator.servers.size).toBe(1);
      // strict host key checking against the key provisioning generated and recorded: never learnt from the network
      expect(readFileSync(join(ws, '.provisioning/known_hosts'), 'utf8')).toContain(
        `${server.address} ssh-ed25519 `,
      );
      expect(ssh(server.address, 'hostname')).toBe('web-1');
      expect(JSON.stringify(created)).not.toContain(password);

      const applied = await cli('apply', '--yes');
      expect(describeRun(applied)).toMatch(/^exit 0\n/);
      expect(ssh(server.address, 'id -un deploy; readlink /etc/localtime')).toBe(
        'deploy\n/usr/share/zoneinfo/Etc/UTC',
      );
    });

    it('reports a create that outlives create_timeout, and the next server create finishes that same server', async () => {
      writeInfra({ 'web-2': 1 });
      const first = await cli('server', 'create', 'web-2', '--yes');
      expect(describeRun(first)).toMatch(/^exit 1\n/);
      expect(describeRun(first)).toMatch(
        /web-2 \(.+\) is still maintenance after 1 s at UpCloud; run 'provisioning server create' again/,
      );
      expect((await listServers()).find((row) => row.name === 'web-2')?.state).toMatchObject({
        recorded: 'creating',
        drift: 'interrupted',
      });

      writeInfra({});
      const plan = await cli('server', 'create', 'web-2', '--check', '--output', 'json');
      expect(JSON.parse(plan.stdout).servers[0]).toMatchObject({ name: 'web-2', action: 'resume' });
      const second = await cli('server', 'create', 'web-2', '--yes', '--output', 'json');
      expect(describeRun(second)).toMatch(/^exit 0\n/);
      expect(JSON.parse(second.stdout).servers[0]).toMatchObject({ name: 'web-2', status: 'created' });
      expect(emulator.requests.filter((line) => line.startsWith('POST /server ->'))).toHaveLength(2);
      expect(emulator.servers.size).toBe(2);
      expect(ssh(JSON.parse(second.stdout).servers[0].address, 'hostname')).toBe('web-2');
    });

    it("fails a create past the account's quota with UpCloud's error and what to do, booting nothing", async () => {
      const run = await cli('server', 'create', 'web-3', '--yes');
      expect(describeRun(run)).toMatch(/^exit 1\n/);
      expect(describeRun(run)).toMatch(/SERVER_RESOURCES_UNAVAILABLE/);
      expect(describeRun(run)).toMatch(/resource limits/);
      expect(emulator.servers.size).toBe(2);
      expect(machinesLeft(join(ws, 'nspawn-state'))).toHaveLength(2);
      expect((await listServers()).find((row) => row.name === 'web-3')?.state).toMatchObject({
        recorded: 'creating',
        providerStatus: 'missing',
      });
    });

    it('shows a server deleted behind its back as drift, and state refresh forgets it', async () => {
      const web2 = (await listServers()).find((row) => row.name === 'web-2');
      await emulator.deleteBehindBack(web2?.state?.providerId ?? '');
      const drift = await listServers('--drift');
      expect(drift.find((row) => row.name === 'web-2')?.state).toMatchObject({
        providerStatus: 'missing',
        drift: 'state-only',
      });
      const refreshed = await cli('state', 'refresh', '--output', 'json');
      expect(JSON.parse(refreshed.stdout)).toMatchObject({ removed: ['web-2'] });
    });

    it('server delete stops and deletes the server and its machine, and forgets the refused create, leaving no record, host or known_hosts line', async () => {
      // web-3's refused create left a record without a server: delete looks for it by label, finds none, forgets it
      const run = await cli('server', 'delete', 'web-1', 'web-3', '--yes');
      expect(describeRun(run)).toMatch(/^exit 0\n/);
      expect(emulator.servers.size).toBe(0);
      await emulator.settled();
      expect(machinesLeft(join(ws, 'nspawn-state'))).toEqual([]);
      expect((await listServers()).filter((row) => row.state?.recorded)).toEqual([]);
      expect(readFileSync(join(ws, '.provisioning/known_hosts'), 'utf8')).not.toContain(`${web1Address} `);
      expect(linkExists(BRIDGE)).toBe(false);
    });
  },
);
