import { HetznerEmulator } from '@provisioning/provider-hetzner/testing';
import { userDataHostKey } from '@provisioning/sdk/testing';
import { baseDir, baseIsBuilt, testbedSettings } from '@provisioning/testbed';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, type CliRun, provisioning } from '../support/cli';
import { linkExists, machinesLeft } from '../support/nspawn-leftovers';
import { NspawnMachines } from '../support/nspawn-machines';
import { describeOnTestbed } from '../support/on-testbed';

const TOKEN = 'hcloud-e2e-token-7f3a9c2e51d4';
// This suite's own bridge and subnet (not the nspawn defaults, which other suites use).
const NETWORK = { bridge: 'pcla-br0', subnet: '10.195.0.0/24' };

interface ServerRow {
  name: string;
  state?: { recorded?: string; providerStatus?: string; providerId?: string; drift?: string };
}

// The hetzner provider through the provisioning binary, against the Hetzner Cloud API emulator
// whose servers are real Debian hosts (nspawn): create, SSH and a taskserv apply, an interrupted
// create finished, quota exceeded, 5xx and 429 ridden out, a server deleted behind its back.
describeOnTestbed('hetzner provider against the API emulator, through the provisioning binary', () => {
  let ws: string;
  let machines: NspawnMachines;
  let emulator: HetznerEmulator;
  const outputs: string[] = [];
  const cli = async (...args: string[]): Promise<CliRun> => {
    const result = await provisioning(ws, args, { PROVISIONING_SECRET_HCLOUD_TOKEN: TOKEN });
    outputs.push(result.stdout, result.stderr);
    return result;
  };
  const json = async (...args: string[]) => JSON.parse((await cli(...args, '--output', 'json')).stdout);
  const rows = async (drift = false): Promise<ServerRow[]> =>
    (await json('server', 'list', ...(drift ? ['--drift'] : []))).servers;
  const row = async (name: string, drift = false) => (await rows(drift)).find((r) => r.name === name);
  const ssh = (address: string, command: string): string =>
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
        command,
      ],
      { timeout: 30_000 },
    )
      .toString()
      .trim();
  const serverPosts = (name: string) =>
    emulator.http.log.filter(
      (entry) =>
        entry.method === 'POST' &&
        entry.path === '/v1/servers' &&
        (entry.body as { name?: string })?.name === name,
    );

  beforeAll(async () => {
    assertCliBuilt();
    if (!baseIsBuilt(baseDir(testbedSettings().cacheDir)))
      throw new Error('the testbed base is not built; run the e2e suite (it builds it)');
    ws = mkdtempSync(join(tmpdir(), 'e2e-hetzner-'));
    machines = new NspawnMachines(join(ws, 'emulator'), NETWORK);
    emulator = new HetznerEmulator({ token: TOKEN, machines, serverLimit: 2 });
    const endpoint = await emulator.start();
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(ws, 'id')]);
    writeFileSync(
      join(ws, 'provisioning.yaml'),
      'name: e2e\ndefault_infra: dev\nsettings:\n  ssh:\n    key: id\n    agent: false\n',
    );
    mkdirSync(join(ws, 'infra/dev'), { recursive: true });
    writeInfra(endpoint, 3);
  });

  /** web-2's actions time out after `web2Timeout` s (3: its create is held past it; later, enough to delete a host). */
  const writeInfra = (endpoint: string, web2Timeout: number) => {
    const options = (extra = '') =>
      `{ token: '{{secret.HCLOUD_TOKEN}}', endpoint: '${endpoint}', location: nbg1, server_type: cx22, image: debian-12, poll_interval: 0.2${extra} }`;
    writeFileSync(
      join(ws, 'infra/dev/main.yaml'),
      [
        'servers:',
        `  - { name: web-1, provider: hetzner, labels: { role: web }, provider_options: ${options()} }`,
        `  - { name: web-2, provider: hetzner, provider_options: ${options(`, action_timeout: ${web2Timeout}`)} }`,
        `  - { name: web-3, provider: hetzner, provider_options: ${options()} }`,
        'taskservs:',
        '  - name: base',
        '    selector: { role: web }',
        '    params: { hostname: web-1, packages: [curl] }',
        '',
      ].join('\n'),
    );
  };

  afterAll(async () => {
    if (ws) {
      const recorded = (await rows().catch(() => [])).filter((r) => r.state?.recorded).map((r) => r.name);
      if (recorded.length) await cli('server', 'delete', ...recorded, '--yes');
    }
    await machines?.removeAll();
    await emulator?.close();
    if (linkExists(NETWORK.bridge)) execFileSync('ip', ['link', 'delete', NETWORK.bridge, 'type', 'bridge']);
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  it('creates a server whose host key is known before it boots, then SSH and a taskserv apply reach it', async () => {
    const created = await cli('server', 'create', 'web-1', '--yes', '--output', 'json');
    expect(created.stderr).not.toMatch(/^error:/m);
    expect(created.code).toBe(0);
    const [outcome] = JSON.parse(created.stdout).servers;
    expect(outcome).toMatchObject({ name: 'web-1', provider: 'hetzner', status: 'created' });
    expect(outcome.address).toMatch(/^10\.195\.0\.\d+$/);
    const userData = emulator.servers.get(Number(outcome.providerId))?.userData;
    const knownHosts = readFileSync(join(ws, '.provisioning/known_hosts'), 'utf8');
    expect(knownHosts).toBe(`${outcome.address} ${userDataHostKey(userData)?.publicKey}\n`);

    const applied = await cli('apply', '--yes', '--output', 'json');
    expect(applied.stderr).not.toMatch(/^error:/m);
    expect(applied.code).toBe(0);
    expect(
      ssh(outcome.address, 'hostname; curl --version | head -1; ls /etc/ssh/ | grep -c ^ssh_host_'),
    ).toMatch(/^web-1\ncurl 7\.88\.1 .*\n2$/);
  }, 600_000);

  it('reports a create whose action never finishes, and the next server create finds it by label and finishes it', async () => {
    emulator.holdCreates = true;
    const first = await cli('server', 'create', 'web-2', '--yes', '--output', 'json');
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout).servers[0].error).toMatch(
      /action \d+ \(create_server\) still running after 3 s \(action_timeout\); run the same command again/,
    );
    expect(await row('web-2')).toMatchObject({ state: { recorded: 'creating' } });

    emulator.release();
    const plan = await json('server', 'create', 'web-2', '--check');
    expect(plan.servers).toEqual([expect.objectContaining({ name: 'web-2', action: 'resume' })]);
    const second = await cli('server', 'create', 'web-2', '--yes', '--output', 'json');
    expect(second.code).toBe(0);
    const [outcome] = JSON.parse(second.stdout).servers;
    expect(outcome.status).toBe('created');
    expect(serverPosts('web-2')).toHaveLength(1);
    expect(ssh(outcome.address, 'hostname')).toBe('web-2');
    writeInfra(emulator.http.url + '/v1', 120);
  }, 600_000);

  it('refuses a server past the project limit with the API code and what to do', async () => {
    const refused = await cli('server', 'create', 'web-3', '--yes', '--output', 'json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).servers[0].error).toMatch(
      /403 Forbidden \(resource_limit_exceeded: server limit exceeded\).*the project reached a limit/,
    );
    expect(emulator.servers.size).toBe(2);
  }, 120_000);

  it('finds a server deleted behind its back, forgets it on state refresh, and makes it again through 5xx and 429 answers', async () => {
    const id = Number((await row('web-1'))?.state?.providerId);
    await emulator.deleteBehindBack(id);
    expect(await row('web-1', true)).toMatchObject({
      state: { drift: 'state-only', providerStatus: 'missing' },
    });
    expect(await json('state', 'refresh')).toMatchObject({ removed: ['web-1'] });
    expect(await row('web-1')).toMatchObject({ state: { drift: 'not-created' } });

    emulator.fail(503, 'unavailable', { method: 'GET', path: /^\/v1\/actions\//, times: 2 });
    emulator.fail(429, 'rate_limit_exceeded', {
      method: 'POST',
      path: /^\/v1\/servers$/,
      headers: { 'retry-after': '1' },
    });
    const again = await cli('server', 'create', 'web-1', '--yes', '--output', 'json');
    expect(again.code).toBe(0);
    const statuses = emulator.http.log.map((entry) => entry.status);
    expect(statuses.filter((status) => status === 503)).toHaveLength(2);
    expect(statuses).toContain(429);
    const [outcome] = JSON.parse(again.stdout).servers;
    expect(ssh(outcome.address, 'hostname')).toMatch(/^web-1$/);
  }, 600_000);

  it('deletes what it created, leaving no server at the provider, and never printed the token', async () => {
    const deleted = await cli('server', 'delete', 'web-1', 'web-2', '--yes', '--output', 'json');
    expect(deleted.stderr).not.toMatch(/^error:/m);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ deleted: 2, failed: 0 });
    expect(deleted.code).toBe(0);
    expect(emulator.servers.size).toBe(0);
    expect(machinesLeft(join(ws, 'emulator', 'nspawn-state'))).toEqual([]);
    expect(await rows(true)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'web-1', state: expect.objectContaining({ drift: 'not-created' }) }),
      ]),
    );
    expect(outputs.join('\n')).not.toContain(TOKEN);
  }, 300_000);
});
