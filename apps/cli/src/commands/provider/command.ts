import type { CommandDefinition } from '../../cli/command-definition';
import { providerListCommand } from './list/command';

export const providerCommand: CommandDefinition = {
  name: 'provider',
  summary: 'the providers that create servers (nspawn, cloud providers)',
  description:
    "A server with `provider: NAME` is created, listed and deleted by that provider (`provisioning server create`); `static` servers already exist. Each provider takes its settings from the server's provider_options (credentials as {{secret.NAME}}).",
  examples: [
    {
      command: 'provisioning provider list',
      description: 'the providers this installation has, with where and at which size they create by default',
    },
  ],
  subcommands: [providerListCommand],
};
