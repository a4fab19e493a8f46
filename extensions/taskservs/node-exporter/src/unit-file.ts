import { systemdCommand } from '@provisioning/sdk';
import type { NodeExporterParams } from './params';

export const BINARY_LINK = '/usr/local/bin/node_exporter';

export function unitFile(params: NodeExporterParams): string {
  const flags = [
    `--web.listen-address=${params.listen_address}`,
    ...params.collectors_enabled.map((name) => `--collector.${name}`),
    ...params.collectors_disabled.map((name) => `--no-collector.${name}`),
  ];
  return `# Managed by provisioning (taskserv node-exporter); changes here are overwritten on the next apply.
[Unit]
Description=Prometheus node_exporter
Documentation=https://github.com/prometheus/node_exporter
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
User=node_exporter
Group=node_exporter
ExecStart=${systemdCommand(BINARY_LINK, ...flags)}
Restart=on-failure
RestartSec=5s
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=read-only
PrivateTmp=yes

[Install]
WantedBy=multi-user.target
`;
}
