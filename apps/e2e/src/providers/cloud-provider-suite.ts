import { type EmulatorLogEntry, type MachineBackend, userDataHostKey } from '@provisioning/sdk/testing';
import { baseDir, baseIsBuilt, testbedSettings } from '@provisioning/testbed';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, type CliRun, provisioning } from '../support/cli';
import { linkExists, machinesLeft } from '../support/nspawn-leftovers';
import { NspawnMachines } from '../support/nspawn-machines';
import { describeOnTestbed } from '../support/on-testbed';

/** What the suite needs from a cloud's emulator (each cloud's emulator is wrapped into this). */
export interface CloudEmulatorControl {
  /** The base URL to give the provider as `endpoint`. */
  endpoint: string;
  log: EmulatorLogEntry[];
  /** Creates stay unfinished (action running, no machine booted) until `release`. */
  hold(): void;
  release(): void;
  deleteBehindBack(providerId: string): Promise<void>;
  serverCount(): number;
  /** The user data a server was created with. */
  userData(providerId: string): string | undefined;
  /** Two 503s on the action polls and one 429 (with its wait header) on the next create request. */
  injectTransientFaults(): void;
  /** The create requests sent for a server name. */
  createRequests(name: string): EmulatorLogEntry[];
  close(): Promise<void>;
}

export interface CloudProviderSuite {
  provider: string;
  /** The secret the infra names in `token: '{{secret.NAME}}'`. */
  secretName: string;
  token: string;
  /** The suite's own bridge and subnet for the emulator's nspawn hosts (not the nspawn defaults). */
  network: { bridge: string; subnet: string };
  /** provider_options besides token, endpoint and action_timeout, as YAML flow fields. */
  options: string;
  /** Starts the emulator with room for two servers, its machines being `machines`. */
  startEmulator(token: string, machines: MachineBackend): Promise<CloudEmulatorControl>;
  /** What the error of a create held past action_timeout (3 s) says. */
  heldCreateError: RegExp;
  /** What the error of a create past the quota says. */
  quotaError: RegExp;
}

interface ServerRow {
  name: string;
  state?: { recorded?: string; providerStatus?: string; providerId?: string; drift?: string };
}

/**
 * A cloud provider through the provisioning binary, against its API emulator whose servers are
 * real Debian hosts (nspawn): create, SSH and a taskserv apply, an interrupted create finished,
 * quota exceeded, 5xx and 429 ridden out, a server deleted behind its back, delete.
 */
export function describeCloudProvider(suite: CloudProviderSuite): void {
  const { provider, token: TOKEN, network: NETWORK } = suite;
  describeOnTestbed(`${provider} provider against its API emulator, through the provisioning binary`, () => {
    let ws: string;
    let machines: NspawnMachines;
    let emulator: CloudEmulatorControl;
    const outputs: string[] = [];
    const cli = async (...args: string[]): Promise<CliRun> => {
      const result = await provisioning(ws, args, { [`PROVISIONING_SECRET_${suite.secretName}`]: TOKEN });
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
    beforeAll(async () => {
      assertCliBuilt();
      if (!baseIsBuilt(baseDir(testbedSettings().cacheDir)))
        throw new Error('the testbed base is not built; run the e2e suite (it builds it)');
      ws = mkdtempSync(join(tmpdir(), `e2e-${provider}-`));
      machines = new NspawnMachines(join(ws, 'emulator'), NETWORK);
      emulator = await suite.startEmulator(TOKEN, machines);
      const endpoint = emulator.endpoint;
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
        `{ token: '{{secret.${suite.secretName}}}', endpoint: '${endpoint}', ${suite.options}, poll_interval: 0.2${extra} }`;
      writeFileSync(
        join(ws, 'infra/dev/main.yaml'),
        [
          'servers:',
          `  - { name: web-1, provider: ${provider}, labels: { role: web }, provider_options: ${options()} }`,
          `  - { name: web-2, provider: ${provider}, provider_options: ${options(`, action_timeout: ${web2Timeout}`)} }`,
          `  - { name: web-3, provider: ${provider}, provider_options: ${options()} }`,
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
      if (linkExists(NETWORK.bridge))
        execFileSync('ip', ['link', 'delete', NETWORK.bridge, 'type', 'bridge']);
      if (ws) rmSync(ws, { recursive: true, force: true });
    });

    it('creates a server whose host key is known before it boots, then SSH and a taskserv apply reach it', async () => {
      const created = await cli('server', 'create', 'web-1', '--yes', '--output', 'json');
      expect(created.stderr).not.toMatch(/^error:/m);
      expect(created.code).toBe(0);
      const [outcome] = JSON.parse(created.stdout).servers;
      expect(outcome).toMatchObject({ name: 'web-1', provider, status: 'created' });
      expect(outcome.address).toMatch(/^10\.195\.0\.\d+$/);
      const userData = emulator.userData(outcome.providerId);
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
      emulator.hold();
      const first = await cli('server', 'create', 'web-2', '--yes', '--output', 'json');
      expect(first.code).toBe(1);
      expect(JSON.parse(first.stdout).servers[0].error).toMatch(suite.heldCreateError);
      expect(await row('web-2')).toMatchObject({ state: { recorded: 'creating' } });

      emulator.release();
      const plan = await json('server', 'create', 'web-2', '--check');
      expect(plan.servers).toEqual([expect.objectContaining({ name: 'web-2', action: 'resume' })]);
      const second = await cli('server', 'create', 'web-2', '--yes', '--output', 'json');
      expect(second.code).toBe(0);
      const [outcome] = JSON.parse(second.stdout).servers;
      expect(outcome.status).toBe('created');
      expect(emulator.createRequests('web-2')).toHaveLength(1);
      expect(ssh(outcome.address, 'hostname')).toBe('web-2');
      writeInfra(emulator.endpoint, 120);
    }, 600_000);

    it('refuses a server past the project limit with the API code and what to do', async () => {
      const refused = await cli('server', 'create', 'web-3', '--yes', '--output', 'json');
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stdout).servers[0].error).toMatch(suite.quotaError);
      expect(emulator.serverCount()).toBe(2);
    }, 120_000);

    it('finds a server deleted behind its back, forgets it on state refresh, and makes it again through 5xx and 429 answers', async () => {
      await emulator.deleteBehindBack((await row('web-1'))?.state?.providerId as string);
      expect(await row('web-1', true)).toMatchObject({
        state: { drift: 'state-only', providerStatus: 'missing' },
      });
      expect(await json('state', 'refresh')).toMatchObject({ removed: ['web-1'] });
      expect(await row('web-1')).toMatchObject({ state: { drift: 'not-created' } });

      emulator.injectTransientFaults();
      const again = await cli('server', 'create', 'web-1', '--yes', '--output', 'json');
      expect(again.code).toBe(0);
      const statuses = emulator.log.map((entry) => entry.status);
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
      expect(emulator.serverCount()).toBe(0);
      expect(machinesLeft(join(ws, 'emulator', 'nspawn-state'))).toEqual([]);
      expect(await rows(true)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: 'web-1',
            state: expect.objectContaining({ drift: 'not-created' }),
          }),
        ]),
      );
      expect(outputs.join('\n')).not.toContain(TOKEN);
    }, 300_000);
  });
}
