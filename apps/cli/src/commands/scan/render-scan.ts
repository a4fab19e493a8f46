import type { ScanResult } from '@provisioning/engine';
import type { Style } from '../../cli/style';
import { renderTable } from '../../render/render-table';

export function renderScan(result: ScanResult, style: Style): string {
  const summary = `Scanned ${result.scanned} address(es) of ${result.cidr} on port ${result.port} in ${(result.durationMs / 1000).toFixed(1)} s: ${result.found.length} SSH server(s).`;
  if (result.found.length === 0) return `${summary}\n`;
  const rows = result.found.map((host) => [
    host.address,
    host.banner,
    host.hostKey.type,
    host.hostKey.fingerprint,
    host.known,
  ]);
  const table = renderTable(
    ['address', 'banner', 'key type', 'fingerprint', 'known_hosts'],
    rows,
    style,
    (cell, column) =>
      column === 4
        ? cell === 'changed'
          ? style.red(cell)
          : cell === 'known'
            ? style.green(cell)
            : style.yellow(cell)
        : cell,
  );
  const others = result.open.map((entry) =>
    style.dim(`${entry.address}: port open, no SSH key exchange (${entry.reason})`),
  );
  return [table, ...others, summary, ''].join('\n');
}
