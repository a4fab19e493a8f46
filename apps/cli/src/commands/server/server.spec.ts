import { defineTaskserv, file, type TaskservDefinition } from '@provisioning/sdk';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { runCliForTest } from '../../testing/run-cli-for-test';

const motd = defineTaskserv({
  name: 'motd',
  version: '1.0.0',
  params: z.object({}),
  install: () => [file({ path: '/tmp/never-applied-here', content: 'x\n' })],
});
const taskservs = new Map<string, TaskservDefinition>([['motd', motd]]);

// Real processes and a real store: the first test also loads the engine, slow on a loaded machine.
jest.setTimeout(30_000);

describe('provisioning server', () => {
  let ws: string;
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runCliForTest(args, { cwd: ws, taskservs, env: { HOME: ws, ...env } });

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'cli-server-'));
    mkdirSync(join(ws, 'infra/main'), { recursive: true });
    writeFileSync(
      join(ws, 'provisioning.yaml'),
      'name: t\ndefault_infra: main\nsettings:\n  ssh:\n    user: deploy\n',
    );
    writeFileSync(
      join(ws, 'infra/main/servers.yaml'),
      [
        'servers:',
        '  - { name: here, provider: local }',
        '  - { name: bastion, address: 10.0.0.1, labels: { role: edge } }',
        '  - { name: web-1, address: 10.0.0.11, port: 2222, user: admin, ssh_key: keys/web, jump_host: bastion, labels: { role: web } }',
        'taskservs:',
        '  - { name: motd, selector: { role: web }, servers: [here] }',
        'clusters:',
        '  - { name: front, roles: { edge: { servers: [bastion], taskservs: [motd] } } }',
        '',
      ].join('\n'),
    );
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  describe('list', () => {
    it('shows each server with the connection it uses and the taskservs that target it, by name, selector or cluster role', async () => {
      const listed = await cli(['server', 'list', '--output', 'json']);
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)).toEqual({
        infra: 'main',
        servers: [
          { name: 'here', provider: 'local', labels: {}, taskservs: ['motd'] },
          {
            name: 'bastion',
            provider: 'static',
            address: '10.0.0.1',
            port: 22,
            user: 'deploy',
            labels: { role: 'edge' },
            taskservs: ['motd'],
          },
          {
            name: 'web-1',
            provider: 'static',
            address: '10.0.0.11',
            port: 2222,
            user: 'admin',
            jumpHost: 'bastion',
            labels: { role: 'web' },
            taskservs: ['motd'],
          },
        ],
      });
    });

    it('prints a table', async () => {
      const listed = await cli(['server', 'list', '--no-color']);
      const lines = listed.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^name\s+address\s+port\s+user\s+provider\s+state\s+labels\s+taskservs$/);
      expect(lines[1]).toMatch(/^here\s+\(this machine\)\s+-\s+-\s+local\s+exists\s+-\s+motd$/);
      expect(lines[3]).toMatch(
        /^web-1\s+10\.0\.0\.11 via bastion\s+2222\s+admin\s+static\s+exists\s+role=web\s+motd$/,
      );
    });
  });

  describe('ssh', () => {
    let bin: string;
    beforeEach(() => {
      bin = join(ws, 'bin');
      mkdirSync(bin);
      // A stand-in for the ssh client: records its argv, one word per line, and exits 7.
      writeFileSync(
        join(bin, 'ssh'),
        `#!/bin/sh\nfor word in "$@"; do printf '%s\\n' "$word"; done > "${join(ws, 'ssh-argv')}"\nexit 7\n`,
      );
      chmodSync(join(bin, 'ssh'), 0o755);
    });

    it("runs the system ssh with the server's user, port, key, jump host and the workspace known_hosts, and returns its exit code", async () => {
      const run = await cli(['server', 'ssh', 'web-1'], { PATH: `${bin}:/usr/bin:/bin` });
      expect(run.code).toBe(7);
      expect(readFileSync(join(ws, 'ssh-argv'), 'utf8').split('\n').slice(0, -1)).toEqual([
        '-p',
        '2222',
        '-i',
        join(ws, 'keys/web'),
        '-o',
        `UserKnownHostsFile=${join(ws, '.provisioning/known_hosts')} ${join(ws, '.ssh/known_hosts')}`,
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `ProxyCommand=ssh -W %h:%p -p 22 -o 'UserKnownHostsFile=${join(ws, '.provisioning/known_hosts')} ${join(ws, '.ssh/known_hosts')}' -o StrictHostKeyChecking=yes -- deploy@10.0.0.1`,
        '--',
        'admin@10.0.0.11',
      ]);
    });

    it('trusts new host keys on first use only when the settings say accept-new, as apply does', async () => {
      const run = await cli(['server', 'ssh', 'bastion'], {
        PATH: `${bin}:/usr/bin:/bin`,
        PROVISIONING_SSH_STRICT_HOST_KEY_CHECKING: 'accept-new',
      });
      expect(run.code).toBe(7);
      expect(readFileSync(join(ws, 'ssh-argv'), 'utf8')).toContain(
        '\nStrictHostKeyChecking=accept-new\n--\ndeploy@10.0.0.1\n',
      );
    });

    it('says how to get ssh when the client is not installed', async () => {
      const run = await cli(['server', 'ssh', 'bastion'], { PATH: join(ws, 'empty') });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('error: the ssh client is not installed: no "ssh" on PATH');
      expect(run.stderr).toContain('hint: install OpenSSH');
    });

    it('refuses a local server and an unknown one', async () => {
      const local = await cli(['server', 'ssh', 'here'], { PATH: `${bin}:/usr/bin:/bin` });
      expect(local.code).toBe(1);
      expect(local.stderr).toContain(
        'error: here is this machine (provider local): there is nothing to ssh into',
      );
      const unknown = await cli(['server', 'ssh', 'nope'], { PATH: `${bin}:/usr/bin:/bin` });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('error: infra "main" has no server "nope"');
    });
  });

  describe('exec', () => {
    it('runs the words after -- on the server as one command line and prefixes the output with the server name', async () => {
      const run = await cli(['server', 'exec', 'here', '--no-color', '--', 'echo', 'a', '$((1 + 1))']);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('here | a 2\n1 ok, 0 failed\n');
    });

    it('exits 1 when the command fails on the server', async () => {
      const run = await cli(['server', 'exec', 'here', '--output', 'json', '--', 'false']);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout).hosts).toEqual([expect.objectContaining({ host: 'here', code: 1 })]);
    });

    it('takes one server name, pointing at run for a selection', async () => {
      const run = await cli(['server', 'exec', 'role=web', '--', 'true']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("hint: for several servers: provisioning run 'true' --servers role=web");
    });
  });
});
