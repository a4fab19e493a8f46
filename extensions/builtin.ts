// Built-in extensions the CLI ships with, one array per kind. `nx g @provisioning/nx-plugin:extension`
// adds entries here (an import and an array element, kept sorted).
import { k3sCluster } from '@provisioning/cluster-k3s-cluster';
import { aws } from '@provisioning/provider-aws';
import { digitalocean } from '@provisioning/provider-digitalocean';
import { hetzner } from '@provisioning/provider-hetzner';
import { nspawn } from '@provisioning/provider-nspawn';
import { upcloud } from '@provisioning/provider-upcloud';
import type {
  ClusterDefinition,
  ProviderDefinition,
  TaskservDefinition,
  TaskservScenario,
} from '@provisioning/sdk';
import { base, baseScenarios } from '@provisioning/taskserv-base';
import { caddy, caddyScenarios } from '@provisioning/taskserv-caddy';
import { chrony, chronyScenarios } from '@provisioning/taskserv-chrony';
import { containerd, containerdScenarios } from '@provisioning/taskserv-containerd';
import { docker, dockerScenarios } from '@provisioning/taskserv-docker';
import { etcd, etcdScenarios } from '@provisioning/taskserv-etcd';
import { fail2ban, fail2banScenarios } from '@provisioning/taskserv-fail2ban';
import { firewall, firewallScenarios } from '@provisioning/taskserv-firewall';
import { haproxy, haproxyScenarios } from '@provisioning/taskserv-haproxy';
import { k3s, k3sScenarios } from '@provisioning/taskserv-k3s';
import { nginx, nginxScenarios } from '@provisioning/taskserv-nginx';
import { nodeExporter, nodeExporterScenarios } from '@provisioning/taskserv-node-exporter';
import {
  postgresql,
  postgresqlReplicaScenarios,
  postgresqlScenarios,
} from '@provisioning/taskserv-postgresql';
import { prometheus, prometheusScenarios } from '@provisioning/taskserv-prometheus';
import { redis, redisScenarios } from '@provisioning/taskserv-redis';
import { rpiNetwork } from '@provisioning/taskserv-rpi-network';
import { rpiNode } from '@provisioning/taskserv-rpi-node';
import { unattendedUpgrades, unattendedUpgradesScenarios } from '@provisioning/taskserv-unattended-upgrades';

export const taskservs: readonly TaskservDefinition[] = [
  base,
  caddy,
  chrony,
  containerd,
  docker,
  etcd,
  fail2ban,
  firewall,
  haproxy,
  k3s,
  nginx,
  nodeExporter,
  postgresql,
  prometheus,
  redis,
  rpiNetwork,
  rpiNode,
  unattendedUpgrades,
];
/** The scenarios the built-in task services ship: `provisioning test NAME` and the e2e suite run them. */
export const scenarios: readonly TaskservScenario[] = [
  ...baseScenarios,
  ...caddyScenarios,
  ...chronyScenarios,
  ...containerdScenarios,
  ...dockerScenarios,
  ...fail2banScenarios,
  ...firewallScenarios,
  ...haproxyScenarios,
  ...k3sScenarios,
  ...nginxScenarios,
  ...nodeExporterScenarios,
  ...postgresqlScenarios,
  ...redisScenarios,
  ...unattendedUpgradesScenarios,
  ...prometheusScenarios,
  ...etcdScenarios,
  ...postgresqlReplicaScenarios,
];
export const providers: readonly ProviderDefinition[] = [aws, digitalocean, hetzner, nspawn, upcloud];
export const clusters: readonly ClusterDefinition[] = [k3sCluster];
