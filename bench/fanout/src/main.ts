/**
 * The fanout benchmark: 50 operations per host on every testbed host, through the engine, Ansible
 * (default and tuned), OpenSSH one command per operation, and OpenSSH one script per host (the
 * floor). Every runner starts from a reset tree; every phase is followed by a check of every
 * host's tree against the expected end state. bench/fanout/run.sh boots the hosts and calls this.
 *
 *   node -r @swc-node/register bench/fanout/src/main.ts --inventory FILE [--runners ssh,engine,ansible-tuned,ansible-default]
 *     [--tasks 10|50|200] [--shells unguarded|guarded] [--out FILE.json] [--docs [--section NAME]]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { writeAnsibleFiles } from './ansible-files';
import { VERIFY_SCRIPT, compareManifests, expectedManifest, parseManifest } from './expected-state';
import { writeEngineWorkspace } from './engine-workspace';
import { type FanoutInventory, readFanoutInventory } from './inventory';
import { runOnAllHosts } from './remote-scripts';
import { type Row, engineAims, engineBreakdown, figuresTable } from './report';
import { type Phase, type Runner, ansibleRunner, engineRunner, floorRunner, sshEachRunner } from './runners';
import { RESET_SCRIPT } from './shell-commands';
import { workload, workloadOptions } from './workload';

const repoRoot = resolve(__dirname, '../../..');
const log = (text: string) => process.stderr.write(`fanout: ${text}\n`);
const ALL_RUNNERS = ['ssh', 'engine', 'ansible-tuned', 'ansible-default'];

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const inventoryPath = option('inventory');
  if (!inventoryPath)
    throw new Error('give --inventory FILE (the testbed inventory.json); bench/fanout/run.sh does it all');
  const inventory = readFanoutInventory(inventoryPath);
  // The engine runner is a child process: it reads the workload's shape from the environment too.
  process.env.FANOUT_TASKS = option('tasks') ?? process.env.FANOUT_TASKS ?? '50';
  process.env.FANOUT_SHELLS = option('shells') ?? process.env.FANOUT_SHELLS ?? 'unguarded';
  const shells = workloadOptions().shells;
  const selected = (option('runners') ?? ALL_RUNNERS.join(',')).split(',');
  const workDir = mkdtempSync('/tmp/fanout-bench-');
  const ops = workload();

  const floor = floorRunner(inventory, workDir);
  const ansibleFiles = writeAnsibleFiles(join(workDir, 'ansible'), inventory);
  const bundle = join(repoRoot, 'dist/bench/fanout/engine-run.js');
  const factories: Record<string, () => Runner> = {
    ssh: () => sshEachRunner(inventory, workDir),
    engine: () =>
      engineRunner(inventory, writeEngineWorkspace(join(workDir, 'engine-workspace'), inventory), bundle),
    'ansible-tuned': () => ansibleRunner(inventory, ansibleFiles, 'tuned'),
    'ansible-default': () => ansibleRunner(inventory, ansibleFiles, 'default'),
  };
  // `name:phase+phase` runs only those phases of a runner (Ansible default is slow on a loaded machine).
  const choices = selected.map((choice) => {
    const [name, phases] = choice.split(':');
    return { name, phases: phases ? (phases.split('+') as Phase[]) : undefined };
  });
  const unknown = choices.map((choice) => choice.name).filter((name) => !(name in factories));
  if (unknown.length)
    throw new Error(`unknown runner ${unknown.join(', ')}; known: ${ALL_RUNNERS.join(', ')}`);

  const reset = () => runOnAllHosts(inventory, () => RESET_SCRIPT);
  const trees = () => runOnAllHosts(inventory, () => VERIFY_SCRIPT);
  /** After an apply: every host as the workload wants it. After a plan: every host exactly as before it (`before`). */
  const verify = async (before?: Map<string, string>): Promise<string> => {
    const problems = [...(await trees())].flatMap(([host, text]) =>
      compareManifests(
        before ? parseManifest(before.get(host) ?? '') : expectedManifest(ops, host),
        parseManifest(text),
      ).map((p) => `${host}: ${p}`),
    );
    return problems.length ? `${problems.length} problems, e.g. ${problems.slice(0, 3).join('; ')}` : 'ok';
  };

  const rows: Row[] = [];
  const load = [loadavg()[0]];
  for (const { name, phases } of choices) {
    // A floor run before each runner: the baseline is measured under the same load as what it divides.
    await reset();
    for (const phase of floor.phases) {
      const floorRun = await floor.run(phase);
      rows.push({ runner: floor.name, phase, run: floorRun, verified: await verify() });
      log(
        `floor ${phase}: ${floorRun.measured.wallSeconds.toFixed(2)} s wall, ${floorRun.measured.cpuSeconds.toFixed(2)} s CPU, hosts ${floorRun.measured.hostCpuSeconds?.toFixed(2) ?? 'n/a'} s CPU (${rows.at(-1)?.verified})`,
      );
    }
    const runner = factories[name]();
    await reset();
    for (const phase of runner.phases.filter((p) => !phases || phases.includes(p))) {
      const before = phase === 'plan' ? await trees() : undefined;
      const run = await runner.run(phase);
      const verified = await verify(before);
      rows.push({ runner: runner.name, phase, run, verified });
      log(
        `${runner.name} ${phase}: ${run.measured.wallSeconds.toFixed(2)} s wall, ${run.measured.cpuSeconds.toFixed(2)} s CPU, hosts ${run.measured.hostCpuSeconds?.toFixed(2) ?? 'n/a'} s CPU, ${run.changes} changes, ${run.roundTrips?.join('-') ?? '?'} round trips (${verified})`,
      );
    }
    load.push(loadavg()[0]);
    report(rows, load, inventory, ops.length, shells, false);
  }
  await reset();
  report(rows, load, inventory, ops.length, shells, true);
  rmSync(workDir, { recursive: true, force: true });
}

/** Prints the figures (at the end) and writes them (after every runner, so an interrupted run keeps what it measured). */
function report(
  rows: readonly Row[],
  load: readonly number[],
  inventory: FanoutInventory,
  operations: number,
  shells: 'unguarded' | 'guarded',
  final: boolean,
): void {
  const hosts = inventory.hosts.length;
  const table = figuresTable(rows);
  const breakdown = rows
    .filter((row) => row.run.engine)
    .map((row) => engineBreakdown(row.phase, row.run.engine as NonNullable<typeof row.run.engine>));
  const aims = engineAims(rows, shells);
  const kind = inventory.hostsCgroup
    ? 'light hosts (one sshd each in its own network, mount and UTS namespace, bench/fanout/light-hosts.sh)'
    : 'testbed hosts (systemd-nspawn)';
  const hostCpu = inventory.hostsCgroup
    ? "; hosts CPU is every host's sshd and what its sessions ran (one cpuacct cgroup)"
    : "; the hosts' own CPU is not measured for testbed hosts";
  const second =
    shells === 'unguarded'
      ? 'the second apply reruns the unguarded commands (one per 10 operations), as declared'
      : 'every command is guarded, so the second apply is converged';
  const summary = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${hosts} ${kind}, on the same 2-core machine as the runners, ${operations} operations per host; ${second}; load average ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)} during the run. Controller CPU is the runner's whole process tree (a cpuacct cgroup per run, daemonised SSH masters included)${hostCpu}.`,
    '',
    table,
    '',
    'Aims for the engine:',
    '',
    ...aims.map((aim) => `- ${aim.met ? 'met' : '**not met**'}: ${aim.text} (${aim.detail})`),
    ...(breakdown.length ? ['', "Where the engine's time goes (medians over hosts):", '', ...breakdown] : []),
  ].join('\n');
  if (final) process.stdout.write(`${summary}\n`);

  const outDir = join(repoRoot, 'dist/bench/fanout');
  mkdirSync(outDir, { recursive: true });
  const record = JSON.stringify(
    { hosts, operations, shells, light: Boolean(inventory.hostsCgroup), load, rows, aims },
    null,
    1,
  );
  writeFileSync(join(outDir, 'last-run.json'), record);
  const out = option('out');
  if (out) writeFileSync(out, record);
  if (process.argv.includes('--docs')) {
    const { replaceSection } = require(join(repoRoot, 'tools/scripts/benchmarks-doc.js')) as {
      replaceSection(file: string, name: string, body: string): void;
    };
    replaceSection(join(repoRoot, 'docs/benchmarks.md'), option('section') ?? 'fanout', summary);
    if (final) log('wrote the figures into docs/benchmarks.md (section fanout)');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `fanout: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
