import type { ProviderDefinition } from '@provisioning/sdk';
import { providers } from '@provisioning/builtin-extensions';

/** The providers this CLI ships with, by name. */
export function builtinProviders(): ReadonlyMap<string, ProviderDefinition> {
  return new Map(providers.map((definition) => [definition.name, definition]));
}
