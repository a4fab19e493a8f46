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
  runs: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export function floorOf(rows: readonly Row[]): Floor {
  const floors = rows.filter((row) => row.runner.includes('(floor)'));
  return { wallSeconds: median(floors.map((r) => r.run.measured.wallSeconds)), cpuSeconds: median(floors.map((r) => r.run.measured.cpuSeconds)), runs: floors.length };
}

const PHASE_NAMES: Record<Phase, string> = { apply: 'first apply', noop: 'second apply (no-op)', plan: 'plan / check' };

/** The figures table: every runner's phases, the floor once (median of its runs). */
export function figuresTable(rows: readonly Row[]): string {
  const floor = floorOf(rows);
  const lines = [
    '| runner | phase | wall s | CPU s | wall ÷ floor | CPU ÷ floor | changes | round trips / host | end state |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  const floorRows = rows.filter((row) => row.runner.includes('(floor)'));
  const firstFloor = floorRows[0];
  if (firstFloor) {
    const verified = floorRows.every((row) => row.verified === 'ok') ? 'verified' : 'MISMATCH';
    lines.push(`| ${firstFloor.runner} | apply, median of ${floor.runs} | ${floor.wallSeconds.toFixed(2)} | ${floor.cpuSeconds.toFixed(2)} | 1.00 | 1.00 | ${firstFloor.run.changes} | 1 | ${verified} |`);
  }
  for (const row of rows.filter((r) => !r.runner.includes('(floor)'))) {
    const m = row.run.measured;
    const trips = row.run.roundTrips ? (row.run.roundTrips[0] === row.run.roundTrips[1] ? `${row.run.roundTrips[0]}` : `${row.run.roundTrips[0]}-${row.run.roundTrips[1]}`) : 'n/a';
    lines.push(
      `| ${row.runner} | ${PHASE_NAMES[row.phase]} | ${m.wallSeconds.toFixed(2)} | ${m.cpuSeconds.toFixed(2)} | ${(m.wallSeconds / floor.wallSeconds).toFixed(2)} | ${(m.cpuSeconds / floor.cpuSeconds).toFixed(2)} | ${row.run.changes} | ${trips} | ${row.verified === 'ok' ? 'verified' : `MISMATCH: ${row.verified}`} |`,
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
    perTrip.push(`#${k + 1} starts at ${median(nth.map((t) => t.startMs))} ms, takes ${median(nth.map((t) => t.ms))} ms (max ${Math.max(...nth.map((t) => t.ms))}), sends ${median(nth.map((t) => t.sentBytes))} B`);
  }
  if (most > 3) {
    const rest = trips.map((t) => t.slice(3));
    const all = rest.flat();
    perTrip.push(
      `#4-#${most}: ${median(rest.map((t) => t.length))} more per host, ${median(all.map((t) => t.ms))} ms each (median), ${median(rest.map((t) => t.reduce((sum, trip) => sum + trip.ms, 0)))} ms per host in all; they alternate re-reading facts (${median(all.filter((_t, i) => i % 2 === 0).map((t) => t.sentBytes))} B) and applying (${median(all.filter((_t, i) => i % 2 === 1).map((t) => t.sentBytes))} B)`,
    );
  }
  const durations = engine.hosts.map((host) => host.durationMs).filter((d): d is number => d !== undefined);
  const engineTrips = engine.hosts.map((host) => host.engineRoundTrips).filter((n): n is number => n !== undefined);
  return [
    `- ${PHASE_NAMES[phase]}: process ${(engine.processMs / 1000).toFixed(2)} s = start+load ${((engine.processMs - engine.setupMs - engine.runMs - engine.closeMs) / 1000).toFixed(2)} s + setup ${(engine.setupMs / 1000).toFixed(2)} s + ${phase === 'plan' ? 'plan()' : 'apply()'} ${(engine.runMs / 1000).toFixed(2)} s + close ${(engine.closeMs / 1000).toFixed(2)} s` +
      (durations.length ? `; host durations ${Math.min(...durations)}-${Math.max(...durations)} ms (median ${median(durations)})` : '') +
      (engineTrips.length ? `; HostRunSummary.roundTrips ${Math.min(...engineTrips)}-${Math.max(...engineTrips)}` : ''),
    ...perTrip.map((line) => `  - round trip ${line}`),
  ].join('\n');
}

export interface Aim {
  text: string;
  met: boolean;
  detail: string;
}

export function engineAims(rows: readonly Row[]): Aim[] {
  const floor = floorOf(rows);
  const engine = (phase: Phase) => rows.find((row) => row.runner === 'Provisioning engine' && row.phase === phase);
  const aims: Aim[] = [];
  const ratio = (row: Row | undefined, limit: number, text: string) => {
    if (!row) return;
    const wall = row.run.measured.wallSeconds / floor.wallSeconds;
    const cpu = row.run.measured.cpuSeconds / floor.cpuSeconds;
    aims.push({ text, met: wall <= limit && cpu <= limit && row.verified === 'ok', detail: `wall ${wall.toFixed(2)}×, CPU ${cpu.toFixed(2)}× the floor` });
  };
  ratio(engine('apply'), 2, 'first apply at most 2× the floor');
  ratio(engine('noop'), 1, 'no-op apply at most 1× the floor');
  ratio(engine('plan'), 1, 'plan at most 1× the floor');
  for (const phase of ['apply', 'noop', 'plan'] as const) {
    const row = engine(phase);
    if (!row?.run.roundTrips) continue;
    aims.push({ text: `${PHASE_NAMES[phase]} in at most 2 round trips per host`, met: row.run.roundTrips[1] <= 2, detail: `${row.run.roundTrips[0]}-${row.run.roundTrips[1]} counted` });
  }
  return aims;
}
