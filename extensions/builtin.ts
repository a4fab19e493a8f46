// Built-in extensions the CLI ships with, one array per kind. `nx g @provisioning/nx-plugin:extension`
// adds entries here (an import and an array element, kept sorted).
import { k3sCluster } from '@provisioning/cluster-k3s-cluster';
import { nspawn } from '@provisioning/provider-nspawn';
import type { ClusterDefinition, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';
import { base } from '@provisioning/taskserv-base';
import { caddy } from '@provisioning/taskserv-caddy';
import { chrony } from '@provisioning/taskserv-chrony';
import { containerd } from '@provisioning/taskserv-containerd';
import { docker } from '@provisioning/taskserv-docker';
import { etcd } from '@provisioning/taskserv-etcd';
import { fail2ban } from '@provisioning/taskserv-fail2ban';
import { firewall } from '@provisioning/taskserv-firewall';
import { haproxy } from '@provisioning/taskserv-haproxy';
import { k3s } from '@provisioning/taskserv-k3s';
import { nginx } from '@provisioning/taskserv-nginx';
import { nodeExporter } from '@provisioning/taskserv-node-exporter';
import { postgresql } from '@provisioning/taskserv-postgresql';
import { prometheus } from '@provisioning/taskserv-prometheus';
import { redis } from '@provisioning/taskserv-redis';
import { rpiNetwork } from '@provisioning/taskserv-rpi-network';
import { rpiNode } from '@provisioning/taskserv-rpi-node';
import { unattendedUpgrades } from '@provisioning/taskserv-unattended-upgrades';

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
export const providers: readonly ProviderDefinition[] = [nspawn];
export const clusters: readonly ClusterDefinition[] = [k3sCluster];
