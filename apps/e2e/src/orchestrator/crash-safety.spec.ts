import { startTestPostgres, type TestPostgres } from '@provisioning/store/testing';
import { execInHost, inventoryFiles, testbedSettings } from '@provisioning/testbed';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOnTestbed } from '../support/on-testbed';

/** The bundled orchestrator (`nx run orchestrator:build`; `nx run e2e:test` builds it first). */
const ORCHESTRATOR_BUNDLE = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'dist',
  'apps',
  'orchestrator',
  'main.js',
);
const KILLS = 50;
const STEPS_PER_HOST = 11;
/** Short, so a killed worker's steps are taken over quickly. */
const LEASE_MS = 1500;

/** A seeded PRNG (mulberry32): the same kill points on every run, printed with the seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Worker {
  process: ChildProcess;
  url: Promise<string>;
}

// Crash safety, against real hosts: a workflow of 33 steps across 3 testbed hosts, each step
// appending a line (its id and the time in ns) to a file on its host. The orchestrator is killed
// with SIGKILL at 50 seeded random points and restarted; at the end the workflow has succeeded,
// every accepted workflow exists and finished, and no step left a line after its commit (a
// committed step never ran again) or more lines than it had attempts.
describeOnTestbed('orchestrator crash safety (SIGKILL, testbed hosts)', (testbed) => {
  let workspace: string;
  const counter = `/var/tmp/orchestrator-crash-${randomBytes(4).toString('hex')}`;
  const seed = Number(process.env.PROVISIONING_CRASH_SEED ?? 20261202);

  const startWorker = (store: string): Worker => {
    const child = spawn(
      process.execPath,
      [
        ORCHESTRATOR_BUNDLE,
        'start',
        '--workspace',
        workspace,
        '--listen',
        '127.0.0.1:0',
        '--store',
        store,
        '--lease-ms',
        String(LEASE_MS),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const url = new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /"url":"(http:\/\/[^"]+)"/.exec(out);
        if (found) resolve(found[1]);
      });
      child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code, signal) =>
        reject(new Error(`orchestrator exited (${code ?? signal}) before listening:\n${out}`)),
      );
    });
    url.catch(() => undefined);
    return { process: child, url };
  };
  const kill = async (worker: Worker) => {
    if (worker.process.exitCode !== null || worker.process.signalCode !== null) return;
    const exited = new Promise((resolve) => worker.process.once('exit', resolve));
    worker.process.kill('SIGKILL');
    await exited;
  };
  const token = () => readFileSync(join(workspace, '.provisioning/orchestrator.token'), 'utf8').trim();
  const api = async (url: string, path: string, init: RequestInit = {}) => {
    const response = await fetch(`${url}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token()}`,
        'Content-Type': 'application/json',
        ...(init.headers as Record<string, string>),
      },
    });
    if (!response.ok)
      throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  /** Round `round` of the workflow: 33 command steps, 11 per host in a chain with cross-host links. */
  const workflowYaml = (round: number): string => {
    const hosts = testbed()
      .hosts.slice(0, 3)
      .map((host) => host.name);
    const operations: string[] = [];
    hosts.forEach((host, h) => {
      for (let i = 1; i <= STEPS_PER_HOST; i++) {
        const id = `h${h + 1}-s${i}`;
        const dependencies = [
          ...(i > 1 ? [`h${h + 1}-s${i - 1}`] : []),
          ...(h > 0 && i % 4 === 0 ? [`h${h}-s${i}`] : []),
        ];
        operations.push(
          `  - { id: ${id}, type: command, servers: ${host}, dependencies: [${dependencies.join(', ')}], command: "echo ${id} $(date +%s%N) >> ${counter}-${round}; sleep 0.2" }`,
        );
      }
    });
    return `name: crash-proof-${round}\nparallel_limit: 6\noperations:\n${operations.join('\n')}\n`;
  };

  /**
   * Runs 33-step workflows while killing `victim` at KILLS seeded points, each kill during one of
   * them (when one finishes, the next is submitted, so a fast machine gets several rounds and a slow
   * one fewer); `steady` workers keep running. Then checks every round and every accepted workflow.
   */
  async function crashAndCheck(store: string, steadyWorkers: number): Promise<void> {
    const next = random(seed);
    const steady = Array.from({ length: steadyWorkers }, () => startWorker(store));
    let victim = startWorker(store);
    const submit = async (at: string, workflow: unknown) =>
      (
        (await api(at, '/v1/workflows', { method: 'POST', body: JSON.stringify({ workflow }) })) as {
          id: string;
        }
      ).id;
    const rounds = [await submit(await victim.url, workflowYaml(0))];
    const accepted = [...rounds];
    let kills = 0;
    try {
      while (kills < KILLS) {
        const at = await victim.url;
        await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 1500)));
        // Now and then a submission right before the kill: once answered, it must never be lost.
        if (kills % 5 === 0)
          accepted.push(
            await submit(at, { name: `extra-${kills}`, operations: [{ id: 'a', type: 'noop' }] }),
          );
        const current = (
          (await api(at, `/v1/workflows/${rounds[rounds.length - 1]}`)) as { workflow: { status: string } }
        ).workflow.status;
        if (current !== 'running') {
          expect([rounds.length - 1, current]).toEqual([rounds.length - 1, 'succeeded']);
          rounds.push(await submit(at, workflowYaml(rounds.length)));
          accepted.push(rounds[rounds.length - 1]);
        }
        await kill(victim);
        kills++;
        victim = startWorker(store);
      }
      const at = await victim.url;
      for (const id of accepted) {
        while (
          ((await api(at, `/v1/workflows/${id}`)) as { workflow: { status: string } }).workflow.status ===
          'running'
        )
          await new Promise((resolve) => setTimeout(resolve, 200));
        expect([
          id,
          ((await api(at, `/v1/workflows/${id}`)) as { workflow: { status: string } }).workflow.status,
        ]).toEqual([id, 'succeeded']);
      }
      let reruns = 0;
      for (const [round, id] of rounds.entries()) {
        const detail = (await api(at, `/v1/workflows/${id}`)) as {
          steps: Array<{ id: string; status: string; attempt: number; finishedAt: string }>;
        };
        expect(detail.steps).toHaveLength(3 * STEPS_PER_HOST);
        const lines = (
          await Promise.all(
            testbed()
              .hosts.slice(0, 3)
              .map(
                async (host) =>
                  (
                    await execInHost(
                      testbedSettings(),
                      host.name,
                      `cat ${counter}-${round} 2>/dev/null; rm -f ${counter}-${round}`,
                    )
                  ).stdout,
              ),
          )
        )
          .join('\n')
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split(' '));
        for (const step of detail.steps) {
          const mine = lines.filter(([stepId]) => stepId === step.id);
          const committedAtNs = BigInt(new Date(step.finishedAt).getTime() + 1) * 1_000_000n;
          expect({
            round,
            step: step.id,
            status: step.status,
            ran: mine.length >= 1,
            atMostOncePerAttempt: mine.length <= step.attempt,
          }).toEqual({ round, step: step.id, status: 'succeeded', ran: true, atMostOncePerAttempt: true });
          // No side effect after the commit: a committed step never runs again.
          expect({
            round,
            step: step.id,
            afterCommit: mine.filter(([, ns]) => BigInt(ns) > committedAtNs).length,
          }).toEqual({ round, step: step.id, afterCommit: 0 });
          reruns += mine.length - 1;
        }
      }
      console.log(
        `crash safety (${store.split(':')[0]}, ${steadyWorkers + 1} workers, seed ${seed}): ${kills} SIGKILLs during ${rounds.length} run(s) of the ${3 * STEPS_PER_HOST}-step workflow; ` +
          `${accepted.length} accepted workflows all succeeded; ${reruns} uncommitted attempts re-run, none after its commit`,
      );
    } finally {
      await kill(victim);
      for (const worker of steady) await kill(worker);
    }
  }

  beforeAll(() => {
    if (!existsSync(ORCHESTRATOR_BUNDLE))
      throw new Error(`${ORCHESTRATOR_BUNDLE} is missing: build it with \`npx nx run orchestrator:build\``);
    workspace = mkdtempSync(join(tmpdir(), 'e2e-orchestrator-'));
    writeFileSync(join(workspace, 'provisioning.yaml'), 'name: e2e\ndefault_infra: testbed\n');
    mkdirSync(join(workspace, 'infra', 'testbed'), { recursive: true });
    copyFileSync(inventoryFiles().yaml, join(workspace, 'infra', 'testbed', 'servers.yaml'));
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it(`completes a ${3 * STEPS_PER_HOST}-step workflow on the embedded SQLite store through ${KILLS} SIGKILLs, repeating no committed step and losing no accepted workflow`, async () => {
    await crashAndCheck(`sqlite:${join(workspace, '.provisioning/workflows.db')}`, 0);
  }, 1_500_000);

  describe('under PostgreSQL', () => {
    let postgres: TestPostgres;
    beforeAll(async () => {
      postgres = await startTestPostgres();
    }, 120_000);
    afterAll(async () => {
      await postgres?.stop();
    });

    it(`completes it with two workers sharing PostgreSQL while one of them is killed ${KILLS} times: the other takes its leases over`, async () => {
      await crashAndCheck(await postgres.createDatabase(), 1);
    }, 1_500_000);
  });
});
