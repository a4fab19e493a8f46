import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { quote } from '@provisioning/sdk';

export interface AtomicWrite {
  path: string;
  content: string | Buffer;
  mode: string;
  owner?: string;
  group?: string;
  /** Keep this owner/group when running as root and none is asked for (an existing file's). */
  preserveOwner?: { owner?: string; group?: string };
  /** Refuse to write unless the file still has this sha256 ('absent': does not exist): the plan was computed from it. */
  expectSha256?: string | 'absent';
}

/**
 * Shell that writes a file atomically: content (base64, inside the script that travels on stdin,
 * so never on a command line) goes to a new temp file in the same directory, gets its mode and
 * owner, then is renamed over the path. A failure at any step removes the temp file and leaves the
 * old file untouched. Few processes per file: the mode comes from the umask where it can.
 */
export function atomicWriteScript(write: AtomicWrite): string {
  const delimiter = `PROV_EOF_${randomBytes(8).toString('hex').toUpperCase()}`;
  const base64 = Buffer.from(write.content)
    .toString('base64')
    .replace(/.{1,76}/g, '$&\n');
  const mode = parseInt(write.mode, 8);
  // Files are created 0666 & ~umask, so a mode without execute or special bits needs no chmod.
  const modeByUmask = (mode & ~0o666) === 0;
  return [
    expectation(write),
    `d=${quote(posix.dirname(write.path))}`,
    '[ -d "$d" ] || mkdir -p -- "$d"',
    `t="$d/"${quote(`.provisioning.${randomBytes(6).toString('hex')}`)}`,
    `trap 'rm -f "$t"' EXIT`,
    modeByUmask ? `umask ${(~mode & 0o777).toString(8).padStart(3, '0')}` : '',
    'set -C', // the temp name must be new: never write through a file or link placed there
    `base64 -d > "$t" <<'${delimiter}'`,
    `${base64}${delimiter}`,
    modeByUmask ? '' : `chmod ${quote(write.mode)} -- "$t"`,
    chownScript(write),
    `mv -f -- "$t" ${quote(write.path)}`,
    'trap - EXIT',
  ]
    .filter(Boolean)
    .join('\n');
}

function chownScript(write: AtomicWrite): string {
  if (write.owner || write.group)
    return `chown ${quote(`${write.owner ?? ''}${write.group ? `:${write.group}` : ''}`)} -- "$t"`;
  const keep = write.preserveOwner;
  // Only root can give a file away; a new file of root's is root:root already.
  if (!keep?.owner || (keep.owner === 'root' && keep.group === 'root')) return '';
  return `if [ "$(id -u)" -eq 0 ]; then chown ${quote(`${keep.owner}:${keep.group ?? ''}`.replace(/:$/, ''))} -- "$t"; fi`;
}

function expectation(write: AtomicWrite): string {
  const p = quote(write.path);
  const stale = `{ echo ${quote(`${write.path} changed since it was planned; run plan again`)} >&2; exit 75; }`;
  if (write.expectSha256 === undefined) return '';
  if (write.expectSha256 === 'absent') return `[ ! -e ${p} ] || ${stale}`;
  return `[ "$(sha256sum < ${p} | cut -c1-64)" = ${quote(write.expectSha256)} ] || ${stale}`;
}

/** The script as shown in errors and logs: heredoc bodies (file contents) left out. */
export function displayScript(script: string): string {
  return script.replace(/<<'(PROV_EOF_[0-9A-F]+)'\n[\s\S]*?\n\1/g, "<<'$1' (content omitted)");
}
