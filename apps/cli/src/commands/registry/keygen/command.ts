import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const registryKeygenCommand: CommandDefinition = {
  name: 'keygen',
  summary: 'make an ed25519 key pair for signing packages: KEYFILE (private, 0600) and KEYFILE.pub',
  description:
    'Writes the private key (PKCS#8 PEM, mode 0600) for `registry publish --key` / `nx run <extension>:publish --key`, and the public key (base64) for public_key in the registries: of provisioning.yaml. Refuses to overwrite an existing key.',
  examples: [
    {
      command: 'provisioning registry keygen --out ~/.provisioning/registry-key',
      description: 'the key pair of a team registry',
    },
    {
      command: 'provisioning registry keygen --out key --output json',
      description: 'the public key and its id, for a script',
    },
  ],
  configure: (command) => {
    command.addOption(
      new Option('--out <file>', 'where to write the private key (the public one goes to FILE.pub)')
        .default('registry-key')
        .env('PROVISIONING_REGISTRY_KEY'),
    );
  },
  handler: () => import('./handler.js'),
};
