import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnsibleFiles, AnsibleProfile } from './ansible-files';
import type { EngineFigures } from './engine-run';
import type { FanoutInventory } from './inventory';
import { type Measured, runMeasured } from './measured-process';
import { applyOneScript, floorScript, planOneScript } from './shell-commands';
import { workload } from './workload';

export type Phase = 'apply' | 'noop' | 'plan';

export interface PhaseRun {
  measured: Measured;
  /** Operations reported changed (apply) or to change (plan), over all hosts. */
  changes: number;
  /** Round trips per host: [fewest, most]. */
  roundTrips?: [number, number];
  /** SSH sessions (channels: one per command sent) opened per host: [fewest, most]. */
  sessions?: [number, number];
  engine?: EngineFigures;
}

export interface Runner {
  name: string;
  phases: readonly Phase[];
  run(phase: Phase): Promise<PhaseRun>;
}

function assertExit(name: string, phase: Phase, measured: Measured): void {
  if (measured.code !== 0)
    throw new Error(
      `${name} ${phase} exited ${measured.code}:\n${(measured.stderr || measured.stdout).slice(-3000)}`,
    );
}

const hereDir = join(__dirname);

/** The floor: each host's whole workload as one script over one plain `ssh`. */
export function floorRunner(inventory: FanoutInventory, workDir: string): Runner {
  const dir = join(workDir, 'floor');
  mkdirSync(dir, { recursive: true });
  const ops = workload();
  for (const host of inventory.hosts)
    writeFileSync(join(dir, `${host.address}.sh`), floorScript(ops, host.name));
  return {
    name: 'OpenSSH, one script per host (floor)',
    // noop: the same script again on a host it already applied (the floor's rerun).
    phases: ['apply', 'noop'],
    async run(phase) {
      const measured = await runMeasured(
        'bash',
        [join(hereDir, '..', 'ssh-floor.sh'), dir, inventory.privateKeyPath, inventory.knownHostsPath],
        { hostsCgroup: inventory.hostsCgroup },
      );
      assertExit('floor', phase, measured);
      return { measured, changes: ops.length * inventory.hosts.length, roundTrips: [1, 1], sessions: [1, 1] };
    },
  };
}

/** OpenSSH with one ControlMaster per host, one command per operation. */
export function sshEachRunner(inventory: FanoutInventory, workDir: string): Runner {
  const ops = workload();
  const dirs = { apply: join(workDir, 'each-apply'), plan: join(workDir, 'each-plan') };
  for (const host of inventory.hosts) {
    for (const [mode, script] of [
      ['apply', applyOneScript],
      ['plan', planOneScript],
    ] as const) {
      const hostDir = join(dirs[mode], host.address);
      mkdirSync(hostDir, { recursive: true });
      ops.forEach((op, index) =>
        writeFileSync(join(hostDir, `${String(index + 1).padStart(3, '0')}.sh`), script(op, host.name)),
      );
    }
  }
  return {
    name: 'OpenSSH, ControlMaster, one command per operation',
    phases: ['apply', 'noop', 'plan'],
    async run(phase) {
      const dir = phase === 'plan' ? dirs.plan : dirs.apply;
      const measured = await runMeasured(
        'bash',
        [join(hereDir, '..', 'ssh-each.sh'), dir, inventory.privateKeyPath, inventory.knownHostsPath],
        { hostsCgroup: inventory.hostsCgroup },
      );
      assertExit('ssh-each', phase, measured);
      let changes = 0;
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.out'))) {
        changes += readFileSync(join(dir, file), 'utf8')
          .split('\n')
          .filter((line) => line === 'changed' || line === 'change').length;
      }
      return { measured, changes, roundTrips: [ops.length, ops.length], sessions: [ops.length, ops.length] };
    },
  };
}

/** ansible-playbook with the bench's playbook, default or tuned configuration; plan is --check. */
export function ansibleRunner(
  inventory: FanoutInventory,
  files: AnsibleFiles,
  profile: AnsibleProfile,
): Runner {
  return {
    name: `Ansible ${profile}${profile === 'tuned' ? ' (pipelining, forks=16, ControlPersist)' : ' (forks=5)'}`,
    phases: ['apply', 'noop', 'plan'],
    async run(phase) {
      const controlDir = mkdtempSync('/tmp/fanout-cp-');
      const args = [
        '-i',
        files.inventory,
        join(hereDir, '..', 'playbook.yml'),
        '-e',
        `@${files.vars}`,
        ...(phase === 'plan' ? ['--check'] : []),
      ];
      const env = {
        ...process.env,
        ANSIBLE_CONFIG: files.config(profile),
        ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir,
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_LOCAL_TEMP: controlDir,
      };
      const measured = await runMeasured('ansible-playbook', args, {
        env,
        hostsCgroup: inventory.hostsCgroup,
      });
      rmSync(controlDir, { recursive: true, force: true });
      assertExit(`ansible ${profile}`, phase, measured);
      // The default callback prints one `changed: [host] => (item=...)` line per changed loop item.
      const changes = measured.stdout.split('\n').filter((line) => line.startsWith('changed: [')).length;
      return { measured, changes };
    },
  };
}

/** The engine, one child process per phase (the bundled engine-run.js), like `provisioning apply|plan`. */
export function engineRunner(inventory: FanoutInventory, workspace: string, bundle: string): Runner {
  return {
    name: 'Provisioning engine',
    phases: ['apply', 'noop', 'plan'],
    async run(phase) {
      const out = join(workspace, `result-${phase}.json`);
      const env = { ...process.env, XDG_CONFIG_HOME: join(workspace, '.config') };
      const measured = await runMeasured(
        'node',
        [
          ...(process.env.FANOUT_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.FANOUT_PROF}`] : []),
          bundle,
          '--workspace',
          workspace,
          '--phase',
          phase === 'plan' ? 'plan' : 'apply',
          '--out',
          out,
        ],
        { env, hostsCgroup: inventory.hostsCgroup },
      );
      assertExit('engine', phase, measured);
      const engine = JSON.parse(readFileSync(out, 'utf8')) as EngineFigures;
      const failed = engine.hosts.filter((host) => 'error' in host);
      if (engine.status !== 'succeeded' && engine.status !== 'planned')
        throw new Error(`engine ${phase}: ${engine.status} ${JSON.stringify(failed).slice(0, 2000)}`);
      const trips = engine.hosts.map((host) => host.countedRoundTrips);
      // Every command the engine sends opens one session (channel) on the host's one connection.
      return {
        measured,
        changes: engine.changed,
        roundTrips: [Math.min(...trips), Math.max(...trips)],
        sessions: [Math.min(...trips), Math.max(...trips)],
        engine,
      };
    },
  };
}
