import type { CommandDefinition } from '../../cli/command-definition';
import { clusterCreateCommand } from './create/command';
import { clusterDeleteCommand } from './delete/command';
import { clusterStatusCommand } from './status/command';

export const clusterCommand: CommandDefinition = {
  name: 'cluster',
  summary:
    'build a cluster as one unit (servers, roles in order, health, outputs), show its status, delete it',
  description:
    "A cluster under clusters: names its cluster extension (`cluster: k3s-cluster`) and which servers play each role. `cluster create` creates the missing servers through their providers, applies the roles in order, waits until it is healthy and prints its outputs; editing a role's servers and running it again adds or drains exactly the difference. docs/clusters.md explains each cluster extension.",
  examples: [
    {
      command: 'provisioning cluster create k8s --yes',
      description: 'build or converge cluster k8s without asking',
    },
    {
      command: 'provisioning cluster status k8s',
      description: 'its servers, health checks and outputs (exit 1 when unhealthy)',
    },
    {
      command: 'provisioning cluster delete k8s --yes && provisioning server delete cp-1 worker-1 --yes',
      description: 'tear it down, then delete its servers',
    },
  ],
  subcommands: [clusterCreateCommand, clusterStatusCommand, clusterDeleteCommand],
};
