#!/usr/bin/env node
// `npm run bench:startup`: cold-start time of the bundled CLI (`--version`, `--help`, `doctor --help`)
// beside a bare `node -e 0` measured in the same run, median of RUNS each. Writes the figures into
// docs/benchmarks.md between the bench:startup markers. Figures, not a pass/fail test.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { replaceSection } = require('./benchmarks-doc');

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/apps/cli/main.mjs');
const RUNS = Number(process.env.RUNS ?? 20);

if (!fs.existsSync(cli)) {
  console.error('dist/apps/cli/main.mjs is missing: run `npx nx build cli` first.');
  process.exit(1);
}

function time(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function measure(args) {
  for (let i = 0; i < 3; i++) time(args); // warm the page cache
  const samples = Array.from({ length: RUNS }, () => time(args)).sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { median: at(0.5), p90: at(0.9), min: samples[0] };
}

const cases = [
  ['node -e 0 (baseline)', ['-e', '0']],
  ['provisioning --version', [cli, '--version']],
  ['provisioning --help', [cli, '--help']],
  ['provisioning doctor --help', [cli, 'doctor', '--help']],
];
const rows = cases.map(([name, args]) => ({ name, ...measure(args) }));
const baseline = rows[0].median;
const bundleKiB = (fs.statSync(cli).size / 1024).toFixed(0);
const load = os.loadavg()[0].toFixed(1);

const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (load average ${load} at the end),`,
  `Node ${process.version}, bundle ${bundleKiB} KiB, median of ${RUNS} runs after 3 warm-up runs.`,
  '',
  '| command | median ms | p90 ms | min ms | median minus bare node |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| \`${r.name}\` | ${r.median.toFixed(1)} | ${r.p90.toFixed(1)} | ${r.min.toFixed(1)} | ${(r.median - baseline).toFixed(1)} |`,
  ),
].join('\n');

console.log(table);
replaceSection(path.join(root, 'docs/benchmarks.md'), 'startup', table);
console.log('\nwrote docs/benchmarks.md (section startup)');
