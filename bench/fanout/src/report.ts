import type { EngineFigures } from './engine-run';
import type { Phase, PhaseRun } from './runners';

export interface Row {
  runner: string;
  phase: Phase;
  run: PhaseRun;
  /** "ok" when every host's tree matched the expected manifest, else the first problems. */
  verified: string;
}

export interface Floor {
  wallSeconds: number;
  cpuSeconds: number;
  hostCpuSeconds?: number;
  runs: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const isFloor = (row: Row) => row.runner.includes('(floor)');

/** The floor's first apply (phase apply) or its rerun on an applied host (phase noop), median of its runs. */
export function floorOf(rows: readonly Row[], phase: Phase = 'apply'): Floor {
  const floors = rows.filter((row) => isFloor(row) && row.phase === phase);
  const hostCpu = floors
    .map((r) => r.run.measured.hostCpuSeconds)
    .filter((n): n is number => n !== undefined);
  return {
    wallSeconds: median(floors.map((r) => r.run.measured.wallSeconds)),
    cpuSeconds: median(floors.map((r) => r.run.measured.cpuSeconds)),
    ...(hostCpu.length ? { hostCpuSeconds: median(hostCpu) } : {}),
    runs: floors.length,
  };
}

export const PHASE_NAMES: Record<Phase, string> = {
  apply: 'first apply',
  noop: 'second apply',
  plan: 'plan / check',
};

/** What the floor a phase is compared with: a first apply with the floor's first run, the rest with its rerun. */
export const floorPhaseFor = (phase: Phase): Phase => (phase === 'apply' ? 'apply' : 'noop');

const range = (pair: [number, number] | undefined) =>
  pair ? (pair[0] === pair[1] ? `${pair[0]}` : `${pair[0]}-${pair[1]}`) : 'n/a';
const seconds = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(2));

/**
 * The figures table: every runner's phases, the floor's apply and rerun once each (medians).
 * Wall and machine CPU (controller plus hosts, where the hosts' CPU is measured) are divided by
 * the floor's matching phase.
 */
export function figuresTable(rows: readonly Row[]): string {
  const lines = [
    '| runner | phase | wall s | controller CPU s | hosts CPU s | wall ÷ floor | machine CPU ÷ floor | changes | round trips / host | sessions / host | end state |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  const machine = (m: { cpuSeconds: number; hostCpuSeconds?: number }) =>
    m.cpuSeconds + (m.hostCpuSeconds ?? 0);
  for (const phase of ['apply', 'noop'] as const) {
    const floorRows = rows.filter((row) => isFloor(row) && row.phase === phase);
    if (!floorRows.length) continue;
    const floor = floorOf(rows, phase);
    const verified = floorRows.every((row) => row.verified === 'ok') ? 'verified' : 'MISMATCH';
    const name =
      phase === 'apply'
        ? `apply, median of ${floor.runs}`
        : `rerun on an applied host, median of ${floor.runs}`;
    lines.push(
      `| ${floorRows[0].runner} | ${name} | ${seconds(floor.wallSeconds)} | ${seconds(floor.cpuSeconds)} | ${seconds(floor.hostCpuSeconds)} | 1.00 | 1.00 | ${floorRows[0].run.changes} | 1 | 1 | ${verified} |`,
    );
  }
  for (const row of rows.filter((r) => !isFloor(r))) {
    const m = row.run.measured;
    const floor = floorOf(rows, floorPhaseFor(row.phase));
    lines.push(
      `| ${row.runner} | ${PHASE_NAMES[row.phase]} | ${seconds(m.wallSeconds)} | ${seconds(m.cpuSeconds)} | ${seconds(m.hostCpuSeconds)} | ${(m.wallSeconds / floor.wallSeconds).toFixed(2)} | ${(machine(m) / machine(floor)).toFixed(2)} | ${row.run.changes} | ${range(row.run.roundTrips)} | ${range(row.run.sessions)} | ${row.verified === 'ok' ? 'verified' : `MISMATCH: ${row.verified}`} |`,
    );
  }
  return lines.join('\n');
}

/** Where the engine's time goes in one phase: process, setup, run, close; per host round trips and their times. */
export function engineBreakdown(phase: Phase, engine: EngineFigures): string {
  const trips = engine.hosts.map((host) => host.trips);
  const most = Math.max(...trips.map((t) => t.length));
  const perTrip: string[] = [];
  for (let k = 0; k < Math.min(most, 3); k++) {
    const nth = trips.map((t) => t[k]).filter(Boolean);
    perTrip.push(
      `#${k + 1} starts at ${median(nth.map((t) => t.startMs))} ms, takes ${median(nth.map((t) => t.ms))} ms (max ${Math.max(...nth.map((t) => t.ms))}), sends ${median(nth.map((t) => t.sentBytes))} B`,
    );
  }
  if (most > 3) {
    const rest = trips.map((t) => t.slice(3));
    const all = rest.flat();
    perTrip.push(
      `#4-#${most}: ${median(rest.map((t) => t.length))} more per host, ${median(all.map((t) => t.ms))} ms each (median), ${median(rest.map((t) => t.reduce((sum, trip) => sum + trip.ms, 0)))} ms per host in all; they alternate re-reading facts (${median(all.filter((_t, i) => i % 2 === 0).map((t) => t.sentBytes))} B) and applying (${median(all.filter((_t, i) => i % 2 === 1).map((t) => t.sentBytes))} B)`,
    );
  }
  const durations = engine.hosts.map((host) => host.durationMs).filter((d): d is number => d !== undefined);
  const engineTrips = engine.hosts
    .map((host) => host.engineRoundTrips)
    .filter((n): n is number => n !== undefined);
  return [
    `- ${PHASE_NAMES[phase]}: process ${(engine.processMs / 1000).toFixed(2)} s = start+load ${((engine.processMs - engine.setupMs - engine.runMs - engine.closeMs) / 1000).toFixed(2)} s + setup ${(engine.setupMs / 1000).toFixed(2)} s + ${phase === 'plan' ? 'plan()' : 'apply()'} ${(engine.runMs / 1000).toFixed(2)} s + close ${(engine.closeMs / 1000).toFixed(2)} s` +
      (durations.length
        ? `; host durations ${Math.min(...durations)}-${Math.max(...durations)} ms (median ${median(durations)})`
        : '') +
      (engineTrips.length
        ? `; HostRunSummary.roundTrips ${Math.min(...engineTrips)}-${Math.max(...engineTrips)}`
        : '') +
      (engine.peakMemory
        ? `; peak resident ${engine.peakRssMiB} MiB (at the largest sample: V8 heap ${engine.peakMemory.heapUsedMiB} MiB used of ${engine.peakMemory.heapTotalMiB}, outside the heap ${engine.peakMemory.externalMiB} MiB)`
        : ''),
    ...perTrip.map((line) => `  - round trip ${line}`),
  ].join('\n');
}

export interface Aim {
  text: string;
  met: boolean;
  detail: string;
}

/** The issue's aims for the engine, checked against the floor measured in the same run. */
export function engineAims(rows: readonly Row[], shells: 'unguarded' | 'guarded'): Aim[] {
  const engine = (phase: Phase) =>
    rows.find((row) => row.runner === 'Provisioning engine' && row.phase === phase);
  const aims: Aim[] = [];
  const ratio = (row: Row | undefined, limit: number, text: string) => {
    if (!row) return;
    const floor = floorOf(rows, floorPhaseFor(row.phase));
    const wall = row.run.measured.wallSeconds / floor.wallSeconds;
    const machineCpu =
      (row.run.measured.cpuSeconds + (row.run.measured.hostCpuSeconds ?? 0)) /
      (floor.cpuSeconds + (floor.hostCpuSeconds ?? 0));
    aims.push({
      text,
      met: wall <= limit && row.verified === 'ok',
      detail: `wall ${wall.toFixed(2)}×, machine CPU ${machineCpu.toFixed(2)}× the floor${row.phase === 'apply' ? '' : "'s rerun"}`,
    });
  };
  ratio(engine('apply'), 1.5, 'first apply at most 1.5× the floor');
  if (shells === 'unguarded')
    ratio(engine('noop'), 1.5, "re-apply with unguarded commands at most 1.5× the floor's rerun");
  else ratio(engine('noop'), 1.1, "converged apply at most 1.1× the floor's rerun");
  ratio(engine('plan'), 1.1, "plan at most 1.1× the floor's rerun");
  for (const phase of shells === 'guarded' ? (['noop', 'plan'] as const) : (['plan'] as const)) {
    const row = engine(phase);
    if (!row?.run.roundTrips) continue;
    aims.push({
      text: `${phase === 'noop' ? 'converged apply' : 'plan'} in at most 2 round trips per host`,
      met: row.run.roundTrips[1] <= 2,
      detail: `${range(row.run.roundTrips)} counted`,
    });
  }
  return aims;
}
