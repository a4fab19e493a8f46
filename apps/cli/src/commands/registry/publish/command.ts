import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const registryPublishCommand: CommandDefinition = {
  name: 'publish',
  arguments: '<package>',
  summary: 'sign a package tarball and add it to a directory registry (index.json rewritten atomically)',
  description:
    'Checks the package as an installer would (safe extraction, a valid manifest), copies it to <kind>/<name>/ in the registry, signs its kind, name, version and sha256 with the ed25519 key, and rewrites index.json in one rename. A published version is immutable: the same version with other bytes is refused. In this repository, `nx run <extension>:publish --registry DIR --key KEYFILE` packs and publishes in one step.',
  examples: [
    {
      command:
        'provisioning registry publish dist/taskserv-my-thing-0.1.0.tgz --registry /srv/registry --key ~/.provisioning/registry-key',
      description: 'publish one version',
    },
  ],
  configure: (command) => {
    command
      .addOption(
        new Option('--registry <dir>', 'the registry directory (created when new)')
          .makeOptionMandatory()
          .env('PROVISIONING_REGISTRY_DIR'),
      )
      .addOption(
        new Option('--key <file>', 'the ed25519 private key (registry keygen)')
          .makeOptionMandatory()
          .env('PROVISIONING_REGISTRY_KEY'),
      );
  },
  handler: () => import('./handler.js'),
};
