import { type Infra, selectServers } from '@provisioning/config';
import { UsageError } from '../cli/errors';

/**
 * `--servers web-1,web-2` (names) or `--servers role=web` (labels, all must match; several
 * `key=value` items narrow further), or both: names and the label selection add up.
 */
export function parseServerSelection(infra: Infra, text: string | undefined): ReadonlySet<string> | undefined {
  if (text === undefined) return undefined;
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  const names = items.filter((item) => !item.includes('='));
  const labels = Object.fromEntries(items.filter((item) => item.includes('=')).map((item) => item.split('=', 2) as [string, string]));
  const unknown = names.filter((name) => !infra.servers.some((server) => server.name === name));
  if (unknown.length) {
    throw new UsageError(
      `infra "${infra.name}" has no server ${unknown.map((n) => `"${n}"`).join(', ')}`,
      `servers: ${infra.servers.map((s) => s.name).join(', ') || 'none'}; select by label with --servers role=web`,
    );
  }
  const selected = selectServers(infra, { servers: names, selector: labels });
  if (selected.length === 0) {
    throw new UsageError(`--servers ${text} selects no server of infra "${infra.name}"`, "list them with 'provisioning server list'");
  }
  return new Set(selected.map((server) => server.name));
}

export function parseNameList(text: string | undefined): ReadonlySet<string> | undefined {
  if (text === undefined) return undefined;
  return new Set(text.split(',').map((item) => item.trim()).filter(Boolean));
}
