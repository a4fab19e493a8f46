import { Option } from 'commander';
import type { CommandDefinition } from '../../../cli/command-definition';

export const installCatalogCommand: CommandDefinition = {
  name: 'catalog',
  summary: 'the tools install knows, their default versions and the platforms with a verified sha256',
  description:
    'List the tool catalog: each tool with its default version, every version recorded, the platforms whose sha256 is recorded (an install elsewhere needs --sha256), the archive kind and the download URL pattern. --catalog lays an override file over the shipped catalog.',
  examples: [
    { command: 'provisioning install catalog', description: 'the shipped catalog' },
    {
      command: 'provisioning install catalog --catalog lab-tools.yaml --output json',
      description: 'with your own tools and checksums, as JSON',
    },
  ],
  configure: (command) => {
    command.addOption(
      new Option('--catalog <file>', 'a YAML or JSON catalog laid over the shipped one').env(
        'PROVISIONING_INSTALL_CATALOG',
      ),
    );
  },
  handler: () => import('./handler.js'),
};
