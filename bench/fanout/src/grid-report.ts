/**
 * One table from the grid's cells (bench/fanout/grid.sh): per hosts x tasks, the floor's and the
 * engine's wall time, their ratio, the machine CPU per task per host (controller plus hosts), the
 * engine's round trips and the controller's peak memory.
 *
 *   node -r @swc-node/register bench/fanout/src/grid-report.ts DIR [--docs]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { floorOf, type Row } from './report';
import type { Phase } from './runners';

interface Cell {
  hosts: number;
  operations: number;
  load: number[];
  rows: Row[];
}

const engineRow = (cell: Cell, phase: Phase) =>
  cell.rows.find((row) => row.runner === 'Provisioning engine' && row.phase === phase);
const machine = (m: { cpuSeconds: number; hostCpuSeconds?: number }) =>
  m.cpuSeconds + (m.hostCpuSeconds ?? 0);
const perTaskMs = (cpu: number, cell: Cell) => ((cpu / (cell.hosts * cell.operations)) * 1000).toFixed(1);

export function gridTable(cells: readonly Cell[]): string {
  const lines = [
    '| hosts × tasks | floor apply s | engine first apply s | ÷ floor | floor rerun s | engine re-apply s | ÷ floor rerun | engine plan s | ÷ floor rerun | machine CPU ms per task per host: floor / engine apply | round trips / host (apply, re-apply, plan) | controller peak RSS MiB | end state | load |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const cell of [...cells].sort((a, b) => a.hosts - b.hosts || a.operations - b.operations)) {
    const floor = floorOf(cell.rows, 'apply');
    const rerun = floorOf(cell.rows, 'noop');
    const [apply, again, plan] = (['apply', 'noop', 'plan'] as const).map((phase) => engineRow(cell, phase));
    const wall = (row: Row | undefined) => (row ? row.run.measured.wallSeconds.toFixed(2) : 'n/a');
    const ratio = (row: Row | undefined, base: number) =>
      row ? (row.run.measured.wallSeconds / base).toFixed(2) : 'n/a';
    const trips = [apply, again, plan]
      .map((row) => (row?.run.roundTrips ? `${row.run.roundTrips[1]}` : '-'))
      .join(', ');
    const rss = Math.max(...[apply, again, plan].map((row) => row?.run.engine?.peakRssMiB ?? 0));
    const verified = cell.rows.every((row) => row.verified === 'ok') ? 'verified' : 'MISMATCH';
    lines.push(
      `| ${cell.hosts} × ${cell.operations} | ${floor.wallSeconds.toFixed(2)} | ${wall(apply)} | ${ratio(apply, floor.wallSeconds)} | ${rerun.wallSeconds.toFixed(2)} | ${wall(again)} | ${ratio(again, rerun.wallSeconds)} | ${wall(plan)} | ${ratio(plan, rerun.wallSeconds)} | ${perTaskMs(machine(floor), cell)} / ${apply ? perTaskMs(machine(apply.run.measured), cell) : 'n/a'} | ${trips} | ${rss || 'n/a'} | ${verified} | ${Math.min(...cell.load).toFixed(0)}-${Math.max(...cell.load).toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}

function main(): void {
  const dir = process.argv[2];
  if (!dir) throw new Error('give the directory of the cells (dist/bench/fanout/grid)');
  const cells = readdirSync(dir)
    .filter((name) => /^\d+x\d+\.json$/.test(name))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Cell);
  const table = gridTable(cells);
  const summary = [
    `Measured ${new Date().toISOString().slice(0, 10)} on light hosts (bench/fanout/light-hosts.sh), the engine against the floor in the same run of each cell; commands unguarded (the re-apply reruns them). Machine CPU is the controller's process tree plus every host's sshd and sessions.`,
    '',
    table,
  ].join('\n');
  process.stdout.write(`${summary}\n`);
  if (process.argv.includes('--docs')) {
    const repoRoot = resolve(__dirname, '../../..');
    const { replaceSection } = require(join(repoRoot, 'tools/scripts/benchmarks-doc.js')) as {
      replaceSection(file: string, name: string, body: string): void;
    };
    replaceSection(join(repoRoot, 'docs/benchmarks.md'), 'fanout-scale', summary);
  }
}

main();
