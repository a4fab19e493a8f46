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
 * so never on a command line) goes to a temp file in the same directory, gets its mode and owner,
 * then is renamed over the path. A failure at any step removes the temp file and leaves the old
 * file untouched.
 */
export function atomicWriteScript(write: AtomicWrite): string {
  const p = quote(write.path);
  const delimiter = `PROV_EOF_${randomBytes(8).toString('hex').toUpperCase()}`;
  const base64 = Buffer.from(write.content).toString('base64').replace(/.{1,76}/g, '$&\n');
  const owner = write.owner ?? write.preserveOwner?.owner;
  const group = write.group ?? write.preserveOwner?.group;
  const ownerSpec = owner || group ? quote(`${owner ?? ''}${group ? `:${group}` : ''}`) : undefined;
  const chown = !ownerSpec
    ? ''
    : write.owner || write.group
      ? `chown ${ownerSpec} "$t"`
      : `if [ "$(id -u)" -eq 0 ]; then chown ${ownerSpec} "$t"; fi`;
  return [
    expectation(write),
    `d=${quote(posix.dirname(write.path))}`,
    'mkdir -p "$d"',
    `t=$(mktemp "$d/.provisioning.XXXXXX")`,
    `trap 'rm -f "$t"' EXIT`,
    `base64 -d > "$t" <<'${delimiter}'`,
    `${base64}${delimiter}`,
    `chmod ${quote(write.mode)} "$t"`,
    chown,
    `mv -f "$t" ${p}`,
    'trap - EXIT',
  ]
    .filter(Boolean)
    .join('\n');
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
