import type { ProviderDefinition } from '@provisioning/sdk';
import { parseProviderOptions } from '@provisioning/sdk';

/** A provider this installation has, for `provider list`. */
export interface ProviderInfo {
  name: string;
  version: string;
  description?: string;
  /** Where and at which size a server with no provider_options would be created. */
  defaults: { zone: string; plan: string; image: string };
  /** Option names of provider_options. */
  options: string[];
}

export function describeProviders(providers: Iterable<ProviderDefinition>): ProviderInfo[] {
  return [...providers]
    .map((provider) => {
      let defaults = { zone: '-', plan: '-', image: '-' };
      try {
        defaults = provider.placement(parseProviderOptions(provider, {}, '(defaults)'));
      } catch {
        // options without defaults (a cloud token): no placement to show until they are given
      }
      const shape = (provider.options as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      return {
        name: provider.name,
        version: provider.version,
        ...(provider.description ? { description: provider.description } : {}),
        defaults,
        options: Object.keys(shape),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
