export { k3sCluster, k3sClusterParams, nodesReadyCommand, type K3sClusterParams } from './k3s-cluster';
