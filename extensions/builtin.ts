// Built-in extensions the CLI ships with, one array per kind. `nx g @provisioning/nx-plugin:extension`
// adds entries here (an import and an array element, kept sorted).
import { k3sCluster } from '@provisioning/cluster-k3s-cluster';
import { nspawn } from '@provisioning/provider-nspawn';
import type { ClusterDefinition, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';
import { base } from '@provisioning/taskserv-base';
import { k3s } from '@provisioning/taskserv-k3s';
import { nginx } from '@provisioning/taskserv-nginx';
import { nodeExporter } from '@provisioning/taskserv-node-exporter';
import { redis } from '@provisioning/taskserv-redis';

export const taskservs: readonly TaskservDefinition[] = [base, k3s, nginx, nodeExporter, redis];
export const providers: readonly ProviderDefinition[] = [nspawn];
export const clusters: readonly ClusterDefinition[] = [k3sCluster];
