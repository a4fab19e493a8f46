import { systemdCommand } from '@provisioning/sdk';

export const K3S_BINARY = '/usr/local/bin/k3s';

/**
 * The unit the k3s install script writes, with a bounded start timeout: Type=notify waits for k3s
 * to say it is ready, and an apply should fail rather than hang when it never does. Every argument
 * is quoted for systemd (`%` and `$` would otherwise be expanded by systemd itself).
 */
export function unitFile(description: string, execStart: readonly string[]): string {
  return `# Managed by provisioning (taskserv k3s); changes here are overwritten on the next apply.
[Unit]
Description=${description}
Documentation=https://k3s.io
Wants=network-online.target
After=network-online.target

[Service]
Type=notify
EnvironmentFile=-/etc/default/%N
KillMode=process
Delegate=yes
LimitNOFILE=1048576
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
TimeoutStartSec=600
Restart=always
RestartSec=5s
ExecStartPre=-/sbin/modprobe br_netfilter
ExecStartPre=-/sbin/modprobe overlay
ExecStart=${systemdCommand(K3S_BINARY, ...execStart)}

[Install]
WantedBy=multi-user.target
`;
}
