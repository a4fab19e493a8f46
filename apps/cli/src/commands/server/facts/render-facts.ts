import type { HostFactsResult } from '@provisioning/engine';
import type { Style } from '../../../cli/style';
import { renderTable } from '../../../render/render-table';

/** One row per host; the disks and addresses that do not fit a table are in --output json. */
export function renderFacts({ hosts }: { infra: string; hosts: HostFactsResult[] }, style: Style): string {
  const rows = hosts
    .filter((result) => result.facts)
    .map(({ host, facts }) => {
      const f = facts as NonNullable<HostFactsResult['facts']>;
      return [
        host,
        f.os.prettyName,
        f.kernel,
        f.arch,
        f.cpu.count === null ? '-' : `${f.cpu.count}${f.cpu.model ? ` × ${f.cpu.model}` : ''}`,
        f.memory.totalBytes === null
          ? '-'
          : `${size(f.memory.availableBytes)} / ${size(f.memory.totalBytes)}`,
        f.disks.map((disk) => `${disk.name} ${size(disk.sizeBytes)}`).join(', ') || rootFs(f),
        f.addresses
          .filter((a) => a.family === 'inet')
          .map((a) => a.address)
          .join(', ') || '-',
        f.uptimeSeconds === null ? '-' : duration(f.uptimeSeconds),
      ];
    });
  const table = rows.length
    ? `${renderTable(['host', 'os', 'kernel', 'arch', 'cpus', 'mem free/total', 'disks', 'addresses', 'up'], rows, style)}\n`
    : '';
  const failures = hosts
    .filter((result) => result.error)
    .map(
      ({ host, error }) =>
        `${style.red(`${host}: ${error?.message}`)}${error?.hint ? `\n  ${style.dim(`hint: ${error.hint}`)}` : ''}\n`,
    );
  return table + failures.join('');
}

function rootFs(facts: NonNullable<HostFactsResult['facts']>): string {
  const root = facts.filesystems.find((fs) => fs.mount === '/');
  return root ? `/ ${size(root.usedBytes)} of ${size(root.sizeBytes)}` : '-';
}

export function size(bytes: number | null): string {
  if (bytes === null) return '-';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

function duration(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return days ? `${days}d ${hours}h` : hours ? `${hours}h ${minutes}m` : `${minutes}m`;
}
