import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const extensionInstallCommand: CommandDefinition = {
  name: 'install',
  arguments: '[packages...]',
  summary:
    'install extensions from the registries (NAME[@RANGE]) or a package file, and pin them in provisioning.lock',
  description:
    "Resolves each NAME[@RANGE] against the registries of provisioning.yaml (the highest version that fits the range, the core and every dependency), checks each package (sha256, the registry's ed25519 signature, safe extraction, manifest against code) before anything is written, installs into .provisioning/extensions/ and writes provisioning.lock. Without packages it installs what the lock says (a fresh clone); with --frozen it refuses to change the lock. A path ending in .tgz installs that package file.",
  examples: [
    {
      command: 'provisioning extension install redis@^1.2',
      description: 'the newest 1.x from 1.2 on, with its dependencies',
    },
    {
      command: 'provisioning extension install --frozen',
      description: 'exactly the versions and digests of provisioning.lock (CI, a second machine)',
    },
    {
      command: 'provisioning extension install ./taskserv-hello-0.1.0.tgz',
      description: 'a package file someone gave you (checked the same way)',
    },
    {
      command: 'provisioning extension install hello --user',
      description: 'for every workspace of this user (~/.provisioning/extensions/)',
    },
  ],
  configure: (command) => {
    command
      .addOption(
        new Option('--frozen', 'install exactly provisioning.lock; fail instead of changing it').env(
          'PROVISIONING_FROZEN',
        ),
      )
      .addOption(
        new Option(
          '--user',
          "install into ~/.provisioning/extensions/ (its own lock) instead of the workspace's",
        ).env('PROVISIONING_EXTENSION_USER'),
      );
  },
  handler: () => import('./handler.js'),
};
