import type { ClusterDefinition, ProviderDefinition } from '@provisioning/sdk';
import { clusters, providers } from '@provisioning/builtin-extensions';

/** The providers this CLI ships with, by name. */
export function builtinProviders(): ReadonlyMap<string, ProviderDefinition> {
  return new Map(providers.map((definition) => [definition.name, definition]));
}

/** The cluster extensions this CLI ships with, by name. */
export function builtinClusters(): ReadonlyMap<string, ClusterDefinition> {
  return new Map(clusters.map((definition) => [definition.name, definition]));
}
