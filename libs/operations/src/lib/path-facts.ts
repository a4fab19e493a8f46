import { createHash } from 'node:crypto';
import { quote } from '@provisioning/sdk';
import { emitBase64, FactLines } from './facts-format';

export type PathType = 'none' | 'file' | 'directory' | 'link' | 'other';

export interface PathFacts {
  type: PathType;
  owner?: string;
  group?: string;
  /** Octal permission bits as stat prints them, normalised to 4 digits ("0644"). */
  mode?: string;
  /** sha256 of a regular file's content. */
  sha256?: string;
  size?: number;
  /** The content of a regular file, when asked for and not larger than the limit. */
  content?: string;
  /** A symlink's target. */
  target?: string;
}

/** Above this, a file's content is compared by hash only and its diff is not shown. */
export const CONTENT_LIMIT_BYTES = 1024 * 1024;

/**
 * Shell printing the facts of one path (stat is not followed through links): a call of `_pf`
 * (PATH_FACTS_FUNCTION, which every script sent to `sh -s` that calls it defines once: see
 * sections.ts), so a plan or chain reading hundreds of paths carries that code once. Kept to few
 * processes per path (one stat, then base64 or sha256sum, each taken from the script's batched
 * reads when it has them: pathsPrelude). With `content`, a regular file up to the limit comes back
 * whole (its hash is computed here), unless its sha256 is `unlessSha256` (the content the
 * operation wants: no diff to show); otherwise only its sha256 does.
 */
export function pathFactsScript(
  path: string,
  options: { content?: boolean; unlessSha256?: string } = {},
): string {
  const wanted = !options.content
    ? ''
    : options.unlessSha256
      ? ` ${quote(options.unlessSha256)}`
      : ' content';
  return `${PATH_FACTS_CALL} ${quote(path)}${wanted}`;
}

const PATH_FACTS_CALL = '_pf';

/**
 * `_pf PATH [content | SHA256]`: the facts of PATH (type, stat line, then the sha256, or with
 * `content` the content of a file up to the limit, or with a sha256 the content unless the file
 * has it). Sets `s` and `h` in the calling shell, as the batched reads' `_ps` and `_ph` do.
 */
export const PATH_FACTS_FUNCTION = [
  `${PATH_FACTS_CALL}() {`,
  `  if [ -L "$1" ]; then echo type=link; ${emitBase64('target', 'readlink "$1"')}`,
  '  elif [ -d "$1" ]; then echo type=directory',
  '  elif [ -f "$1" ]; then echo type=file',
  '  elif [ -e "$1" ]; then echo type=other',
  '  else echo type=none; fi',
  // The stat line comes from the script's batched stat when there is one (statPrelude), else its own.
  `  if [ -e "$1" ] || [ -L "$1" ]; then s=; if command -v _ps >/dev/null; then _ps "$1"; fi; [ -n "$s" ] || s=$(stat -c '%U %G %a %s' -- "$1"); echo "stat=$s"; fi`,
  '  [ -f "$1" ] && [ ! -L "$1" ] || return 0',
  `  if [ "\${2-}" = content ] && [ "\${s##* }" -le ${CONTENT_LIMIT_BYTES} ]; then printf content=; base64 -w 0 < "$1"; echo; return 0; fi`,
  '  h=; if command -v _ph >/dev/null; then _ph "$1"; fi; [ -n "$h" ] || { h=$(sha256sum < "$1"); h=${h%% *}; }',
  `  if [ -n "\${2-}" ] && [ "$2" != content ] && [ "$h" != "$2" ] && [ "\${s##* }" -le ${CONTENT_LIMIT_BYTES} ]; then printf content=; base64 -w 0 < "$1"; echo; else echo "sha256=$h"; fi`,
  '}',
].join('\n');

/** Whether a script calls `_pf` (so it must define it): a word of its own, as pathFactsScript writes it. */
export const callsPathFacts = (script: string): boolean => /(^|[\s;(])_pf /m.test(script);

/** Both batched reads of a facts script's paths (statPrelude, hashPrelude), for pathFactsScript. */
export function pathsPrelude(paths: readonly string[]): string {
  return [statPrelude(paths), hashPrelude(paths)].filter(Boolean).join('\n');
}

/** Far below the kernel's limit on one command line (ARG_MAX); a plan that large reads per path. */
const batchable = (paths: readonly string[]) =>
  paths.length >= 2 && paths.reduce((bytes, path) => bytes + path.length + 3, 0) <= 100_000;

/**
 * Shell that hashes every regular file among the paths in one `sha256sum` up front and defines
 * `_ph PATH`, which sets `$h` to that path's sha256. A path whose line is not exactly "<64 hex>
 * <two spaces><path>" (missing, a directory, a name sha256sum escapes) leaves `$h` empty, so that
 * path is hashed on its own: a mismatch costs a process, never a wrong fact. Empty like statPrelude.
 */
export function hashPrelude(paths: readonly string[]): string {
  const unique = [...new Set(paths)];
  if (!batchable(unique)) return '';
  return [
    "_nl='",
    "'",
    `_hb="$(sha256sum -- ${unique.map(quote).join(' ')} 2>/dev/null)$_nl"`,
    '_ph() {',
    `  case $_nl$_hb in *"  $1$_nl"*) ;; *) return 0 ;; esac`,
    '  h=${_hb%%"  $1$_nl"*}; h=${h##*"$_nl"}',
    '  case $h in *[!0-9a-f]*) h= ;; esac',
    '  [ ${#h} -eq 64 ] || h=',
    '}',
  ].join('\n');
}

/**
 * Shell that stats every path of a facts script in one process up front and defines `_ps PATH`,
 * which sets `$s` to that path's line for pathFactsScript (one `stat` per plan instead of one per
 * path). Lines are taken in order; a line that is not the asked path's (it vanished, or its name
 * has a newline) is left and `$s` stays empty, so that path is stat'ed on its own: a mismatch
 * costs a process, never a wrong fact. Empty below two paths or above 100 KB of them.
 */
export function statPrelude(paths: readonly string[]): string {
  if (!batchable(paths)) return '';
  return [
    `_pb=$(stat -c '%U %G %a %s %n' -- ${paths.map(quote).join(' ')} 2>/dev/null)`,
    "_nl='",
    "'",
    '_ps() {',
    '  _pl=${_pb%%"$_nl"*}; s=${_pl% "$1"}',
    // The asked path's line is "owner group mode size PATH": exactly three spaces before the path.
    '  case $s in',
    `    "$_pl" | *' '*' '*' '*' '*) s= ;;`,
    `    *' '*' '*' '*) case $_pb in *"$_nl"*) _pb=\${_pb#*"$_nl"} ;; *) _pb= ;; esac ;;`,
    '    *) s= ;;',
    '  esac',
    '}',
  ].join('\n');
}

export function parsePathFacts(text: string): PathFacts {
  const facts = new FactLines(text);
  const type = (facts.get('type') ?? 'none') as PathType;
  const [owner, group, mode, size] = (facts.get('stat') ?? '').split(' ');
  const target = facts.text('target');
  const raw = facts.get('content');
  const bytes = raw === undefined ? undefined : Buffer.from(raw, 'base64');
  const sha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : facts.get('sha256')?.slice(0, 64);
  return {
    type,
    ...(owner ? { owner, group, mode: normaliseMode(mode), size: Number(size) } : {}),
    ...(sha256 ? { sha256 } : {}),
    ...(bytes ? { content: bytes.toString('utf8') } : {}),
    ...(target !== undefined ? { target: target.replace(/\n$/, '') } : {}),
  };
}

export function normaliseMode(mode: string | undefined): string | undefined {
  return mode === undefined ? undefined : mode.padStart(4, '0');
}

/** Differences in mode/owner/group that the operation asks for, as "mode 0600 -> 0644". */
export function attributeChanges(
  wanted: { mode?: string; owner?: string; group?: string },
  facts: PathFacts,
): string[] {
  const changes: string[] = [];
  const mode = normaliseMode(wanted.mode);
  if (mode && mode !== facts.mode) changes.push(`mode ${facts.mode ?? '-'} -> ${mode}`);
  if (wanted.owner && wanted.owner !== facts.owner)
    changes.push(`owner ${facts.owner ?? '-'} -> ${wanted.owner}`);
  if (wanted.group && wanted.group !== facts.group)
    changes.push(`group ${facts.group ?? '-'} -> ${wanted.group}`);
  return changes;
}

/** Shell applying mode/owner/group to a path (only the ones given). */
export function attributesScript(
  path: string,
  wanted: { mode?: string; owner?: string; group?: string },
): string {
  const lines: string[] = [];
  if (wanted.mode) lines.push(`chmod ${quote(wanted.mode)} -- ${quote(path)}`);
  if (wanted.owner || wanted.group)
    lines.push(
      `chown ${quote(`${wanted.owner ?? ''}${wanted.group ? `:${wanted.group}` : ''}`)} -- ${quote(path)}`,
    );
  return lines.join('\n');
}

/**
 * Shell that sets `$p` to a path's state in one line or two, cheaply: for a regular file its
 * owner, group and mode (stat) and sha256 (sha256sum, as "<hex>  -"), else "other" or "none" with
 * no process at all. It runs in an apply chain's own shell, to tell whether a whole-file
 * operation's path is still as planned.
 */
export function pathStateScript(path: string): string {
  const p = quote(path);
  return `if [ -f ${p} ] && [ ! -L ${p} ]; then p="$(stat -c '%U %G %a' -- ${p})
$(sha256sum < ${p})"; elif [ -e ${p} ] || [ -L ${p} ]; then p=other; else p=none; fi`;
}

/** What `pathStateScript` sets `$p` to for these facts. */
export function pathStateOf(facts: PathFacts): string {
  if (facts.type === 'none') return 'none';
  if (facts.type !== 'file' || !facts.sha256 || !facts.mode) return 'other';
  return `${facts.owner} ${facts.group} ${parseInt(facts.mode, 8).toString(8)}\n${facts.sha256}  -`;
}

/** Shell that sets `$p` to a directory's state (owner, group, mode: one stat), else "other" or "none" (no process). */
export function directoryStateScript(path: string): string {
  const p = quote(path);
  return `if [ -d ${p} ] && [ ! -L ${p} ]; then p="d $(stat -c '%U %G %a' -- ${p})"; elif [ -e ${p} ] || [ -L ${p} ]; then p=other; else p=none; fi`;
}

/** What `directoryStateScript` sets `$p` to for these facts. */
export function directoryStateOf(facts: PathFacts): string {
  if (facts.type === 'none') return 'none';
  if (facts.type !== 'directory' || !facts.mode) return 'other';
  return `d ${facts.owner} ${facts.group} ${parseInt(facts.mode, 8).toString(8)}`;
}
