import { randomFillSync } from 'node:crypto';
import { posix } from 'node:path';
import { quote } from '@provisioning/sdk';
import { STALE_PLAN_EXIT } from './errors';

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
 * old file untouched, and the script's status is non-zero (75 when the file changed since it was
 * planned: nothing was written).
 *
 * It is one and-or list that sets no shell option, trap or umask of the shell running it (only
 * variables named `_p*`), so an apply chain runs it in its own shell without a subshell. Few
 * processes per file: base64 and mv, plus chmod/chown only where the umask cannot give the mode.
 */
export function atomicWriteScript(write: AtomicWrite): string {
  const delimiter = `PROV_EOF_${randomHex(8).toUpperCase()}`;
  const base64 = Buffer.from(write.content)
    .toString('base64')
    .replace(/.{1,76}/g, '$&\n');
  const mode = parseInt(write.mode, 8);
  // Files are created 0666 & ~umask, so a mode without execute or special bits needs no chmod.
  const modeByUmask = (mode & ~0o666) === 0;
  const umask = modeByUmask ? `umask ${(~mode & 0o777).toString(8).padStart(3, '0')}; ` : '';
  const steps = [
    `_pd=${quote(posix.dirname(write.path))} && _pt="$_pd/"${quote(`.provisioning.${randomHex(6)}`)} &&`,
    '{ [ -d "$_pd" ] || mkdir -p -- "$_pd"; } &&',
    // set -C: the temp name must be new, never a file or link placed there.
    `( ${umask}set -C; exec base64 -d > "$_pt" ) <<'${delimiter}' &&`,
    `${base64}${delimiter}`,
    modeByUmask ? '' : `chmod ${quote(write.mode)} -- "$_pt" &&`,
    chownStep(write),
    `mv -f -- "$_pt" ${quote(write.path)} || { rm -f -- "$_pt"; false; }`,
  ].filter(Boolean);
  const written = steps.join('\n');
  const stale = expectation(write);
  if (!stale) return written;
  return `if ${stale.test}; then\n${written}\nelse echo ${quote(`${write.path} changed since it was planned; run plan again`)} >&2; (exit ${STALE_PLAN_EXIT}); fi`;
}

const pool = Buffer.alloc(4096);
let used = pool.length;

/** Random hex, from a pool refilled 4 KiB at a time (a chain of 200 files asked for 400 small draws). */
function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += bytes;
  return pool.toString('hex', used - bytes, used);
}

function chownStep(write: AtomicWrite): string {
  if (write.owner || write.group)
    return `chown ${quote(`${write.owner ?? ''}${write.group ? `:${write.group}` : ''}`)} -- "$_pt" &&`;
  const keep = write.preserveOwner;
  // Only root can give a file away; a new file of root's is root:root already.
  if (!keep?.owner || (keep.owner === 'root' && keep.group === 'root')) return '';
  return `{ [ "$(id -u)" -ne 0 ] || chown ${quote(`${keep.owner}:${keep.group ?? ''}`.replace(/:$/, ''))} -- "$_pt"; } &&`;
}

/** The test that the file is still as planned; sha256sum prints "<hex>  -" for stdin. */
function expectation(write: AtomicWrite): { test: string } | undefined {
  const p = quote(write.path);
  if (write.expectSha256 === undefined) return undefined;
  if (write.expectSha256 === 'absent') return { test: `[ ! -e ${p} ]` };
  return { test: `[ "$(sha256sum < ${p})" = ${quote(`${write.expectSha256}  -`)} ]` };
}

/** The script as shown in errors and logs: heredoc bodies (file contents) left out. */
export function displayScript(script: string): string {
  return script.replace(
    /<<'(PROV_EOF_[0-9A-F]+)'([^\n]*)\n[\s\S]*?\n\1(?:\n|$)/g,
    "<<'$1'$2 (content omitted)\n",
  );
}
