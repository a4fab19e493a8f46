import { type Infra, selectServers } from '@provisioning/config';
import { SelectionError } from '../errors';

/**
 * `web-1,web-2` (names) or `role=web` (labels, all must match; several `key=value` items narrow
 * further), or both: names and the label selection add up. `all` (or undefined) selects every server.
 */
export function parseServerSelection(
  infra: Infra,
  text: string | undefined,
): ReadonlySet<string> | undefined {
  if (text === undefined || text.trim() === 'all') return undefined;
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const names = items.filter((item) => !item.includes('='));
  const labels = Object.fromEntries(
    items.filter((item) => item.includes('=')).map((item) => item.split('=', 2) as [string, string]),
  );
  const unknown = names.filter((name) => !infra.servers.some((server) => server.name === name));
  if (unknown.length) {
    throw new SelectionError(
      `infra "${infra.name}" has no server ${unknown.map((n) => `"${n}"`).join(', ')}`,
      `servers: ${infra.servers.map((s) => s.name).join(', ') || 'none'}; select by label with --servers role=web`,
    );
  }
  const selected = selectServers(infra, { servers: names, selector: labels });
  if (selected.length === 0) {
    throw new SelectionError(
      `--servers ${text} selects no server of infra "${infra.name}"`,
      "list them with 'provisioning server list'",
    );
  }
  return new Set(selected.map((server) => server.name));
}

/** A selection given as a comma-separated string or a list, as a set; undefined for all. */
export function nameSet(value: string | readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  const items = typeof value === 'string' ? value.split(',') : value;
  return new Set(items.map((item) => item.trim()).filter(Boolean));
}
