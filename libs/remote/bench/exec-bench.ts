/**
 * H hosts × N short commands (sequential per host, hosts in parallel), through the pool and
 * through OpenSSH's `ssh` with one ControlMaster connection per host, in the same run.
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/remote/bench/exec-bench.ts --loopback 4
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/remote/bench/exec-bench.ts --inventory hosts.json
 *
 * Options: --commands N (50), --command 'true', --json (one JSON line at the end).
 * Inventory: { "hosts": [{ "name", "address", "port", "user", "privateKey", "knownHosts" }] }.
 * CPU is this process (process.cpuUsage) plus reaped children (/proc/self/stat cutime+cstime):
 * the ssh clients and the ControlMaster processes, which run in the foreground so they are counted.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConnectionPool } from '../src/index';
import { startLoopbackSshd, type LoopbackSshd } from '../src/testing/loopback-sshd';

const execFileAsync = promisify(execFile);

interface InventoryHost {
  name: string;
  address: string;
  port?: number;
  user?: string;
  privateKey: string;
  knownHosts: string;
}

interface Phase {
  wallMs: number;
  cpuSeconds: number;
}

interface Arguments {
  inventory?: string;
  loopback?: number;
  commands: number;
  command: string;
  json: boolean;
}

function parseArguments(argv: string[]): Arguments {
  const args: Arguments = { commands: 50, command: 'true', json: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') {
      args.json = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--inventory') args.inventory = value;
    else if (flag === '--loopback') args.loopback = Number(value);
    else if (flag === '--commands') args.commands = Number(value);
    else if (flag === '--command') args.command = value;
    else
      throw new Error(
        `unknown argument ${flag}; use --inventory FILE | --loopback N [--commands N] [--command CMD] [--json]`,
      );
  }
  if (!args.inventory && !args.loopback) throw new Error('give --inventory FILE or --loopback N');
  return args;
}

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds used so far by this process and by its reaped children. */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // after the command name: field 3 is index 0, so cutime (16) and cstime (17) are indexes 13 and 14
  const children = (Number(fields[13]) + Number(fields[14])) / clockTicks;
  return (own.user + own.system) / 1e6 + children;
}

async function measure(work: () => Promise<void>): Promise<Phase> {
  const cpuBefore = cpuSeconds();
  const started = performance.now();
  await work();
  return { wallMs: performance.now() - started, cpuSeconds: cpuSeconds() - cpuBefore };
}

async function benchPool(
  hosts: InventoryHost[],
  args: Arguments,
): Promise<{ connect: Phase; commands: Phase }> {
  const pool = new ConnectionPool({
    hosts: hosts.map((host) => ({
      name: host.name,
      address: host.address,
      port: host.port ?? 22,
      user: host.user ?? 'root',
      privateKey: host.privateKey,
      knownHostsFiles: [host.knownHosts],
    })),
  });
  try {
    const connect = await measure(async () => {
      await Promise.all(hosts.map((host) => pool.connect(host.name)));
    });
    const commands = await measure(async () => {
      await Promise.all(
        hosts.map(async (host) => {
          for (let i = 0; i < args.commands; i++) {
            const result = await pool.exec(host.name, args.command);
            if (result.code !== 0)
              throw new Error(`${host.name}: ${args.command} exited ${result.code}: ${result.stderr}`);
          }
        }),
      );
    });
    return { connect, commands };
  } finally {
    await pool.close();
  }
}

async function benchOpenSsh(
  hosts: InventoryHost[],
  args: Arguments,
): Promise<{ connect: Phase; commands: Phase }> {
  const controlDir = mkdtempSync(join(tmpdir(), 'cm-'));
  const options = (host: InventoryHost) => [
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `UserKnownHostsFile=${host.knownHosts}`,
    '-o',
    `ControlPath=${join(controlDir, host.name.replace(/[^A-Za-z0-9_.-]/g, '_'))}`,
    '-i',
    host.privateKey,
    '-p',
    String(host.port ?? 22),
    `${host.user ?? 'root'}@${host.address}`,
  ];
  const masters: ChildProcess[] = [];
  try {
    const connect = await measure(async () => {
      await Promise.all(
        hosts.map(async (host) => {
          // foreground master (no -f) so its CPU is reaped and counted
          const master = spawn('ssh', ['-M', '-N', '-o', 'ControlPersist=no', ...options(host)], {
            stdio: 'ignore',
          });
          masters.push(master);
          for (let attempt = 0; ; attempt++) {
            try {
              await execFileAsync('ssh', ['-O', 'check', ...options(host)]);
              return;
            } catch (error) {
              if (attempt > 200 || master.exitCode !== null)
                throw new Error(
                  `ControlMaster for ${host.name} did not come up: ${(error as Error).message}`,
                );
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
          }
        }),
      );
    });
    const commands = await measure(async () => {
      await Promise.all(
        hosts.map(async (host) => {
          for (let i = 0; i < args.commands; i++)
            await execFileAsync('ssh', [...options(host), args.command]);
        }),
      );
    });
    return { connect, commands };
  } finally {
    await Promise.all(
      masters.map(async (master, index) => {
        const host = hosts[index];
        const exited = new Promise((resolve) =>
          master.exitCode !== null ? resolve(undefined) : master.once('exit', resolve),
        );
        if (host) await execFileAsync('ssh', ['-O', 'exit', ...options(host)]).catch(() => master.kill());
        await exited;
      }),
    );
    rmSync(controlDir, { recursive: true, force: true });
  }
}

function row(label: string, phase: Phase, perCommand: number): string {
  return `${label.padEnd(24)} wall ${phase.wallMs.toFixed(0).padStart(7)} ms   cpu ${phase.cpuSeconds.toFixed(2).padStart(6)} s   ${perCommand.toFixed(1).padStart(7)} ms/command/host`;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const servers: LoopbackSshd[] = [];
  let hosts: InventoryHost[];
  if (args.inventory) {
    hosts = (JSON.parse(readFileSync(args.inventory, 'utf8')) as { hosts: InventoryHost[] }).hosts;
  } else {
    const first = await startLoopbackSshd();
    servers.push(first);
    for (let i = 1; i < (args.loopback ?? 1); i++)
      servers.push(await startLoopbackSshd({ clientKeyPath: first.clientKeyPath }));
    hosts = servers.map((server, i) => ({
      name: `loopback-${i + 1}`,
      address: server.address,
      port: server.port,
      user: 'root',
      privateKey: server.clientKeyPath,
      knownHosts: server.knownHostsPath,
    }));
  }
  try {
    const total = hosts.length * args.commands;
    console.log(
      `exec-bench: ${hosts.length} hosts × ${args.commands} × \`${args.command}\` (${total} commands), ${servers.length ? 'loopback sshd' : args.inventory}`,
    );
    console.log(
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')} (figures are only comparable within one run)`,
    );
    const pool = await benchPool(hosts, args);
    const openssh = await benchOpenSsh(hosts, args);
    console.log(row('pool connect', pool.connect, 0));
    console.log(row('pool commands', pool.commands, pool.commands.wallMs / args.commands));
    console.log(row('openssh master connect', openssh.connect, 0));
    console.log(row('openssh commands', openssh.commands, openssh.commands.wallMs / args.commands));
    const wallRatio = pool.commands.wallMs / openssh.commands.wallMs;
    const cpuRatio = pool.commands.cpuSeconds / openssh.commands.cpuSeconds;
    console.log(`ratio pool/openssh (commands): wall ${wallRatio.toFixed(2)}, cpu ${cpuRatio.toFixed(2)}`);
    if (args.json)
      console.log(
        JSON.stringify({
          hosts: hosts.length,
          commandsPerHost: args.commands,
          command: args.command,
          pool,
          openssh,
          wallRatio,
          cpuRatio,
        }),
      );
  } finally {
    for (const server of servers) await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
