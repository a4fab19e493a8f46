import { posix } from 'node:path';
import { quote } from '@provisioning/sdk';
import type { DownloadOperation } from '@provisioning/sdk';
import { FactLines } from '../lib/facts-format';
import type { OperationHandler } from '../lib/handler';
import { attributeChanges, parsePathFacts, pathFactsScript } from '../lib/path-facts';
import type { PathFacts } from '../lib/path-facts';

export interface DownloadFacts extends PathFacts {
  /** The host's cache already holds a file with this sha256. */
  cached: boolean;
}

const cachePath = (op: DownloadOperation) => posix.join(op.cacheDir, op.sha256);

export const downloadHandler: OperationHandler<DownloadOperation, DownloadFacts> = {
  kind: 'download',

  inlineFacts: true,
  factsScript: (op) =>
    `${pathFactsScript(op.path)}\nif [ -f ${quote(cachePath(op))} ]; then echo cached=yes; else echo cached=no; fi`,
  parseFacts: (text) => ({ ...parsePathFacts(text), cached: new FactLines(text).get('cached') === 'yes' }),

  diff(op, facts) {
    const attributes = attributeChanges(op, facts);
    if (facts.type === 'file' && facts.sha256 === op.sha256) {
      return attributes.length
        ? { changed: true, summary: `update ${op.path}: ${attributes.join(', ')}` }
        : { changed: false, summary: `${op.path} has sha256 ${op.sha256.slice(0, 12)}` };
    }
    if (facts.type === 'directory')
      return {
        changed: true,
        summary: `${op.path} is a directory`,
        problem: `${op.path} is a directory; download needs a file path`,
      };
    const from = facts.cached ? 'from the host cache' : `from ${op.url}`;
    return {
      changed: true,
      summary: `${facts.type === 'none' ? 'create' : 'replace'} ${op.path} ${from} (sha256 ${op.sha256.slice(0, 12)})`,
    };
  },

  changeScript(op) {
    const cached = quote(cachePath(op));
    const sha = quote(op.sha256);
    const url = quote(op.url);
    const mismatch = `echo "download of $url has sha256 $got," ${quote(`expected ${op.sha256}; check the URL or the checksum`)} >&2`;
    const owner =
      op.owner || op.group
        ? `chown ${quote(`${op.owner ?? ''}${op.group ? `:${op.group}` : ''}`)} -- "$u"`
        : '';
    return [
      `c=${cached}; url=${url}`,
      `mkdir -p -- ${quote(op.cacheDir)}`,
      `if [ ! -f "$c" ] || [ "$(sha256sum < "$c" | cut -c1-64)" != ${sha} ]; then`,
      '  t=$(mktemp "$c.XXXXXX"); trap \'rm -f "$t"\' EXIT',
      '  if command -v curl >/dev/null 2>&1; then curl -fsSL -o "$t" "$url"',
      '  elif command -v wget >/dev/null 2>&1; then wget -q -O "$t" "$url"',
      '  else echo "neither curl nor wget is installed on this host; install one (package operation)" >&2; exit 1; fi',
      `  got=$(sha256sum < "$t" | cut -c1-64)`,
      `  [ "$got" = ${sha} ] || { ${mismatch}; exit 1; }`,
      '  mv -f "$t" "$c"',
      'fi',
      `d=${quote(posix.dirname(op.path))}; mkdir -p -- "$d"`,
      'u=$(mktemp "$d/.provisioning.XXXXXX"); trap \'rm -f "$u"\' EXIT',
      'cp "$c" "$u"',
      `chmod ${quote(op.mode ?? '0644')} -- "$u"`,
      owner,
      `mv -f -- "$u" ${quote(op.path)}`,
      'trap - EXIT',
    ]
      .filter(Boolean)
      .join('\n');
  },

  paths: (op) => [op.path],
};
