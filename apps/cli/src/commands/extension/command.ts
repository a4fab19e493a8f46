import type { CommandDefinition } from '../../cli/command-definition';
import { extensionInfoCommand } from './info/command';
import { extensionInstallCommand } from './install/command';
import { extensionLinkCommand } from './link/command';
import { extensionListCommand } from './list/command';
import { extensionNewCommand } from './new/command';
import { extensionOutdatedCommand } from './outdated/command';
import { extensionPackCommand } from './pack/command';
import { extensionRemoveCommand } from './remove/command';
import { extensionSearchCommand } from './search/command';
import { extensionUnlinkCommand } from './unlink/command';
import { extensionUpdateCommand } from './update/command';

export const extensionCommand: CommandDefinition = {
  name: 'extension',
  summary: 'find, install, update and remove extensions; create, link and pack your own',
  description:
    'Extensions (task services, providers, clusters) are versioned packages. They come from registries declared in provisioning.yaml `registries:` (each with the ed25519 key that signs it), are pinned in provisioning.lock, and are installed into .provisioning/extensions/ (or ~/.provisioning/extensions/ with --user). Every package is checked before anything is written: digest, signature, safe extraction, core range, and its code against its manifest. See docs/extensions.md.',
  examples: [
    { command: 'provisioning extension search', description: 'what the registries offer' },
    { command: 'provisioning extension install redis@^1.2', description: 'install and pin a version' },
    {
      command: 'provisioning extension install --frozen',
      description: 'exactly provisioning.lock, on a fresh clone or in CI',
    },
    {
      command: 'provisioning extension new my-thing && provisioning extension link ./my-thing',
      description: 'write your own and use it live',
    },
  ],
  subcommands: [
    extensionSearchCommand,
    extensionInfoCommand,
    extensionInstallCommand,
    extensionRemoveCommand,
    extensionUpdateCommand,
    extensionOutdatedCommand,
    extensionListCommand,
    extensionLinkCommand,
    extensionUnlinkCommand,
    extensionNewCommand,
    extensionPackCommand,
  ],
};
