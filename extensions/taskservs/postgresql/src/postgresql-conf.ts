import type { HbaRule, PostgresqlParams } from './params';

const HEADER =
  '# Managed by provisioning (taskserv postgresql); changes here are overwritten on the next apply.';

/** postgresql.conf quoting: single quotes, a quote doubled. */
function settingValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** The conf.d drop-in: read after postgresql.conf (Debian's include_dir = 'conf.d'), so its values win; a replica's starts with where its primary is. */
export function postgresqlDropIn(params: PostgresqlParams, primaryConninfo?: string): string {
  const settings: Array<[string, string | number | boolean]> = [
    ...(primaryConninfo ? [['primary_conninfo', primaryConninfo] as [string, string]] : []),
    ['listen_addresses', params.listen_addresses.join(',')],
    ['port', params.port],
    ['max_connections', params.max_connections],
    ['shared_buffers', params.shared_buffers],
    ['effective_cache_size', params.effective_cache_size],
    ['work_mem', params.work_mem],
    ['maintenance_work_mem', params.maintenance_work_mem],
    ...Object.entries(params.settings).sort(([a], [b]) => a.localeCompare(b)),
  ];
  return [HEADER, ...settings.map(([name, value]) => `${name} = ${settingValue(value)}`), ''].join('\n');
}

/** The superuser's peer rule comes first: the task service manages roles and databases through it. */
const SUPERUSER_RULE: HbaRule = { type: 'local', database: 'all', user: 'postgres', method: 'peer' };

export function pgHba(rules: readonly HbaRule[]): string {
  const line = (rule: HbaRule) =>
    [rule.type, rule.database, rule.user, ...(rule.address ? [rule.address] : []), rule.method].join('\t');
  return [
    HEADER,
    '# TYPE\tDATABASE\tUSER\tADDRESS\tMETHOD',
    line(SUPERUSER_RULE),
    ...rules.map(line),
    '',
  ].join('\n');
}
