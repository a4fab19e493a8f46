import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { ConfigWriteError } from '../errors';
import { infraFileSchema } from '../schema/infra-file';
import { writeFileAtomic } from '../settings/atomic-write';

export interface NewServer {
  name: string;
  address: string;
  port?: number;
  user?: string;
  labels?: Record<string, string>;
}

export interface AddServersResult {
  /** The file written (relative to the workspace root). */
  file: string;
  added: NewServer[];
  /** Servers left out because the infra already has that name or address:port. */
  skipped: Array<{ server: NewServer; reason: string }>;
}

/**
 * Appends servers to `infra/<infra>/servers.yaml` (created with the infra folder when missing),
 * keeping the file's comments and layout. A name or address:port the infra already has, in any of
 * its files, is skipped and reported. The file is written atomically and only when valid.
 */
export function addServersToInfra(
  workspaceRoot: string,
  infra: string,
  servers: readonly NewServer[],
): AddServersResult {
  const dir = join(workspaceRoot, 'infra', infra);
  const file = join(dir, 'servers.yaml');
  const existing = existingServers(dir);
  const added: NewServer[] = [];
  const skipped: AddServersResult['skipped'] = [];
  for (const server of servers) {
    const clash = [...existing, ...added].find(
      (other) =>
        other.name === server.name ||
        (other.address === server.address && (other.port ?? 22) === (server.port ?? 22)),
    );
    if (clash)
      skipped.push({
        server,
        reason:
          clash.name === server.name
            ? `the name ${server.name} is taken`
            : `${server.address} is already server ${clash.name}`,
      });
    else added.push(server);
  }
  const shown = relative(workspaceRoot, file);
  if (added.length === 0) return { file: shown, added, skipped };

  const document = parseDocument(existsSync(file) ? readFileSync(file, 'utf8') : '');
  if (document.errors.length)
    throw new ConfigWriteError(
      `${shown} does not parse as YAML (${document.errors[0].message}); fix it before adding servers`,
    );
  if (!isMap(document.contents)) document.contents = document.createNode({}) as never;
  let list = document.get('servers');
  if (!isSeq(list)) {
    list = new YAMLSeq();
    document.set('servers', list);
  }
  for (const server of added) {
    const node = document.createNode(withoutUndefined(server));
    (node as { flow?: boolean }).flow = true;
    (list as YAMLSeq).add(node);
  }
  const text = document.toString({ lineWidth: 0 });
  const checked = infraFileSchema.safeParse(parseDocument(text).toJS());
  if (!checked.success)
    throw new ConfigWriteError(
      `adding the servers would make ${shown} invalid: ${checked.error.issues[0]?.message}; nothing was written`,
    );
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(file, text);
  return { file: shown, added, skipped };
}

function existingServers(dir: string): NewServer[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .flatMap((name) => {
      const data = parseDocument(readFileSync(join(dir, name), 'utf8')).toJS() as {
        servers?: unknown;
      } | null;
      return Array.isArray(data?.servers) ? (data.servers as NewServer[]) : [];
    })
    .filter((server) => server && typeof server === 'object');
}

function withoutUndefined(server: NewServer): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(server).filter(
      ([, value]) => value !== undefined && !(typeof value === 'object' && Object.keys(value).length === 0),
    ),
  );
}
