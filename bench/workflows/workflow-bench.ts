// Durable step transitions per second for 10,000 no-op steps on the embedded SQLite store and on
// PostgreSQL (a throwaway cluster) with 1, 2 and 4 workers, and submit-to-first-step latency.
// Run: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/workflows/workflow-bench.ts [--docs]
// A transition is one committed state change of a step: its start (lease) and its result.
import { type RunnerEvent, type StepActions, WorkflowService } from '@provisioning/engine';
import { startTestPostgres } from '@provisioning/store/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const option = (name: string): string | undefined =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const WORKFLOWS = Number(option('workflows') ?? 100);
const STEPS_PER_WORKFLOW = Number(option('steps') ?? 100);
const WORKER_COUNTS = (option('workers') ?? '1,2,4').split(',').map(Number);
const STORES = (option('stores') ?? 'sqlite,postgres').split(',');
const LATENCY_SAMPLES = 20;

const noEngine: StepActions = {
  run: async () => {
    throw new Error('the benchmark runs no-op steps only');
  },
  close: async () => undefined,
};

const document = (name: string, steps: number) => ({
  name,
  parallel_limit: 100,
  operations: Array.from({ length: steps }, (_, index) => ({ id: `s${index}`, type: 'noop' })),
});

/**
 * Transitions per second of wall time, and per second of this process's CPU time: on a machine
 * shared with other work the wall figure falls with the load while the CPU one hardly moves, so
 * it says what the store does when it has a core (PostgreSQL's own CPU is not in it).
 */
async function throughput(
  location: () => Promise<string>,
  workers: number,
): Promise<{ rate: number; perCpuSecond: number }> {
  const store = await location();
  const total = WORKFLOWS * STEPS_PER_WORKFLOW;
  let finished = 0;
  let allFinished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allFinished = resolve));
  // Counted from the runners' own events (emitted once a result is committed), so the measuring
  // costs the store nothing.
  const onEvent = (event: RunnerEvent) => {
    if (event.type === 'step-finished' && ++finished === total) allFinished();
  };
  const services = await Promise.all(
    Array.from({ length: workers }, () =>
      WorkflowService.open({ store, actions: noEngine, runner: { concurrency: 32, pollMs: 5, onEvent } }),
    ),
  );
  for (let index = 0; index < WORKFLOWS; index++)
    await services[0].submitDocument(document(`bench-${index}`, STEPS_PER_WORKFLOW));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const service of services) service.startWorkers(1);
  await done;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const { workflowsByStatus } = await services[0].metrics();
  for (const service of services) await service.close();
  if (workflowsByStatus.succeeded !== WORKFLOWS)
    throw new Error(`expected ${WORKFLOWS} succeeded workflows, found ${JSON.stringify(workflowsByStatus)}`);
  return { rate: (2 * total) / seconds, perCpuSecond: (2 * total) / cpuSeconds };
}

async function latency(location: () => Promise<string>): Promise<number[]> {
  const store = await location();
  let firstStep: (() => void) | undefined;
  const service = await WorkflowService.open({
    store,
    actions: noEngine,
    runner: {
      concurrency: 8,
      pollMs: 250,
      onEvent: (event) => event.type === 'step-started' && firstStep?.(),
    },
  });
  service.startWorkers(1);
  const samples: number[] = [];
  for (let index = 0; index < LATENCY_SAMPLES; index++) {
    const reached = new Promise<void>((resolve) => (firstStep = resolve));
    const started = performance.now();
    const { workflow } = await service.submitDocument(document(`latency-${index}`, 1));
    await reached;
    samples.push(performance.now() - started);
    await service.follow(workflow.id, { pollMs: 5 });
  }
  await service.close();
  return samples.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'workflow-bench-'));
  const postgres = STORES.includes('postgres') ? await startTestPostgres() : undefined;
  // An interrupted run still stops its throwaway cluster and removes its files.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      rmSync(dir, { recursive: true, force: true });
      void (postgres?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
    });
  let counter = 0;
  const sqlite = async () => `sqlite:${join(dir, `bench-${counter++}.db`)}`;
  const stores: Array<[string, () => Promise<string>]> = [];
  if (STORES.includes('sqlite')) stores.push(['SQLite (embedded, synchronous=FULL)', sqlite]);
  if (postgres) stores.push(['PostgreSQL 15 (local, fsync on)', () => postgres.createDatabase()]);
  const rows: string[] = [];
  try {
    for (const [name, location] of stores) {
      const figures: string[] = [];
      for (const workers of WORKER_COUNTS) {
        const { rate, perCpuSecond } = await throughput(location, workers);
        // The machine is shared: each figure carries the load it was taken at.
        const figure = `${rate.toFixed(0)} (${perCpuSecond.toFixed(0)} per CPU-s, load ${loadavg()[0].toFixed(1)})`;
        figures.push(figure);
        console.error(`${name}, ${workers} worker(s): ${figure} transitions/s`);
      }
      const samples = await latency(location);
      const median = samples[Math.floor(samples.length / 2)];
      const p90 = samples[Math.floor(samples.length * 0.9)];
      rows.push(`| ${name} | ${figures.join(' | ')} | ${median.toFixed(1)} | ${p90.toFixed(1)} |`);
    }
  } finally {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (load average ${loadavg()[0].toFixed(1)} at the end), Node ${process.version};`,
    `${WORKFLOWS} workflows x ${STEPS_PER_WORKFLOW} no-op steps (parallel_limit 100), workers in one process, each with its own store connection (SQLite: one shared connection per process).`,
    '',
    `| store | ${WORKER_COUNTS.map((count) => `transitions/s, ${count} worker${count === 1 ? '' : 's'}`).join(' | ')} | submit to first step, median ms | p90 ms |`,
    `| --- | ${WORKER_COUNTS.map(() => '---:').join(' | ')} | ---: | ---: |`,
    ...rows,
  ].join('\n');
  console.log(table);
  if (process.argv.includes('--docs')) {
    const path = join(__dirname, '../../docs/benchmarks.md');
    const text = readFileSync(path, 'utf8');
    const block = `<!-- bench:workflows -->\n${table}\n<!-- /bench:workflows -->`;
    writeFileSync(path, text.replace(/<!-- bench:workflows -->[\s\S]*<!-- \/bench:workflows -->/, block));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
