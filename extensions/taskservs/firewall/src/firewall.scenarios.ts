import type { TaskservScenario } from '@provisioning/sdk';

const common = {
  ssh_port: 22,
  allow: [
    { port: 80, comment: 'http' },
    { port: 5432, sources: ['10.0.0.0/8', 'fd00::/8'], comment: 'postgresql from the private networks' },
    { port: '60000-61000', protocol: 'udp' },
  ],
};
const table = 'nft list table inet provisioning';

export const firewallScenarios: readonly TaskservScenario[] = [
  {
    name: 'firewall: default drop with ports as data, the SSH port kept open, then a port added',
    taskserv: 'firewall',
    description:
      'Every step after the first runs over SSH through the new ruleset, which proves the SSH rule; adding a port rewrites the candidate, which passes nft -c and is loaded once.',
    hosts: 1,
    apply: { params: common },
    checks: [
      { description: 'input drops what no rule allows', command: table, expect: 'policy drop;' },
      {
        description: 'the SSH port of this run is open',
        command: table,
        expect: 'tcp dport 22 accept comment "ssh (always open to the engine)"',
      },
      {
        description: 'a port open to networks, per family',
        command: table,
        expect: 'tcp dport 5432 ip6 saddr fd00::/8 accept',
      },
      { description: 'a UDP range', command: table, expect: 'udp dport 60000-61000 accept' },
      {
        description: 'the ruleset loads at boot',
        command: 'systemctl is-enabled nftables',
        expect: 'enabled',
      },
    ],
    change: {
      params: { ...common, allow: [...common.allow, { port: 443 }] },
      changes: ['file:firewall-candidate', 'shell:firewall-check-load'],
    },
    removed: [
      {
        description: 'the table is gone',
        command: `${table} 2>&1 || true`,
        expect: 'No such file or directory',
      },
      {
        description: 'nothing loads at boot',
        command: 'systemctl is-enabled nftables || true',
        expect: 'disabled',
      },
    ],
  },
];
