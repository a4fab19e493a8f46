import { Ec2Emulator } from '@provisioning/provider-aws/testing';
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
const KEY_ID = 'AKIAE2EEMULATOR00001';

interface ServerRow {
  name: string;
  state?: { recorded?: string; providerStatus?: string; providerId?: string; drift?: string };
}

// The aws provider through the provisioning binary, against the EC2 API emulator (SigV4 checked)
// whose instances are real Debian hosts (nspawn): a launch through throttling and a lost answer,
// real SSH with the host key read from the console, a real taskserv apply, an instance terminated
// behind the tool's back, and delete leaving nothing. This is the emulator, not AWS.
describeOnTestbed('aws provider against the EC2 API emulator, through the provisioning binary', () => {
  const secret = `secret/${randomBytes(15).toString('base64')}`;
  const env = { PROVISIONING_SECRET_AWS_SECRET_ACCESS_KEY: secret };
  let ws: string;
  let machines: NspawnMachines;
  let emulator: Ec2Emulator;
  let address = '';
  const cli = (...args: string[]): Promise<CliRun> => provisioning(ws, args, env);
  const describeRun = (run: CliRun) => `exit ${run.code}\n${run.stdout}\n${run.stderr}`;
  const listServers = async (...flags: string[]): Promise<ServerRow[]> =>
    JSON.parse((await cli('server', 'list', ...flags, '--output', 'json')).stdout).servers;
  const ssh = (script: string) =>
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
    ws = mkdtempSync(join(tmpdir(), 'e2e-aws-'));
    machines = new NspawnMachines(BRIDGE, SUBNET, join(ws, 'nspawn-state'));
    emulator = await new Ec2Emulator({
      backend: machines,
      accessKeyId: KEY_ID,
      secretAccessKey: secret,
      pageSize: 1,
    }).start();
    mkdirSync(join(ws, 'infra/dev'), { recursive: true });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(ws, 'id')]);
    writeFileSync(
      join(ws, 'provisioning.yaml'),
      'name: e2e\ndefault_infra: dev\nsettings:\n  ssh:\n    key: id\n    agent: false\n',
    );
    writeFileSync(
      join(ws, 'infra/dev/servers.yaml'),
      `servers:\n  - { name: web-1, provider: aws, provider_options: { endpoint: "${emulator.endpoint}", region: eu-central-1, access_key_id: ${KEY_ID}, secret_access_key: "{{secret.AWS_SECRET_ACCESS_KEY}}", user: root, poll_interval: 0.5 } }\n`,
    );
    writeFileSync(
      join(ws, 'infra/dev/taskservs.yaml'),
      'taskservs:\n  - name: base\n    servers: [web-1]\n    params: { packages: [], timezone: Etc/UTC, sshd_hardening: false, users: [{ name: deploy, groups: [] }] }\n',
    );
  });

  afterAll(async () => {
    for (const instance of emulator.live()) await machines.destroy(instance.id).catch(() => undefined);
    await emulator.close();
    const left = machinesLeft(join(ws, 'nspawn-state'));
    rmSync(ws, { recursive: true, force: true });
    expect(left).toEqual([]);
  });

  it('launches through throttling and a lost RunInstances answer, logs in with the host key from the console, and applies a taskserv', async () => {
    emulator.inject({ action: 'DescribeInstances', status: 503, code: 'RequestLimitExceeded', times: 2 });
    emulator.inject({ action: 'RunInstances', status: 503, code: 'Unavailable', afterApplying: true });
    const created = await cli('server', 'create', '--yes', '--output', 'json');
    expect(describeRun(created)).toMatch(/^exit 0\n/);
    const [server] = JSON.parse(created.stdout).servers;
    expect(server).toMatchObject({ name: 'web-1', provider: 'aws', status: 'created' });
    expect(server.providerId).toMatch(/^i-[0-9a-f]+$/);
    address = server.address;
    expect(emulator.live()).toHaveLength(1);
    expect(emulator.requests.filter((line) => line.startsWith('RunInstances'))).toEqual([
      'RunInstances -> 503',
      'RunInstances -> 200',
    ]);
    expect(ssh('hostname')).toBe('web-1');
    expect(`${created.stdout}${created.stderr}`).not.toContain(secret);

    const applied = await cli('apply', '--yes');
    expect(describeRun(applied)).toMatch(/^exit 0\n/);
    expect(ssh('id -un deploy')).toBe('deploy');
  });

  it('shows an instance terminated behind its back as drift; state refresh forgets it and server create launches it again', async () => {
    await emulator.terminateBehindBack(emulator.live()[0].id);
    const drift = await listServers('--drift');
    expect(drift.find((row) => row.name === 'web-1')?.state).toMatchObject({
      providerStatus: 'missing',
      drift: 'state-only',
    });
    const refreshed = await cli('state', 'refresh', '--output', 'json');
    expect(JSON.parse(refreshed.stdout)).toMatchObject({ removed: ['web-1'] });
    const again = await cli('server', 'create', '--yes', '--output', 'json');
    expect(describeRun(again)).toMatch(/^exit 0\n/);
    address = JSON.parse(again.stdout).servers[0].address;
    expect(ssh('hostname')).toBe('web-1');
  });

  it('server delete terminates the instance and its machine, leaving no record or known_hosts line', async () => {
    const run = await cli('server', 'delete', 'web-1', '--yes');
    expect(describeRun(run)).toMatch(/^exit 0\n/);
    expect(emulator.live()).toEqual([]);
    await emulator.settled();
    expect(machinesLeft(join(ws, 'nspawn-state'))).toEqual([]);
    expect((await listServers()).filter((row) => row.state?.recorded)).toEqual([]);
    expect(readFileSync(join(ws, '.provisioning/known_hosts'), 'utf8')).not.toContain(`${address} `);
    expect(linkExists(BRIDGE)).toBe(false);
  });
});
