/**
 * How long `provisioning validate` takes on a large infra: 500 servers in two files, 20 taskservs
 * (with params, dependencies and label selectors) and a 3-role cluster, generated in a temp dir.
 * Prints the median of 10 validations (after one warm-up run) and, as the baseline measured in
 * the same run, the median of 10 bare YAML parses of the same files: on a shared, noisy machine
 * the ratio is the figure to compare.
 *
 *   node -r @swc-node/register libs/config/bench/validate-bench.ts [servers]
 *   node -r @swc-node/register libs/config/bench/validate-bench.ts --hostile
 *
 * `--hostile` times the inputs that used to hang or crash validation instead: 6,000 servers
 * referenced by 6,000 misspelt names (did-you-mean) and an 8,000-entry depends_on chain closed into a
 * cycle, each beside a bare YAML parse of the same file.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { z } from 'zod';
import { validateWorkspace } from '../src/index';

const HOSTILE = process.argv[2] === '--hostile';
const SERVER_COUNT = HOSTILE ? 500 : Number(process.argv[2] ?? 500);
const RUNS = 10;
const ROLES = ['web', 'cache', 'db', 'worker'];

function serversYaml(from: number, to: number): string {
  const lines = ['# yaml-language-server: $schema=../../.provisioning/schemas/infra.schema.json', 'servers:'];
  for (let i = from; i < to; i++) {
    lines.push(
      `  - name: host-${i}`,
      `    address: 10.${Math.floor(i / 65536) % 256}.${Math.floor(i / 256) % 256}.${i % 256}`,
      '    port: 22',
      '    user: deploy',
      '    ssh_key: ~/.ssh/id_ed25519',
      `    labels: { role: ${ROLES[i % ROLES.length]}, zone: z${i % 3}, env: prod }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function taskservsYaml(): string {
  const lines = ['taskservs:'];
  for (let i = 0; i < 20; i++) {
    lines.push(
      `  - name: svc-${i}`,
      '    version: ^1.2.0',
      `    selector: { role: ${ROLES[i % ROLES.length]} }`,
      '    params:',
      `      port: ${8000 + i}`,
      '      memory: 256mb',
    );
    if (i > 0) lines.push(`    depends_on: [svc-${i - 1}]`);
  }
  lines.push('clusters:', '  - name: main', '    roles:');
  for (const role of ROLES.slice(0, 3))
    lines.push(`      ${role}:`, `        selector: { role: ${role} }`, '        taskservs: [svc-0, svc-1]');
  return `${lines.join('\n')}\n`;
}

function createWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'validate-bench-'));
  mkdirSync(join(root, 'infra', 'prod'), { recursive: true });
  writeFileSync(
    join(root, 'provisioning.yaml'),
    'name: bench\ndefault_infra: prod\nsettings:\n  run:\n    parallelism: 50\n',
  );
  const half = Math.floor(SERVER_COUNT / 2);
  writeFileSync(join(root, 'infra', 'prod', 'servers-a.yaml'), serversYaml(0, half));
  writeFileSync(join(root, 'infra', 'prod', 'servers-b.yaml'), serversYaml(half, SERVER_COUNT));
  writeFileSync(join(root, 'infra', 'prod', 'taskservs.yaml'), taskservsYaml());
  return root;
}

function median(run: () => void): { median: number; min: number; max: number } {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2, min: times[0], max: times[RUNS - 1] };
}

function bareParse(root: string): void {
  const dir = join(root, 'infra', 'prod');
  parse(readFileSync(join(root, 'provisioning.yaml'), 'utf8'));
  for (const file of readdirSync(dir)) parse(readFileSync(join(dir, file), 'utf8'));
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

const paramsSchema = z.strictObject({ port: z.number().int(), memory: z.string() });

function main(): void {
  const root = createWorkspace();
  try {
    const validate = () => validateWorkspace(root, { env: {}, taskservLookup: () => ({ paramsSchema }) });
    const warmUp = validate();
    if (!warmUp.ok)
      throw new Error(
        `the generated workspace should be valid:\n${JSON.stringify(warmUp.diagnostics.slice(0, 5), null, 2)}`,
      );
    bareParse(root);
    const validation = median(validate);
    const baseline = median(() => bareParse(root));
    console.log(
      `validate: ${SERVER_COUNT} servers, 20 taskservs, 1 cluster (3 files), load average ${loadavg()[0].toFixed(1)}`,
    );
    console.log(
      `validate median of ${RUNS}: ${ms(validation.median)} (min ${ms(validation.min)}, max ${ms(validation.max)})`,
    );
    console.log(
      `bare YAML.parse median of ${RUNS}: ${ms(baseline.median)} (min ${ms(baseline.min)}); ratio ${(validation.median / baseline.median).toFixed(2)}`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function hostileCase(name: string, yaml: string): void {
  const root = mkdtempSync(join(tmpdir(), 'validate-bench-hostile-'));
  try {
    mkdirSync(join(root, 'infra', 'main'), { recursive: true });
    writeFileSync(join(root, 'provisioning.yaml'), 'name: bench\n');
    writeFileSync(join(root, 'infra', 'main', 'infra.yaml'), yaml);
    const start = performance.now();
    const report = validateWorkspace(root, { env: {} });
    const validation = performance.now() - start;
    const parseStart = performance.now();
    parse(yaml);
    const parsing = performance.now() - parseStart;
    console.log(
      `${name}: validate ${ms(validation)} (${report.errors} errors), bare YAML.parse ${ms(parsing)}, ratio ${(validation / parsing).toFixed(2)}`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function hostile(): void {
  console.log(`hostile inputs, load average ${loadavg()[0].toFixed(1)}`);
  const unknown = ['servers:'];
  for (let i = 0; i < 6000; i++)
    unknown.push(`  - { name: server-${i}, address: 10.0.${Math.floor(i / 256)}.${i % 256} }`);
  unknown.push('taskservs:', '  - name: t', '    servers:');
  for (let i = 0; i < 6000; i++) unknown.push(`      - servr-${i}`);
  hostileCase('6,000 unknown server references', `${unknown.join('\n')}\n`);
  const chain = ['servers:', '  - { name: a, address: 10.0.0.1 }', 'taskservs:'];
  for (let i = 0; i < 8000; i++)
    chain.push(`  - { name: t${i}, servers: [a], depends_on: [t${(i + 1) % 8000}] }`);
  hostileCase('8,000-entry depends_on cycle', `${chain.join('\n')}\n`);
}

if (HOSTILE) hostile();
else main();
