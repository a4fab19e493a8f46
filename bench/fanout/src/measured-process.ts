import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Measured {
  wallSeconds: number;
  /** User + system CPU of the process and everything it started, daemonised SSH masters included. */
  cpuSeconds: number;
  /** CPU the hosts spent meanwhile (sshd and everything the sessions ran), when they run in a cgroup of their own (light hosts). */
  hostCpuSeconds?: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

const CPUACCT = '/sys/fs/cgroup/cpuacct';
let sequence = 0;

/**
 * Runs a command in a cpuacct cgroup of its own and reads the CPU of the whole tree from it. A
 * plain rusage of children would miss processes that daemonise (OpenSSH ControlPersist masters,
 * which Ansible leaves behind); here they are counted, then stopped when the command ends.
 * Without a writable cpuacct hierarchy it falls back to the children's rusage (/proc/self/stat).
 */
export async function runMeasured(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; hostsCgroup?: string } = {},
): Promise<Measured> {
  const hostsBefore = options.hostsCgroup ? cgroupCpuSeconds(options.hostsCgroup) : 0;
  const measured = await runMeasuredHere(command, args, options);
  return options.hostsCgroup
    ? { ...measured, hostCpuSeconds: cgroupCpuSeconds(options.hostsCgroup) - hostsBefore }
    : measured;
}

async function runMeasuredHere(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string },
): Promise<Measured> {
  const group = join(CPUACCT, `fanout-bench-${process.pid}-${++sequence}`);
  const useCgroup = existsSync(CPUACCT) && tryMkdir(group);
  const childrenBefore = childrenCpuSeconds();
  const started = performance.now();
  const argv = useCgroup
    ? (['sh', ['-c', `echo $$ > ${group}/cgroup.procs && exec "$@"`, 'sh', command, ...args]] as const)
    : ([command, [...args]] as const);
  const child = spawn(argv[0], argv[1], {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => resolve(exitCode));
  });
  const wallSeconds = (performance.now() - started) / 1000;
  if (!useCgroup)
    return { wallSeconds, cpuSeconds: childrenCpuSeconds() - childrenBefore, code, stdout, stderr };
  await stopLeftovers(group);
  const cpuSeconds = cgroupCpuSeconds(group);
  rmdirSync(group);
  return { wallSeconds, cpuSeconds, code, stdout, stderr };
}

function tryMkdir(path: string): boolean {
  try {
    mkdirSync(path);
    return true;
  } catch {
    return false;
  }
}

const pidsOf = (group: string) =>
  readFileSync(join(group, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);

async function stopLeftovers(group: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const pids = pidsOf(group);
    if (pids.length === 0) return;
    for (const pid of pids) {
      try {
        process.kill(pid, attempt < 50 ? 'SIGTERM' : 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`processes left in ${group}: ${pidsOf(group).join(' ')}`);
}

function cgroupCpuSeconds(group: string): number {
  const user = join(group, 'cpuacct.usage_user');
  if (existsSync(user)) {
    return (
      (Number(readFileSync(user, 'utf8')) + Number(readFileSync(join(group, 'cpuacct.usage_sys'), 'utf8'))) /
      1e9
    );
  }
  return Number(readFileSync(join(group, 'cpuacct.usage'), 'utf8')) / 1e9;
}

const CLOCK_TICKS = 100;

/** CPU of this process's reaped children so far (cutime + cstime). */
function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}
