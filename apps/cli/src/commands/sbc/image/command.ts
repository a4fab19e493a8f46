import type { CommandDefinition } from '../../../cli/command-definition';
import { sbcImageBurnCommand } from './burn/command';
import { sbcImageConfigureCommand } from './configure/command';

export const sbcImageCommand: CommandDefinition = {
  name: 'image',
  summary: 'burn an image to a card, or write first-boot configuration into one',
  description:
    'Images on this machine: `burn` writes one to a device and verifies it, `configure` writes Raspberry Pi OS first-boot settings into an image file or a card.',
  examples: [
    {
      command:
        'provisioning sbc image burn --image https://example.org/raspios.img.xz --sha256 <hex> --device /dev/sdb --yes',
      description: 'download, check, burn and verify without asking',
    },
  ],
  subcommands: [sbcImageBurnCommand, sbcImageConfigureCommand],
};
