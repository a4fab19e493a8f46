/**
 * One engine phase in its own process, the way `provisioning apply|plan` runs it (workspace loaded
 * by the config loader, settings resolved, SQLite state store, one SSH pool), so the benchmark
 * counts its CPU like any other runner's. Bundled by build-engine-runner.js before the run.
 *
 *   node engine-run.js --workspace DIR --phase apply|plan --out result.json
 */
import { createSecretStore, loadWorkspace, resolveSettings } from '@provisioning/config';
import { apply, openPool, plan, type RunRequest } from '@provisioning/engine';
import { SqliteStateStore } from '@provisioning/store';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { type RoundTrip, countingExecutor } from './counting-executor';
import { fanoutTaskserv } from './engine-taskserv';

export interface EngineHostFigures {
  host: string;
  /** HostRunSummary.roundTrips (apply only). */
  engineRoundTrips?: number;
  /** Commands the engine sent to the host, counted by a wrapping executor. */
  countedRoundTrips: number;
  durationMs?: number;
  changed: number;
  trips: RoundTrip[];
}

export interface EngineFigures {
  phase: 'apply' | 'plan';
  status: string;
  changed: number;
  /** Process start to the end of the run, and the run alone (plan() or apply()). */
  processMs: number;
  setupMs: number;
  runMs: number;
  closeMs: number;
  /** The engine process's peak resident memory. */
  peakRssMiB: number;
  /** What was resident at the sample with the most (every 50 ms): V8 heap in use, heap reserved, Buffers and other memory outside the heap. */
  peakMemory?: { heapUsedMiB: number; heapTotalMiB: number; externalMiB: number };
  hosts: EngineHostFigures[];
}

function argument(name: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  if (!value)
    throw new Error(`engine-run: --${name} is required (--workspace DIR --phase apply|plan --out FILE)`);
  return value;
}

async function main(): Promise<void> {
  const root = argument('workspace');
  const phase = argument('phase');
  if (phase !== 'apply' && phase !== 'plan')
    throw new Error(`engine-run: --phase is apply or plan, not ${phase}`);
  const setupStart = performance.now();
  const env = process.env;
  const secrets = createSecretStore({ env, files: [] });
  const { workspace } = loadWorkspace(root, { env, secrets });
  const infra = workspace.infras.fanout;
  const { settings } = resolveSettings({ workspaceRoot: root, infra: infra.name, env });
  mkdirSync(join(root, '.provisioning'), { recursive: true });
  const store = SqliteStateStore.open(join(root, '.provisioning', 'state.db'));
  const pool = openPool(infra, { settings, workspaceRoot: root });
  const trips = new Map<string, RoundTrip[]>();
  const memory = sampleMemory();
  const runStart = performance.now();
  const executors = new Map(
    infra.servers.map((server) => {
      trips.set(server.name, []);
      return [
        server.name,
        countingExecutor(pool.executor(server.name), trips.get(server.name) as RoundTrip[], runStart),
      ];
    }),
  );
  const ctx: RunRequest = {
    infra,
    workspaceName: workspace.name,
    resolveTaskserv: (entry) => (entry.name === fanoutTaskserv.name ? fanoutTaskserv : undefined),
    executorFor: (server) => executors.get(server) as never,
    action: 'install',
    parallel: settings.run.parallelism ?? 10,
    env,
    secrets,
    baseDir: root,
    store,
  };
  const figures: EngineFigures = {
    phase,
    status: '',
    changed: 0,
    processMs: 0,
    setupMs: runStart - setupStart,
    runMs: 0,
    closeMs: 0,
    peakRssMiB: 0,
    hosts: [],
  };
  if (phase === 'apply') {
    const result = await apply(ctx);
    figures.runMs = performance.now() - runStart;
    figures.status = result.status;
    figures.changed = result.changed;
    figures.hosts = result.hosts.map((host) => ({
      host: host.host,
      engineRoundTrips: host.roundTrips,
      countedRoundTrips: trips.get(host.host)?.length ?? 0,
      durationMs: host.durationMs,
      changed: host.changed,
      trips: trips.get(host.host) ?? [],
      ...(host.error ? { error: host.error.message } : {}),
    }));
  } else {
    const result = await plan(ctx);
    figures.runMs = performance.now() - runStart;
    figures.status = result.errors ? `${result.errors} errors` : 'planned';
    figures.changed = result.changes;
    figures.hosts = result.hosts.map((host) => ({
      host: host.host,
      countedRoundTrips: trips.get(host.host)?.length ?? 0,
      changed: host.changes,
      trips: trips.get(host.host) ?? [],
    }));
  }
  const closeStart = performance.now();
  await pool.close();
  await store.close();
  figures.closeMs = performance.now() - closeStart;
  figures.processMs = performance.now();
  figures.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  figures.peakMemory = memory.stop();
  writeFileSync(argument('out'), JSON.stringify(figures));
}

/**
 * Samples the resident memory every 250 ms and keeps the heap figures (process.memoryUsage(), about
 * a millisecond each) at its highest sample. The peak itself is the kernel's (maxRSS); sampling
 * only places the heap breakdown, so it is kept rare: at 50 ms, a CPU profile of a loaded 16 x 200
 * run put half a second of the controller's time in the sampler's rss() calls.
 * With FANOUT_HEAP_SNAPSHOT=FILE, writes one V8 heap snapshot (live objects only) when the heap in
 * use first passes FANOUT_HEAP_SNAPSHOT_MIB (default 100): open it in Chrome DevTools' Memory tab.
 */
function sampleMemory(): { stop(): NonNullable<EngineFigures['peakMemory']> } {
  const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
  let snapshot = process.env.FANOUT_HEAP_SNAPSHOT;
  const snapshotAt = Number(process.env.FANOUT_HEAP_SNAPSHOT_MIB ?? 100);
  let peak = process.memoryUsage();
  const timer = setInterval(() => {
    if (process.memoryUsage.rss() > peak.rss) peak = process.memoryUsage();
    if (snapshot && mib(process.memoryUsage().heapUsed) >= snapshotAt) {
      writeHeapSnapshot(snapshot);
      snapshot = undefined;
    }
  }, 250);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      return {
        heapUsedMiB: mib(peak.heapUsed),
        heapTotalMiB: mib(peak.heapTotal),
        externalMiB: mib(peak.external),
      };
    },
  };
}

main().catch((error: unknown) => {
  console.error(`engine-run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
