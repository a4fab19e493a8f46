/**
 * The fanout workload as data: `FANOUT_TASKS` operations per host (10, 50, 200; default 50) under
 * /srv/fanout, shared by every runner
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
  /** The file the command leaves and its content (for the expected end state). */
  produces: { path: string; content: string };
}
export type WorkloadOp = DirectoryOp | FileOp | TemplateOp | LineOp | ShellOp;

/** What the reset leaves on every host before a runner starts: the tree removed, one seeded file. */
export const SEED_FILE = `${ROOT}/etc/app.ini`;
export const SEED_CONTENT = [
  '# app.ini as the base image ships it',
  '[main]',
  ...[1, 2, 3, 4, 5].map((k) => `key_${k} = old`),
  'debug = false',
  '',
].join('\n');

const pad = (n: number) => String(n).padStart(3, '0');
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

/**
 * How shell commands are written: `unguarded` (the default) has one command per 10 operations
 * with no guard, which runs on every apply, as declared; `guarded` gives it `creates`, so a
 * second apply has nothing to do (the converged case).
 */
export type ShellMode = 'unguarded' | 'guarded';

export interface WorkloadOptions {
  tasks?: number;
  shells?: ShellMode;
}

/** What the environment asks for (the engine runner is a child process and reads it too). */
export function workloadOptions(env: NodeJS.ProcessEnv = process.env): Required<WorkloadOptions> {
  const tasks = Number(env.FANOUT_TASKS ?? 50);
  if (!Number.isInteger(tasks) || tasks < 10 || tasks % 10 !== 0)
    throw new Error(`FANOUT_TASKS must be a multiple of 10 (10, 50, 200), not ${env.FANOUT_TASKS}`);
  const shells = (env.FANOUT_SHELLS ?? 'unguarded') as ShellMode;
  if (shells !== 'unguarded' && shells !== 'guarded')
    throw new Error(`FANOUT_SHELLS is unguarded or guarded, not ${env.FANOUT_SHELLS}`);
  return { tasks, shells };
}

/**
 * Blocks of 10 operations, each in its own directory, in the order a task service writes them:
 * a directory, a file, a shell command that reads it (unguarded or `creates`), a file, a
 * template, a line edit of the shared seed file, a file, a template, a line appended to a shared
 * file, and a command guarded by `unless` (skipped once done). Commands only read files of their
 * own block that nothing later changes, so every runner's order leaves the same end state.
 */
export function workload(options: WorkloadOptions = workloadOptions()): WorkloadOp[] {
  const { tasks, shells } = { ...workloadOptions(), ...options };
  const ops: WorkloadOp[] = [];
  for (let b = 1; b <= tasks / 10; b++) {
    const dir = `${ROOT}/b${pad(b)}`;
    const data = body(b, 256 * 2 ** (b % 6));
    const sorted = `${data.replace(/\n$/, '').split('\n').sort().join('\n')}\n`;
    ops.push(
      { kind: 'directory', path: dir },
      { kind: 'file', path: `${dir}/data.txt`, content: data, mode: modes[b % 3] },
      {
        kind: 'shell',
        command: `LC_ALL=C sort ${dir}/data.txt > ${dir}/data.sorted`,
        ...(shells === 'guarded' ? { creates: `${dir}/data.sorted` } : {}),
        produces: { path: `${dir}/data.sorted`, content: sorted },
      },
      {
        kind: 'file',
        path: `${dir}/blob.dat`,
        content: body(1000 + b, 512 * 2 ** (b % 5)),
        mode: modes[(b + 1) % 3],
      },
      {
        kind: 'template',
        path: `${dir}/svc.conf`,
        template: TEMPLATE,
        params: { name: `svc-${pad(b)}`, port: 8000 + b, workers: (b % 4) + 1 },
        mode: '0644',
      },
      { kind: 'line', path: SEED_FILE, line: `key_${b} = new-${b}`, regex: `^key_${b} *=` },
      { kind: 'file', path: `${dir}/extra.dat`, content: body(2000 + b, 1024), mode: '0644' },
      {
        kind: 'template',
        path: `${dir}/worker.conf`,
        template: TEMPLATE,
        params: { name: `worker-${pad(b)}`, port: 9000 + b, workers: (b % 3) + 1 },
        mode: '0640',
      },
      { kind: 'line', path: `${ROOT}/etc/limits.conf`, line: `svc-${pad(b)} soft nofile ${1024 * b}` },
      {
        kind: 'shell',
        command: `echo stamp=${b} > ${dir}/stamp`,
        unless: `grep -qx stamp=${b} ${dir}/stamp`,
        produces: { path: `${dir}/stamp`, content: `stamp=${b}\n` },
      },
    );
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
