import type { CommandDefinition } from '../../../cli/command-definition';

export const providerListCommand: CommandDefinition = {
  name: 'list',
  summary: 'providers with their version, default zone, size and image, and their provider_options',
  description:
    'List the providers this installation has (built in, and later installed extensions), the zone, size and image a server without provider_options would get, and the provider_options each accepts. Needs no workspace.',
  examples: [
    { command: 'provisioning provider list', description: 'a table of providers' },
    {
      command: "provisioning provider list --output json | jq -r '.providers[].name'",
      description: 'just the names, for a script',
    },
  ],
  handler: () => import('./handler.js'),
};
