import { randomBytes } from 'node:crypto';
import { callsPathFacts, PATH_FACTS_FUNCTION } from './path-facts';

/**
 * Many operations share one round trip: their fragments become numbered sections of one script,
 * framed by a marker with a random nonce (so no file content or command output can forge one).
 * The script travels on stdin to `sh -s`; its body is `{ ...; } </dev/null` blocks, so no command
 * can swallow the rest of the script by reading stdin. A facts script is one block, parsed whole
 * before anything runs; an apply chain is several (stdinScriptGroups), each parsed before it runs.
 */
export const SCRIPT_COMMAND = 'sh -s';

/**
 * Lines as the one `{ ...; } </dev/null` block a script sent to SCRIPT_COMMAND must be (see above).
 * One join, so the script is one flat string: a template around a large join is a rope that is
 * copied flat again when written to the host (at 200 hosts, tens of MiB more garbage).
 */
export const stdinScript = (lines: readonly string[]): string =>
  ['{', ...library(lines), ...lines, '} </dev/null', ''].join('\n');

/** Shell functions the lines call and must define first: `_pf`, path facts (pathFactsScript). */
const library = (lines: readonly string[]): string[] =>
  lines.some(callsPathFacts) ? [PATH_FACTS_FUNCTION] : [];

/**
 * Blocks of lines (each whole commands) packed in order into `{ ...; } </dev/null` groups of about
 * `groupChars` characters, never splitting a block. The shell parses and runs one group before it
 * reads the next, so its parse trees, and with them the memory every fork copies, stay the size of
 * one group rather than of the whole script (a 200-operation chain is half a megabyte); stdin stays
 * closed to every command as in stdinScript. Variables, functions and `exec` redirections carry
 * over from group to group: they are one shell's.
 */
export function stdinScriptGroups(blocks: readonly (readonly string[])[], groupChars = 16_384): string {
  const out: string[] = [];
  let size = 0;
  const functions = library(blocks.flat());
  for (const block of functions.length ? [functions, ...blocks] : blocks) {
    if (size > 0 && size + blockChars(block) > groupChars) {
      out.push('} </dev/null');
      size = 0;
    }
    if (size === 0) out.push('{');
    out.push(...block);
    size += blockChars(block) || 1;
  }
  if (size > 0) out.push('} </dev/null');
  out.push('');
  return out.join('\n');
}

const blockChars = (block: readonly string[]) => block.reduce((sum, line) => sum + line.length + 1, 0);

export function newMarker(): string {
  return `@@PROVISIONING-${randomBytes(6).toString('hex')}`;
}

/** A section's script; `inline` when it may run in the script's own shell (it never exits and sets only variables). */
export type FactsSection = string | { script: string; inline?: boolean };

/** A section's script and whether it runs inline (a plain string runs in a subshell). */
const sectionParts = (section: FactsSection): { script: string; inline?: boolean } =>
  typeof section === 'string' ? { script: section, inline: false } : section;

/**
 * Facts: every section runs, each in its own subshell unless it is inline (one process less);
 * its exit code is reported, not fatal. A `prelude` (shared reads, such as one stat of every path)
 * runs first, in the script's own shell.
 */
export function composeFactsScript(marker: string, sections: readonly FactsSection[], prelude = ''): string {
  const body = sections.map((section, index) => {
    const { script, inline } = sectionParts(section);
    const block = inline ? `{\n${script}\n}` : `(\n${script}\n)`;
    return `printf '\\n${marker} begin ${index}\\n'\n${block}\nprintf '\\n${marker} end ${index} %s\\n' "$?"`;
  });
  return stdinScript(prelude ? [prelude, ...body] : body);
}

/**
 * Sections with the same script (and inlining) collapsed into the first of them: facts scripts only
 * read, so one run answers for all. `sectionOf[i]` is the position of entry i's section in `sections`.
 */
export function uniqueSections<T extends { section: FactsSection }>(
  entries: readonly T[],
): { sections: T[]; sectionOf: number[] } {
  const sections: T[] = [];
  const positions = new Map<string, number>();
  const sectionOf = entries.map((entry) => {
    const { script, inline } = sectionParts(entry.section);
    const key = `${inline ? 'inline' : 'subshell'}\n${script}`;
    let position = positions.get(key);
    if (position === undefined) {
      position = sections.length;
      positions.set(key, position);
      sections.push(entry);
    }
    return position;
  });
  return { sections, sectionOf };
}

export interface SectionOutput {
  text: string;
  /** Exit code of the section; undefined when it never finished (the script died or was cut). */
  code?: number;
}

export function parseSections(output: string, marker: string): Map<number, SectionOutput> {
  const sections = new Map<number, SectionOutput>();
  const pattern = new RegExp(`\\n${escape(marker)} (begin|end) (\\d+)(?: (\\d+))?\\n`, 'g');
  let open: { index: number; from: number } | undefined;
  for (const match of output.matchAll(pattern)) {
    const index = Number(match[2]);
    if (match[1] === 'begin') {
      open = { index, from: (match.index ?? 0) + match[0].length };
      sections.set(index, { text: '' });
    } else if (open && open.index === index) {
      sections.set(index, { text: output.slice(open.from, match.index), code: Number(match[3]) });
      open = undefined;
    }
  }
  if (open) sections.set(open.index, { text: output.slice(open.from) });
  return sections;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
