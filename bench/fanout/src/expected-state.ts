import { createHash } from 'node:crypto';
import { type LineOp, ROOT, SEED_CONTENT, SEED_FILE, type WorkloadOp, renderTemplate } from './workload';

/** One entry of a host's tree under ROOT, as `verifyScript` prints it: type, octal mode, path, sha256 of files. */
export type Manifest = Map<string, string>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Present: replace the last line the regex matches, else keep an identical line, else append. */
function editLines(op: LineOp, text: string): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const regex = op.regex === undefined ? undefined : new RegExp(op.regex);
  const last = regex ? lines.map((candidate) => regex.test(candidate)).lastIndexOf(true) : -1;
  if (last >= 0) lines[last] = op.line;
  else if (!lines.includes(op.line)) lines.push(op.line);
  return `${lines.join('\n')}\n`;
}

/** The tree every runner must leave on `host`: every directory and file, its mode and content hash. */
export function expectedManifest(ops: readonly WorkloadOp[], host: string): Manifest {
  const files = new Map<string, { content: string; mode: string }>([
    [SEED_FILE, { content: SEED_CONTENT, mode: '644' }],
  ]);
  const dirs = new Set([`${ROOT}/etc`]);
  const mode = (octal: string) => octal.replace(/^0/, '');
  for (const op of ops) {
    if (op.kind === 'directory') dirs.add(op.path);
    else if (op.kind === 'file') files.set(op.path, { content: op.content, mode: mode(op.mode) });
    else if (op.kind === 'template')
      files.set(op.path, { content: renderTemplate(op, host), mode: mode(op.mode) });
    else if (op.kind === 'line')
      files.set(op.path, {
        content: editLines(op, files.get(op.path)?.content ?? ''),
        mode: files.get(op.path)?.mode ?? '644',
      });
  }
  // What each command leaves, as the workload declares it.
  for (const op of ops)
    if (op.kind === 'shell') files.set(op.produces.path, { content: op.produces.content, mode: '644' });

  const manifest: Manifest = new Map();
  const rel = (path: string) => path.slice(ROOT.length + 1);
  for (const dir of dirs) manifest.set(rel(dir), `d 755`);
  for (const [path, file] of files) manifest.set(rel(path), `f ${file.mode} ${sha256(file.content)}`);
  return manifest;
}

/** Prints every entry under ROOT as `path<TAB>type mode [sha256]`, sorted; what `parseManifest` reads. */
export const VERIFY_SCRIPT = `cd ${ROOT} || exit 3
find . -mindepth 1 \\( -type d -printf '%P\\t%y %m\\n' \\) -o \\( -type f -printf '%P\\t%y %m ' -exec sh -c 'sha256sum < "$1" | cut -c1-64' _ {} \\; \\) -o -printf '%P\\t%y\\n' | LC_ALL=C sort
`;

export function parseManifest(text: string): Manifest {
  const manifest: Manifest = new Map();
  for (const line of text.split('\n').filter(Boolean)) {
    const [path, entry] = line.split('\t');
    manifest.set(path, entry);
  }
  return manifest;
}

/** Differences between what a host has and what it should have, one line each (empty when equal). */
export function compareManifests(expected: Manifest, actual: Manifest): string[] {
  const problems: string[] = [];
  for (const [path, entry] of expected) {
    const got = actual.get(path);
    if (got === undefined) problems.push(`missing ${path}`);
    else if (got !== entry) problems.push(`${path}: want "${entry}", have "${got}"`);
  }
  for (const path of actual.keys()) if (!expected.has(path)) problems.push(`unexpected ${path}`);
  return problems;
}
