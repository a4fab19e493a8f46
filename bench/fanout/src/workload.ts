/**
 * The fanout workload as data: 50 operations per host under /srv/fanout, shared by every runner
 * (engine, Ansible, OpenSSH per command, OpenSSH one script) so they all do the same work, and
 * the end state each must leave, so none wins by skipping work.
 *
 * Placeholders in template text are `{{ name }}`: `host` (the host's name) and the template's params.
 * Line regexes are anchored `^key *=` forms, so `sed`, `grep -E`, Python and JavaScript read them alike.
 */
/** The target tree on every host (FANOUT_ROOT only for trying the scripts locally). */
export const ROOT = process.env.FANOUT_ROOT ?? '/srv/fanout';

export interface DirectoryOp {
  kind: 'directory';
  path: string;
}
export interface FileOp {
  kind: 'file';
  path: string;
  content: string;
  mode: string;
}
export interface TemplateOp {
  kind: 'template';
  path: string;
  template: string;
  params: Record<string, string | number>;
  mode: string;
}
export interface LineOp {
  kind: 'line';
  path: string;
  line: string;
  regex?: string;
}
export interface ShellOp {
  kind: 'shell';
  command: string;
  creates?: string;
  unless?: string;
  onlyIf?: string;
}
export type WorkloadOp = DirectoryOp | FileOp | TemplateOp | LineOp | ShellOp;

/** What the reset leaves on every host before a runner starts: the tree removed, one seeded file. */
export const SEED_FILE = `${ROOT}/etc/app.ini`;
export const SEED_CONTENT = ['# app.ini as the base image ships it', '[main]', ...[1, 2, 3, 4, 5].map((k) => `key_${k} = old`), 'debug = false', ''].join('\n');

const pad = (n: number) => String(n).padStart(2, '0');
const modes = ['0644', '0640', '0600'];

/** Deterministic text of about `bytes` bytes (a config-like body, different per file). */
function body(seed: number, bytes: number): string {
  const lines: string[] = [`# data file ${seed}`];
  let size = lines[0].length + 1;
  for (let i = 0; size < bytes; i++) {
    const line = `entry_${seed}_${i} = ${((seed * 7919 + i * 104729) % 1000003).toString(36)}-${'x'.repeat((seed + i) % 23)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

const TEMPLATE = [
  '# managed by the fanout benchmark',
  'host = {{ host }}',
  'service = {{ name }}',
  'listen = 0.0.0.0:{{ port }}',
  'workers = {{ workers }}',
  'log = /var/log/{{ name }}.log',
  '',
].join('\n');

export function workload(): WorkloadOp[] {
  const ops: WorkloadOp[] = [];
  for (const dir of ['app', 'app/conf', 'app/data', 'out']) ops.push({ kind: 'directory', path: `${ROOT}/${dir}` });
  for (let i = 1; i <= 16; i++) {
    ops.push({ kind: 'file', path: `${ROOT}/app/data/blob-${pad(i)}.dat`, content: body(i, 256 * 2 ** (i % 6)), mode: modes[i % 3] });
  }
  for (let i = 1; i <= 10; i++) {
    ops.push({ kind: 'template', path: `${ROOT}/app/conf/svc-${pad(i)}.conf`, template: TEMPLATE, params: { name: `svc-${pad(i)}`, port: 8000 + i, workers: (i % 4) + 1 }, mode: '0644' });
  }
  for (let k = 1; k <= 5; k++) ops.push({ kind: 'line', path: SEED_FILE, line: `key_${k} = new-${k}`, regex: `^key_${k} *=` });
  for (let k = 1; k <= 5; k++) ops.push({ kind: 'line', path: `${ROOT}/etc/limits.conf`, line: `svc-${pad(k)} soft nofile ${1024 * k}` });
  const out = `${ROOT}/out`;
  ops.push(
    { kind: 'shell', command: `LC_ALL=C sort ${SEED_FILE} > ${out}/app.sorted`, creates: `${out}/app.sorted` },
    { kind: 'shell', command: `wc -l < ${ROOT}/etc/limits.conf > ${out}/limits.count`, creates: `${out}/limits.count` },
    { kind: 'shell', command: `LC_ALL=C ls ${ROOT}/app/conf > ${out}/conf.list`, creates: `${out}/conf.list` },
    { kind: 'shell', command: `hostname > ${out}/host.id`, creates: `${out}/host.id` },
  );
  for (let k = 1; k <= 3; k++) {
    ops.push({ kind: 'shell', command: `echo stamp=${k} > ${out}/stamp-${k}`, unless: `grep -qx stamp=${k} ${out}/stamp-${k}` });
  }
  for (let k = 1; k <= 3; k++) {
    ops.push({ kind: 'shell', command: `echo once-${k} > ${out}/once-${k}`, onlyIf: `test ! -s ${out}/once-${k}` });
  }
  return ops;
}

/** `{{ name }}` replaced by the host's name or a param: the content every runner must produce. */
export function renderTemplate(op: TemplateOp, host: string): string {
  const values: Record<string, string | number> = { host, ...op.params };
  return op.template.replace(/\{\{ (\w+) \}\}/g, (_m, name: string) => {
    if (!(name in values)) throw new Error(`template ${op.path}: no value for ${name}`);
    return String(values[name]);
  });
}
