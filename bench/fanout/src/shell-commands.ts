import { createHash } from 'node:crypto';
import { ROOT, SEED_CONTENT, SEED_FILE, type WorkloadOp, renderTemplate } from './workload';

/**
 * The workload as POSIX sh, for the two OpenSSH runners: per operation a `check` (exit 0 when the
 * host is already as wanted) and a `change` (does it, unconditionally). File contents travel
 * base64-encoded inside the script, which goes to `sh -s` on stdin.
 */
export interface OpCommands {
  check: string;
  change: string;
}

const q = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function writeFile(path: string, content: string, mode: string): string {
  const tmp = `${path}.fanout-tmp`;
  return `printf %s ${q(Buffer.from(content).toString('base64'))} | base64 -d > ${q(tmp)} && chmod ${mode} ${q(tmp)} && mv -f ${q(tmp)} ${q(path)}`;
}

function fileCheck(path: string, content: string, mode: string): string {
  return `[ -f ${q(path)} ] && [ "$(sha256sum < ${q(path)} | cut -c1-64)" = ${sha256(content)} ] && [ "$(stat -c %a ${q(path)})" = ${mode.replace(/^0/, '')} ]`;
}

export function opCommands(op: WorkloadOp, host: string): OpCommands {
  switch (op.kind) {
    case 'directory':
      return { check: `[ -d ${q(op.path)} ]`, change: `mkdir -p ${q(op.path)}` };
    case 'file':
      return {
        check: fileCheck(op.path, op.content, op.mode),
        change: writeFile(op.path, op.content, op.mode),
      };
    case 'template': {
      const content = renderTemplate(op, host);
      return { check: fileCheck(op.path, content, op.mode), change: writeFile(op.path, content, op.mode) };
    }
    case 'line':
      if (op.regex === undefined) {
        // The append checks first even in the floor: appending again on a rerun would not leave the same file.
        return {
          check: `grep -qxF -- ${q(op.line)} ${q(op.path)} 2>/dev/null`,
          change: `grep -qxF -- ${q(op.line)} ${q(op.path)} 2>/dev/null || echo ${q(op.line)} >> ${q(op.path)}`,
        };
      }
      return {
        check: `[ "$(grep -E -- ${q(op.regex)} ${q(op.path)} 2>/dev/null | tail -n 1)" = ${q(op.line)} ]`,
        // The workload's regexes are anchored ^key *= and match at most one line.
        change: `if grep -qE -- ${q(op.regex)} ${q(op.path)}; then sed -i -E ${q(`s/${op.regex}.*/${op.line.replace(/[/&\\]/g, '\\$&')}/`)} ${q(op.path)}; else echo ${q(op.line)} >> ${q(op.path)}; fi`,
      };
    case 'shell': {
      const guards: string[] = [];
      if (op.creates) guards.push(`[ -e ${q(op.creates)} ]`);
      if (op.unless) guards.push(`( ${op.unless} ) >/dev/null 2>&1`);
      if (op.onlyIf) guards.push(`! ( ${op.onlyIf} ) >/dev/null 2>&1`);
      // An unguarded command runs on every apply, as declared.
      return { check: guards.length ? guards.join(' || ') : 'false', change: op.command };
    }
  }
}

/** One operation sent on its own: check, change if needed, and say which (`ok` or `changed`). */
export function applyOneScript(op: WorkloadOp, host: string): string {
  const { check, change } = opCommands(op, host);
  return `if ${check}; then echo ok; else { ${change}\n} && echo changed; fi\n`;
}

/** One operation's check only: `ok` or `change`, nothing touched. */
export function planOneScript(op: WorkloadOp, host: string): string {
  return `if ${opCommands(op, host).check}; then echo ok; else echo change; fi\n`;
}

/** The floor: every change, unconditionally, in one script; no checks and no reporting. */
export function floorScript(ops: readonly WorkloadOp[], host: string): string {
  return `set -e\n${ops.map((op) => opCommands(op, host).change).join('\n')}\n`;
}

/** Between runners: the target tree removed and the seed file put back. */
export const RESET_SCRIPT = `rm -rf ${ROOT} && mkdir -p ${ROOT}/etc && printf %s ${q(Buffer.from(SEED_CONTENT).toString('base64'))} | base64 -d > ${SEED_FILE} && chmod 644 ${SEED_FILE}\n`;
